import { useEffect } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { api } from '../../lib/api.ts';
import { keys, meQuery, useMe } from '../../lib/queries.ts';
import { rememberReturnTo } from '../../lib/return-to.ts';
import { formatDateTime, roleLabel } from '../../lib/format.ts';
import type { AcceptInvitationResult, InvitationPreview } from '../../lib/types.ts';
import { Alert } from '../../components/ui/alert.tsx';
import { Button, buttonClass } from '../../components/ui/button.tsx';
import { ErrorState, LoadingState } from '../../components/ui/states.tsx';
import { AuthLayout } from './auth-layout.tsx';

const STATUS_MESSAGES = {
  expired: 'This invitation has expired. Ask the person who invited you for a new one.',
  used: 'This invitation has already been used.',
  revoked: 'This invitation was withdrawn. Ask the person who invited you for a new one.',
} as const;

export function AcceptInvitationPage() {
  const { token = '' } = useSearch({ from: '/accept-invitation' });
  const preview = useQuery({
    queryKey: keys.invitation(token),
    queryFn: () => api.get<InvitationPreview>(`/invitations/${encodeURIComponent(token)}`),
    enabled: token !== '',
  });
  const me = useMe();

  let body: React.ReactNode;
  if (!token) body = <Alert tone="error">This link is incomplete. Open the link from the invitation email again.</Alert>;
  else if (preview.isPending || me.isPending) body = <LoadingState label="Loading the invitation…" />;
  else if (preview.isError) body = <ErrorState error={preview.error} onRetry={() => void preview.refetch()} />;
  else body = <InvitationDetails token={token} invitation={preview.data} signedInEmail={me.data?.user.email ?? null} />;

  return <AuthLayout title="Join an organisation">{body}</AuthLayout>;
}

function InvitationDetails({ token, invitation, signedInEmail }: { token: string; invitation: InvitationPreview; signedInEmail: string | null }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const here = `/accept-invitation?token=${encodeURIComponent(token)}`;
  const accept = useMutation({
    mutationFn: () => api.post<AcceptInvitationResult>('/invitations/accept', { token }),
    onSuccess: async (result) => {
      await queryClient.fetchQuery({ ...meQuery, staleTime: 0 });
      void navigate({ to: '/orgs/$orgId/dashboard', params: { orgId: result.organization.id } });
    },
  });
  const isSignedIn = signedInEmail !== null;
  useEffect(() => {
    if (!isSignedIn && invitation.status === 'valid') rememberReturnTo(here);
  }, [isSignedIn, invitation.status, here]);

  const summary = (
    <div className="rounded-lg bg-gray-50 p-4 text-sm ring-1 ring-gray-200">
      <p>
        {invitation.inviter ? <strong>{invitation.inviter.name || invitation.inviter.email}</strong> : 'Someone'} invited{' '}
        <strong>{invitation.email}</strong> to join <strong>{invitation.organization.name}</strong> as {roleLabel(invitation.role)}.
      </p>
      <p className="mt-1 text-gray-500">Expires {formatDateTime(invitation.expiresAt)}</p>
    </div>
  );

  if (invitation.status !== 'valid') {
    return (
      <div className="space-y-4">
        {summary}
        <Alert tone="warning">{STATUS_MESSAGES[invitation.status]}</Alert>
      </div>
    );
  }

  if (!isSignedIn) {
    return (
      <div className="space-y-4">
        {summary}
        <p className="text-sm text-gray-600">Sign in or create an account with {invitation.email} to accept.</p>
        <div className="grid gap-2 sm:grid-cols-2">
          <Link to="/sign-in" search={{ email: invitation.email, redirect: here }} className={buttonClass('primary')}>
            Sign in to accept
          </Link>
          <Link to="/sign-up" search={{ email: invitation.email, redirect: here }} className={buttonClass('secondary')}>
            Create an account
          </Link>
        </div>
      </div>
    );
  }

  const isOtherEmail = signedInEmail.toLowerCase() !== invitation.email.toLowerCase();
  return (
    <div className="space-y-4">
      {summary}
      {isOtherEmail && (
        <Alert tone="warning">
          You are signed in as {signedInEmail}, but this invitation was sent to {invitation.email}.
        </Alert>
      )}
      {accept.isError && <Alert tone="error">{accept.error.message}</Alert>}
      <Button className="w-full" isLoading={accept.isPending} onClick={() => accept.mutate()}>
        Accept invitation
      </Button>
    </div>
  );
}
