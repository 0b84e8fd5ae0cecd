import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';
import { formErrors, readForm } from '../../lib/form-errors.ts';
import { keys } from '../../lib/queries.ts';
import { usePaged } from '../../lib/use-paged.ts';
import { formatDateTime, roleLabel } from '../../lib/format.ts';
import type { Invitation } from '../../lib/types.ts';
import { Alert, FormError } from '../../components/ui/alert.tsx';
import { Badge, Section } from '../../components/ui/card.tsx';
import { Button } from '../../components/ui/button.tsx';
import { SelectField, TextField } from '../../components/ui/field.tsx';
import { ConfirmDialog } from '../../components/ui/confirm-dialog.tsx';
import { LoadMore } from '../../components/ui/load-more.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/ui/states.tsx';
import { useCurrentOrg } from '../shell/org-context.ts';
import { assignableRoles } from './roles.ts';
import { RoleGuide } from './role-guide.tsx';

export function InvitationsSection() {
  const { org } = useCurrentOrg();
  const queryClient = useQueryClient();
  const invitations = usePaged<Invitation>(keys.invitations(org.id), `/orgs/${org.id}/invitations`);
  const [revoking, setRevoking] = useState<Invitation | null>(null);
  const invite = useMutation({
    mutationFn: (body: { email: string; role: string }) => api.post<Invitation>(`/orgs/${org.id}/invitations`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.invitations(org.id) }),
  });
  const errors = formErrors(invite.error, ['email', 'role']);
  const roles = assignableRoles(org.role);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const values = readForm(form);
    invite.mutate({ email: values.email ?? '', role: values.role ?? 'member' }, { onSuccess: () => form.reset() });
  };
  const revoke = async () => {
    if (!revoking) return;
    await api.delete(`/orgs/${org.id}/invitations/${revoking.id}`);
    await queryClient.invalidateQueries({ queryKey: keys.invitations(org.id) });
  };

  let list: React.ReactNode;
  if (invitations.isPending) list = <LoadingState label="Loading invitations…" />;
  else if (invitations.isError) list = <ErrorState error={invitations.error} orgId={org.id} onRetry={() => void invitations.refetch()} />;
  else if (invitations.items.length === 0) list = <EmptyState title="No pending invitations">Invite a colleague by email above.</EmptyState>;
  else
    list = (
      <>
        <ul className="divide-y divide-gray-100" aria-label="Pending invitations">
          {invitations.items.map((invitation) => (
            <li key={invitation.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
              <div className="min-w-0">
                <p className="flex flex-wrap items-center gap-2 text-sm font-medium text-gray-900">
                  {invitation.email}
                  <Badge>{roleLabel(invitation.role)}</Badge>
                  <Badge tone={invitation.status === 'valid' ? 'amber' : 'gray'}>{invitation.status === 'valid' ? 'Pending' : roleLabel(invitation.status)}</Badge>
                </p>
                <p className="text-xs text-gray-500">
                  Invited {formatDateTime(invitation.createdAt)}
                  {invitation.invitedBy ? ` by ${invitation.invitedBy.name || invitation.invitedBy.email}` : ''} · expires {formatDateTime(invitation.expiresAt)}
                </p>
              </div>
              <Button variant="secondary" onClick={() => setRevoking(invitation)} aria-label={`Revoke invitation for ${invitation.email}`}>
                Revoke
              </Button>
            </li>
          ))}
        </ul>
        <LoadMore hasNextPage={invitations.hasNextPage} isFetchingNextPage={invitations.isFetchingNextPage} fetchNextPage={invitations.fetchNextPage} />
      </>
    );

  return (
    <Section title="Invitations" description="Invitations are emailed and work once, for 7 days.">
      <form onSubmit={submit} className="grid items-start gap-3 sm:grid-cols-[1fr_10rem_auto]" noValidate>
        <TextField label="Email address to invite" name="email" type="email" required error={errors.fields.email} />
        <SelectField label="Role" name="role" defaultValue="member" error={errors.fields.role} options={roles.map((role) => ({ value: role, label: roleLabel(role) }))} />
        <Button type="submit" className="sm:mt-6" isLoading={invite.isPending}>
          Send invitation
        </Button>
      </form>
      <div className="mt-3">
        <RoleGuide roles={roles} />
      </div>
      <div className="mt-3 space-y-3">
        <FormError message={errors.form} />
        {invite.isSuccess && <Alert tone="success">Invitation sent to {invite.data.email}.</Alert>}
      </div>
      <div className="mt-4 border-t border-gray-100 pt-2">{list}</div>
      <ConfirmDialog
        open={revoking !== null}
        onOpenChange={(open) => !open && setRevoking(null)}
        title="Revoke this invitation?"
        description={`The link sent to ${revoking?.email ?? ''} will stop working.`}
        confirmLabel="Revoke invitation"
        onConfirm={revoke}
      />
    </Section>
  );
}
