import { Link } from '@tanstack/react-router';
import { EmptyState } from '../../components/ui/states.tsx';
import { buttonClass } from '../../components/ui/button.tsx';
import { useCurrentOrg } from './org-context.ts';

export function DashboardPage() {
  const { org, me } = useCurrentOrg();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-gray-900">Dashboard</h1>
        <p className="mt-1 text-sm text-gray-600">
          {org.name} · signed in as {me.user.name}
        </p>
      </div>
      <EmptyState
        title="Connect your ad accounts — coming soon"
        action={
          <Link to="/orgs/$orgId/settings/members" params={{ orgId: org.id }} className={buttonClass('secondary')}>
            Invite your team meanwhile
          </Link>
        }
      >
        Soon you will connect Google Ads, Meta and TikTok here and see every campaign and its numbers in one place.
      </EmptyState>
    </div>
  );
}
