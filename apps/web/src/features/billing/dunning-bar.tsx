import { useQuery } from '@tanstack/react-query';
import { Link, useRouterState } from '@tanstack/react-router';
import { billingOverviewQuery, dunningNotice } from './dunning-words.ts';

/**
 * While the organisation is past due or read-only, a bar under the header on every page says so
 * and links to Settings › Billing (which shows the full notice itself, so the bar stays off there).
 */
export function DunningBar({ orgId }: { orgId: string }) {
  const overview = useQuery({ ...billingOverviewQuery(orgId), staleTime: 60_000, refetchInterval: 300_000, retry: false });
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  const notice = overview.data ? dunningNotice(overview.data) : null;
  if (!notice || pathname.endsWith('/settings/billing')) return null;
  return (
    <div role="region" aria-label="Billing" className="border-b border-red-300 bg-red-50">
      <div className="mx-auto flex max-w-[96rem] flex-wrap items-center gap-x-4 gap-y-1 px-4 py-2 text-sm text-red-900">
        <p className="min-w-0 font-semibold">{notice}</p>
        <Link to="/orgs/$orgId/settings/billing" params={{ orgId }} className="ml-auto font-medium underline">
          Settings › Billing
        </Link>
      </div>
    </div>
  );
}
