import { getRouteApi, Link } from '@tanstack/react-router';
import { Alert } from '../../components/ui/alert.tsx';
import { buttonClass } from '../../components/ui/button.tsx';
import { AuthLayout } from '../auth/auth-layout.tsx';

const route = getRouteApi('/connect-failed');

/** Where the platform's redirect lands when Adloop cannot tell which organisation was connecting. */
export function ConnectFailedPage() {
  const { reason } = route.useSearch();
  return (
    <AuthLayout title="Connecting the ad platform did not work" subtitle="Nothing was connected.">
      <div className="space-y-5">
        <Alert tone="error" title="What happened">
          {reason ?? 'The platform sent the browser back without saying why.'}
        </Alert>
        <p className="text-sm text-gray-600">Open your organisation&apos;s Connections page and start connecting again, in this browser.</p>
        <Link to="/" className={buttonClass('primary', 'w-full')}>
          Back to Adloop
        </Link>
      </div>
    </AuthLayout>
  );
}
