import { Link, getRouteApi } from '@tanstack/react-router';
import { useEffect, useRef } from 'react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';
import { keys } from '../../lib/queries.ts';
import { usePollInterval } from '../../lib/live.ts';
import type { ConnectionsOverview, Dashboard, DashboardFreshness, PlatformId } from '../../lib/types.ts';
import { EmptyState, ErrorState, LoadingState } from '../../components/ui/states.tsx';
import { buttonClass } from '../../components/ui/button.tsx';
import { PLATFORM_NAMES } from '../connections/health.tsx';
import { DateRangePicker, resolveRange, useOrgTimeZone, type RangeSearch } from '../campaigns/date-range.tsx';
import { DashboardNumbers, DayBoundaryNote, type AccountZone } from './dashboard-numbers.tsx';
import { PLATFORM_ORDER } from './dashboard-platforms.tsx';
import { useCurrentOrg } from './org-context.ts';
import { MonthEndProjectionSection } from '../dashboard/month-end.tsx';
import { DailySummarySection } from '../summary/daily-summary.tsx';

const route = getRouteApi('/orgs/$orgId/dashboard');
const POLL_WHILE_SYNCING_MS = 5000;

export function DashboardPage() {
  const { org } = useCurrentOrg();
  const overview = useQuery({ queryKey: keys.connections(org.id), queryFn: () => api.get<ConnectionsOverview>(`/orgs/${org.id}/connections`) });

  let body: React.ReactNode;
  if (overview.isPending) body = <LoadingState label="Loading the dashboard…" />;
  else if (overview.isError) body = <ErrorState error={overview.error} orgId={org.id} onRetry={() => void overview.refetch()} />;
  else {
    const platforms = PLATFORM_ORDER.filter((p) => overview.data.connections.some((c) => c.platform === p && c.accounts.some((a) => a.selected)));
    body =
      platforms.length === 0 ? (
        <EmptyState
          title="Connect your ad accounts"
          action={
            <Link to="/orgs/$orgId/connections" params={{ orgId: org.id }} className={buttonClass('primary')}>
              Go to Connections
            </Link>
          }
        >
          Add your Google Ads, Meta and TikTok accounts to see every campaign and its numbers in one place.
        </EmptyState>
      ) : (
        <DashboardBody
          orgId={org.id}
          platforms={platforms}
          accountZones={overview.data.connections.flatMap((c) => c.accounts.filter((a) => a.selected).map((a) => ({ name: a.name, timeZone: a.timeZone })))}
        />
      );
  }

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-gray-900">Dashboard</h1>
        <p className="mt-1 text-sm text-gray-600">{org.name}: spend and results of every connected account.</p>
      </div>
      {body}
    </div>
  );
}

function DashboardBody({ orgId, platforms, accountZones }: { orgId: string; platforms: PlatformId[]; accountZones: AccountZone[] }) {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const timeZone = useOrgTimeZone(orgId);
  const range = timeZone === undefined ? null : resolveRange(search, timeZone);
  const platform = PLATFORM_ORDER.find((p) => p === search.platform);
  const filters = { since: range?.since, until: range?.until, platform };
  const queryClient = useQueryClient();
  const poll = usePollInterval();
  // Freshness is its own request, polled while a sync runs (slowly when live updates arrive); the numbers are read again when a sync ends.
  const freshness = useQuery({
    queryKey: keys.dashboardFreshness(orgId),
    queryFn: () => api.get<DashboardFreshness>(`/orgs/${orgId}/dashboard/freshness`),
    refetchInterval: (query) => (query.state.data?.freshness.some((f) => f.state === 'syncing' || f.state === 'never_synced') ? poll(POLL_WHILE_SYNCING_MS) : false),
  });
  const dashboard = useQuery({
    queryKey: keys.dashboard(orgId, filters),
    queryFn: () => api.get<Dashboard>(`/orgs/${orgId}/dashboard`, filters),
    enabled: range !== null,
    placeholderData: keepPreviousData,
  });
  const syncedAt = freshness.data?.freshness.map((f) => `${f.platform}:${f.oldestSyncAt ?? ''}:${f.newestHourAt ?? ''}`).join() ?? null;
  const seenSync = useRef(syncedAt);
  useEffect(() => {
    if (seenSync.current !== null && syncedAt !== null && syncedAt !== seenSync.current) {
      void queryClient.invalidateQueries({ queryKey: keys.dashboard(orgId), predicate: (q) => q.queryKey[3] !== 'freshness' });
    }
    seenSync.current = syncedAt;
  }, [syncedAt, orgId, queryClient]);

  const setRange = (next: RangeSearch) => void navigate({ search: (prev) => ({ ...prev, ...next }) });

  let body: React.ReactNode;
  if (dashboard.isPending) body = <LoadingState label="Loading the numbers…" />;
  else if (dashboard.isError) body = <ErrorState error={dashboard.error} orgId={orgId} onRetry={() => void dashboard.refetch()} />;
  else {
    const otherZones = timeZone === undefined ? [] : accountZones.filter((a) => a.timeZone !== timeZone);
    body = (
      <DashboardNumbers
        orgId={orgId}
        data={dashboard.data}
        freshness={freshness.data?.freshness ?? null}
        dayNote={otherZones.length > 0 && timeZone ? <DayBoundaryNote timeZone={timeZone} others={otherZones} /> : null}
        isUpdating={dashboard.isPlaceholderData}
      />
    );
  }

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <DateRangePicker value={search} resolved={range} onChange={setRange} timeZone={timeZone} />
        <div>
          <label htmlFor="dashboard-platform" className="sr-only">
            Platform
          </label>
          <select
            id="dashboard-platform"
            className="rounded-md border-0 py-1.5 pr-8 pl-3 text-sm ring-1 ring-inset ring-gray-300 focus:ring-2 focus:ring-indigo-600"
            value={platform ?? ''}
            onChange={(event) => void navigate({ search: (prev) => ({ ...prev, platform: event.currentTarget.value || undefined }) })}
          >
            <option value="">All platforms</option>
            {platforms.map((p) => (
              <option key={p} value={p}>
                {PLATFORM_NAMES[p]}
              </option>
            ))}
          </select>
        </div>
      </div>
      {body}
      <DailySummarySection orgId={orgId} />
      <MonthEndProjectionSection orgId={orgId} />
    </div>
  );
}
