import { useMutation } from '@tanstack/react-query';
import { Link, useSearch } from '@tanstack/react-router';
import { api } from '../../lib/api.ts';
import { useHasDevMailbox } from '../../lib/queries.ts';
import { Alert } from '../../components/ui/alert.tsx';
import { Button, buttonClass } from '../../components/ui/button.tsx';
import { AuthLayout, linkClass } from './auth-layout.tsx';

export function CheckEmailPage() {
  const { email } = useSearch({ from: '/check-email' });
  const hasDevMailbox = useHasDevMailbox();
  const resend = useMutation({ mutationFn: () => api.post('/auth/resend-verification', { email }) });

  return (
    <AuthLayout
      title="Check your email"
      subtitle={
        <>
          We sent a verification link to <strong>{email ?? 'your email address'}</strong>. Open it to activate your account.
        </>
      }
      footer={
        <Link to="/sign-in" className={linkClass}>
          Back to sign in
        </Link>
      }
    >
      <div className="space-y-4">
        {hasDevMailbox && (
          <Link to="/dev/mailbox" className={buttonClass('primary', 'w-full')}>
            Open the dev mailbox
          </Link>
        )}
        {resend.isSuccess && <Alert tone="success">If the address belongs to an unverified account, a new link is on its way.</Alert>}
        {resend.isError && <Alert tone="error">{resend.error.message}</Alert>}
        {email && (
          <Button variant="secondary" className="w-full" isLoading={resend.isPending} onClick={() => resend.mutate()}>
            Resend the verification email
          </Button>
        )}
        <p className="text-xs text-gray-500">The link works once and expires after 24 hours. Check your spam folder if nothing arrives.</p>
      </div>
    </AuthLayout>
  );
}
