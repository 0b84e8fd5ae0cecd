import { useSearch } from '@tanstack/react-router';
import { Alert } from '../../components/ui/alert.tsx';
import { buttonClass } from '../../components/ui/button.tsx';
import { LoadingState } from '../../components/ui/states.tsx';
import { AuthLayout } from './auth-layout.tsx';
import { useTokenAction } from './use-token-action.ts';

/** The emailed link that confirms linking a Google account (it may open in another browser). */
export function ConfirmGoogleLinkPage() {
  const { token } = useSearch({ from: '/link-google/confirm' });
  const confirm = useTokenAction('/auth/google/link/confirm', token);
  return (
    <AuthLayout title="Link your Google account">
      {!token && <Alert tone="error">This link is incomplete. Open the link from the email again.</Alert>}
      {confirm.isPending && <LoadingState label="Linking your Google account…" />}
      {confirm.isError && (
        <Alert tone="error" title="We could not link your Google account">
          {confirm.error.message}
        </Alert>
      )}
      {confirm.isSuccess && (
        <div className="space-y-4">
          <Alert tone="success" title="Google account linked">
            You can now sign in with Google.
          </Alert>
          <a href="/api/v1/auth/google/start" className={buttonClass('primary', 'w-full')}>
            Continue with Google
          </a>
        </div>
      )}
    </AuthLayout>
  );
}
