import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useSearch } from '@tanstack/react-router';
import { keys } from '../../lib/queries.ts';
import { Alert } from '../../components/ui/alert.tsx';
import { buttonClass } from '../../components/ui/button.tsx';
import { LoadingState } from '../../components/ui/states.tsx';
import { AuthLayout } from './auth-layout.tsx';
import { useTokenAction } from './use-token-action.ts';

export function ConfirmEmailPage() {
  const { token } = useSearch({ from: '/confirm-email' });
  const confirm = useTokenAction('/auth/confirm-email-change', token);
  const queryClient = useQueryClient();
  const isDone = confirm.isSuccess;
  useEffect(() => {
    if (isDone) void queryClient.invalidateQueries({ queryKey: keys.me });
  }, [isDone, queryClient]);

  return (
    <AuthLayout title="Confirm your new email">
      {!token && <Alert tone="error">This link is incomplete. Open the link from the email again.</Alert>}
      {confirm.isPending && <LoadingState label="Confirming your new address…" />}
      {confirm.isError && (
        <Alert tone="error" title="We could not change your email">
          {confirm.error.message}
        </Alert>
      )}
      {isDone && (
        <div className="space-y-4">
          <Alert tone="success" title="Email changed">
            Use your new address the next time you sign in.
          </Alert>
          <Link to="/" className={buttonClass('primary', 'w-full')}>
            Continue to Adloop
          </Link>
        </div>
      )}
    </AuthLayout>
  );
}
