import { Link, useSearch } from '@tanstack/react-router';
import { Alert } from '../../components/ui/alert.tsx';
import { buttonClass } from '../../components/ui/button.tsx';
import { AuthLayout, linkClass } from './auth-layout.tsx';
import { MfaStep } from './mfa-step.tsx';
import { useFinishSignIn } from './use-finish-sign-in.ts';

/** What went wrong, in the person's words, for each reason the server sends back. */
const PROBLEMS: Record<string, string> = {
  unavailable: 'Signing in with Google is not available here. Sign in with your email and password instead.',
  denied: 'Google did not share your account with Adloop. Try again and choose Allow.',
  mismatch: 'This sign-in was started in another browser or tab. Start again from this page.',
  expired: 'That took too long, or the sign-in was already used. Start again.',
  unverified: 'Google has not verified the email address of that account. Verify it with Google, or sign in with your email and password.',
  failed: 'Google’s answer could not be verified, so you were not signed in. Try again.',
  linked: 'That Google account is already linked to your Adloop account.',
  taken: 'That Google account signs in to another Adloop account. Unlink it there first, or choose another Google account.',
};

/** Where Google sends people back when a second factor is needed or something went wrong. */
export function GoogleSignInPage() {
  const search = useSearch({ from: '/google-sign-in' });
  const finish = useFinishSignIn();
  if (search.step === 'mfa') {
    return (
      <AuthLayout title="Two-factor authentication" subtitle="Google confirmed who you are. Enter the 6-digit code from your authenticator app, or one of your recovery codes.">
        <MfaStep onSignedIn={() => finish(search.redirect)} onRestart={() => window.location.assign('/sign-in')} />
      </AuthLayout>
    );
  }
  const problem = PROBLEMS[search.error ?? ''] ?? PROBLEMS.failed;
  return (
    <AuthLayout title="Signing in with Google did not finish" footer={<Link to="/sign-in" className={linkClass}>Sign in with email and password</Link>}>
      <div className="space-y-4">
        <Alert tone="error">{problem}</Alert>
        {search.error !== 'unavailable' && (
          <a href="/api/v1/auth/google/start" className={buttonClass('primary', 'w-full')}>
            Try Google again
          </a>
        )}
      </div>
    </AuthLayout>
  );
}
