import { Link, getRouteApi } from '@tanstack/react-router';
import { useEffect, useRef } from 'react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';
import { keys } from '../../lib/queries.ts';
import { usePollInterval } from '../../lib/live.ts';
import { formatDateTime, formatRelative } from '../../lib/format.ts';
import type { ConnectionsOverview, Dashboard, DashboardFreshness, Freshness, PlatformId, TopMovers } from '../../lib/types.ts';
import { EmptyState, ErrorState, LoadingState } from '../../components/ui/states.tsx';
import { buttonClass } from '../../components/ui/button.tsx';
import { Alert } from '../../components/ui/alert.tsx';
import { HealthBadge, PLATFORM_NAMES } from '../connections/health.tsx';
import { DateRangePicker, resolveRange, useOrgTimeZone, addDays, daysBetween, type RangeSearch } from '../campaigns/date-range.tsx';
import { ChangeIndicator, KpiCards } from '../campaigns/kpi-cards.tsx';
import { TimeChart } from '../campaigns/time-chart.tsx';
import { formatCompact, formatDay, formatDecimal, formatKpi, formatMicros, formatMicrosCompact, formatPoint, formatRange, kpiChange, KPI_DEFS, PLATFORM_COLORS } from '../campaigns/report-format.ts';
import { useCurrentOrg } from './org-context.ts';

const route = getRouteApi('/orgs/$orgId/dashboard');
const POLL_WHILE_SYNCING_MS = 5000;
const PLATFORM_ORDER: PlatformId[] = ['google_ads', 'meta', 'tiktok'];

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
    </div>
  );
}

function oldestSync(freshness: Freshness[]): string | null {
  const times = freshness.map((f) => f.oldestSyncAt).filter((t): t is string => t !== null);
  if (times.length === 0) return null;
  return times.reduce((a, b) => (Date.parse(a) <= Date.parse(b) ? a : b));
}

interface AccountZone {
  name: string;
  timeZone: string;
}

/** Totals add each account's own days: say so when some accounts keep another time zone than the organisation. */
function DayBoundaryNote({ timeZone, others }: { timeZone: string; others: AccountZone[] }) {
  const zones = [...new Set(others.map((a) => a.timeZone))].sort();
  const named = others.length === 1 ? others[0]!.name : `${others.length} accounts`;
  return (
    <p className="text-xs text-gray-500">
      <span className="font-medium">Days:</span> the range is in the organisation&apos;s time zone ({timeZone}); each account reports its days from its own midnight, and {named}{' '}
      {others.length === 1 ? 'keeps' : 'keep'} {zones.join(', ')}. Totals add each account&apos;s own days.
    </p>
  );
}

function DashboardNumbers({
  orgId,
  data,
  freshness,
  dayNote,
  isUpdating,
}: {
  orgId: string;
  data: Dashboard;
  freshness: Freshness[] | null;
  dayNote: React.ReactNode;
  isUpdating: boolean;
}) {
  const synced = freshness ? oldestSync(freshness) : null;
  const freshnessLine =
    freshness === null ? undefined : synced ? (
      <span title={`Least recent sync: ${formatDateTime(synced)}`}>Synced {formatRelative(synced)}</span>
    ) : (
      <span>Not synced yet</span>
    );
  return (
    <div className={`space-y-6 ${isUpdating ? 'opacity-60 transition-opacity' : ''}`} aria-busy={isUpdating || undefined}>
      {freshness && <FreshnessStrip freshness={freshness} />}
      {data.missingRates.length > 0 && <MissingRates missing={data.missingRates} currency={data.currency} />}

      <section aria-labelledby="totals-heading" className="space-y-3">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="totals-heading" className="text-base font-semibold text-gray-900">
            Totals, {formatRange(data.range)}
          </h2>
          <p className="text-xs text-gray-500">
            In {data.currency} · compared with {formatRange(data.previousRange)}
          </p>
        </div>
        <div className="grid grid-cols-1 gap-4 xl:grid-cols-[3fr_2fr]">
          <div className="space-y-2">
            <KpiCards totals={data.totals} previousTotals={data.previousTotals} change={data.change} currency={data.currency} freshness={freshnessLine} marks={{ conversions: '*' }} />
            <p className="text-xs text-gray-500">
              <span aria-hidden="true">* </span>
              <span className="font-medium">Conversions:</span> {data.attributionNote}
            </p>
            {dayNote}
          </div>
          <PlatformTable data={data} freshness={freshness ?? []} />
        </div>
      </section>

      <section aria-labelledby="trend-heading" className="space-y-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-200">
        <h2 id="trend-heading" className="text-base font-semibold text-gray-900">
          Over time
        </h2>
        <TrendCharts data={data} />
      </section>

      <TopMoversSection orgId={orgId} data={data} />
    </div>
  );
}

function FreshnessStrip({ freshness }: { freshness: Freshness[] }) {
  if (freshness.length === 0) return null;
  return (
    <section aria-label="How fresh the numbers are">
      <ul className="flex flex-wrap gap-3">
        {freshness.map((f) => (
          <li key={f.platform} aria-label={`${PLATFORM_NAMES[f.platform]} freshness`} className="flex min-w-0 flex-1 basis-64 flex-col gap-1 rounded-lg bg-white px-4 py-3 text-sm shadow-sm ring-1 ring-gray-200">
            <div className="flex items-center gap-2">
              <span className="inline-block size-2.5 rounded-sm" style={{ backgroundColor: PLATFORM_COLORS[f.platform] }} aria-hidden="true" />
              <span className="font-medium text-gray-900">{PLATFORM_NAMES[f.platform]}</span>
              <HealthBadge state={f.state} />
              <span className="ml-auto text-xs text-gray-500">
                {f.accounts} account{f.accounts === 1 ? '' : 's'}
              </span>
            </div>
            <p className="text-xs text-gray-600">{f.summary}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}

function MissingRates({ missing, currency }: { missing: Dashboard['missingRates']; currency: string }) {
  const byCurrency = new Map<string, string[]>();
  for (const m of missing) byCurrency.set(m.currency, [...(byCurrency.get(m.currency) ?? []), m.date]);
  return (
    <Alert tone="warning" title={`Some amounts are left out of the ${currency} totals`}>
      There is no exchange rate yet for{' '}
      {[...byCurrency.entries()]
        .map(([code, dates]) => `${code} on ${dates.length === 1 ? formatDay(dates[0] ?? '') : `${dates.length} days (${formatDay(dates[0] ?? '')} – ${formatDay(dates[dates.length - 1] ?? '')})`}`)
        .join('; ')}
      .
    </Alert>
  );
}

function PlatformTable({ data, freshness: all }: { data: Dashboard; freshness: Freshness[] }) {
  const rows = PLATFORM_ORDER.map((p) => data.byPlatform.find((b) => b.platform === p)).filter((b) => b !== undefined);
  const freshness = (platform: PlatformId) => all.find((f) => f.platform === platform);
  return (
    <div className="relative overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-gray-200">
      <table className="w-full text-left text-sm">
        <caption className="px-4 pt-3 text-left text-sm font-semibold text-gray-900">By platform</caption>
        <thead className="text-xs text-gray-500">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">
              <span className="sr-only">Number</span>
            </th>
            {rows.map((row) => (
              <th key={row.platform} scope="col" className="px-3 py-2 text-right font-medium">
                <span className="block text-gray-900">{PLATFORM_NAMES[row.platform]}</span>
                {freshness(row.platform) && (
                  <span className="mt-0.5 block" title={freshness(row.platform)?.summary}>
                    <HealthBadge state={freshness(row.platform)!.state} />
                  </span>
                )}
              </th>
            ))}
            <th scope="col" className="px-3 py-2 text-right font-medium text-gray-900">
              Total
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-gray-100">
          {KPI_DEFS.map((def) => (
            <tr key={def.key}>
              <th scope="row" className="px-4 py-1.5 font-normal text-gray-600">
                <abbr title={def.long} className="no-underline">
                  {def.label}
                </abbr>
                {def.key === 'conversions' && <span aria-hidden="true">*</span>}
              </th>
              {rows.map((row) => (
                <td key={row.platform} className="px-3 py-1.5 text-right tabular-nums">
                  {formatKpi(def, row.totals, data.currency)}
                  <span className="block">
                    <ChangeIndicator value={kpiChange(def, row.change, row.totals, row.previousTotals)} better={def.better} />
                  </span>
                </td>
              ))}
              <td className="px-3 py-1.5 text-right font-medium tabular-nums">{formatKpi(def, data.totals, data.currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="space-y-1 px-4 py-3 text-xs text-gray-500">
        <p>
          <span aria-hidden="true">* </span>
          {data.attributionNote}
        </p>
        {rows.some((row) => row.currencies.some((c) => c !== data.currency)) && (
          <p>
            Converted to {data.currency} from{' '}
            {rows
              .map((row) => `${PLATFORM_NAMES[row.platform]}: ${row.currencies.join(', ')}`)
              .join('; ')}
            .
          </p>
        )}
      </div>
    </div>
  );
}

function TrendCharts({ data }: { data: Dashboard }) {
  const days: string[] = [];
  const count = Math.min(daysBetween(data.range.since, data.range.until), 400);
  for (let i = 0; i < count; i++) days.push(addDays(data.range.since, i));
  const platforms = PLATFORM_ORDER.filter((p) => data.series.some((s) => s.platform === p) || data.byPlatform.some((b) => b.platform === p));
  const index = new Map(days.map((d, i) => [d, i]));
  const build = (pick: (s: Dashboard['series'][number]) => number) =>
    platforms.map((p) => {
      const values = days.map(() => 0);
      for (const s of data.series) {
        const i = index.get(s.date);
        if (s.platform === p && i !== undefined) values[i] = (values[i] ?? 0) + pick(s);
      }
      return { id: p, label: PLATFORM_NAMES[p], color: PLATFORM_COLORS[p], values };
    });

  if (data.series.length === 0) return <EmptyState title="No numbers in this range yet">Spend and conversions appear here after the accounts sync.</EmptyState>;
  return (
    <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
      <TimeChart
        title={`Spend per day (${data.currency})`}
        points={days}
        formatPoint={formatPoint}
        series={build((s) => s.spendMicros)}
        format={(v) => formatMicros(v, data.currency)}
        formatAxis={(v) => formatMicrosCompact(v, data.currency)}
      />
      <TimeChart title="Conversions per day" points={days} formatPoint={formatPoint} series={build((s) => s.conversions)} format={formatDecimal} formatAxis={formatCompact} kind="bar" />
    </div>
  );
}

function TopMoversSection({ orgId, data }: { orgId: string; data: Dashboard }) {
  const filters = { since: data.range.since, until: data.range.until };
  const movers = useQuery({
    queryKey: [...keys.dashboard(orgId, filters), 'top-movers'],
    queryFn: () => api.get<TopMovers>(`/orgs/${orgId}/dashboard/top-movers`, filters),
  });
  const items = movers.data?.items ?? [];
  return (
    <section aria-labelledby="movers-heading" className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-200">
      <h2 id="movers-heading" className="text-base font-semibold text-gray-900">
        Top movers
      </h2>
      <p className="text-xs text-gray-500">Campaigns whose spend moved most against {formatRange(data.previousRange)}.</p>
      {movers.isPending ? (
        <p className="mt-3 text-sm text-gray-500">Loading…</p>
      ) : movers.isError ? (
        <p className="mt-3 text-sm text-red-700">The top movers could not be loaded.</p>
      ) : items.length === 0 ? (
        <p className="mt-3 text-sm text-gray-500">No campaign spent noticeably more or less than before.</p>
      ) : (
        <ol className="mt-3 divide-y divide-gray-100" aria-label="Top movers">
          {items.map((m) => (
            <li key={m.campaignId} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
              <div className="min-w-0">
                <Link to="/orgs/$orgId/campaigns/$campaignId" params={{ orgId, campaignId: m.campaignId }} className="font-medium text-indigo-700 hover:underline">
                  {m.name}
                </Link>
                <p className="text-xs text-gray-500">
                  {PLATFORM_NAMES[m.platform]} · {m.accountName}
                </p>
              </div>
              <div className="text-right tabular-nums">
                <p>
                  {formatMicros(m.spendMicros, data.currency)} <span className="text-xs text-gray-500">from {formatMicros(m.previousSpendMicros, data.currency)}</span>
                </p>
                <ChangeIndicator value={m.change} better="up" neutral />
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
