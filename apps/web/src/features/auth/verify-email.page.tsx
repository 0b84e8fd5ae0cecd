import { Link, useSearch } from '@tanstack/react-router';
import { useMe } from '../../lib/queries.ts';
import { Alert } from '../../components/ui/alert.tsx';
import { buttonClass } from '../../components/ui/button.tsx';
import { LoadingState } from '../../components/ui/states.tsx';
import { AuthLayout, linkClass } from './auth-layout.tsx';
import { useTokenAction } from './use-token-action.ts';

export function VerifyEmailPage() {
  const { token } = useSearch({ from: '/verify-email' });
  const verify = useTokenAction('/auth/verify-email', token);
  const me = useMe();

  return (
    <AuthLayout title="Verify your email">
      {!token && <Alert tone="error">This link is incomplete. Open the link from the email again.</Alert>}
      {verify.isPending && <LoadingState label="Verifying your email…" />}
      {verify.isError && (
        <div className="space-y-4">
          <Alert tone="error" title="We could not verify your email">
            {verify.error.message}
          </Alert>
          <p className="text-sm text-gray-600">
            Links work once and expire after 24 hours.{' '}
            <Link to="/sign-in" className={linkClass}>
              Sign in
            </Link>{' '}
            to ask for a new one.
          </p>
        </div>
      )}
      {verify.isSuccess && (
        <div className="space-y-4">
          <Alert tone="success" title="Email verified">
            Your email address is confirmed.
          </Alert>
          {me.data ? (
            <Link to="/" className={buttonClass('primary', 'w-full')}>
              Continue to Adloop
            </Link>
          ) : (
            <Link to="/sign-in" className={buttonClass('primary', 'w-full')}>
              Sign in
            </Link>
          )}
        </div>
      )}
    </AuthLayout>
  );
}
