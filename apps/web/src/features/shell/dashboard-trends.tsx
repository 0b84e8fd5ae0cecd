import { Link } from '@tanstack/react-router';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';
import { keys } from '../../lib/queries.ts';
import type { Dashboard, TopMovers } from '../../lib/types.ts';
import { EmptyState } from '../../components/ui/states.tsx';
import { PLATFORM_NAMES } from '../connections/health.tsx';
import { ChangeIndicator } from '../campaigns/kpi-cards.tsx';
import { TimeChart } from '../campaigns/time-chart.tsx';
import { chartPoints, zeroFill } from '../campaigns/chart-data.ts';
import { formatCompact, formatDecimal, formatMicros, formatMicrosCompact, formatPoint, formatRange, PLATFORM_COLORS } from '../campaigns/report-format.ts';
import { PLATFORM_ORDER } from './dashboard-platforms.tsx';

/** Spend and conversions per day and platform; every day of the range is a point (0 without numbers). */
export function TrendCharts({ data }: { data: Dashboard }) {
  const days = chartPoints(data.range, 'day');
  const platforms = PLATFORM_ORDER.filter((p) => data.series.some((s) => s.platform === p) || data.byPlatform.some((b) => b.platform === p));
  const build = (pick: (s: Dashboard['series'][number]) => number) =>
    platforms.map((p) => ({
      id: p,
      label: PLATFORM_NAMES[p],
      color: PLATFORM_COLORS[p],
      values: zeroFill(
        days,
        data.series.filter((s) => s.platform === p),
        (s) => s.date,
        pick,
      ),
    }));

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

/** The five campaigns whose spend moved most. */
export function TopMoversSection({ orgId, data }: { orgId: string; data: Dashboard }) {
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
                <ChangeIndicator value={m.change} better="neutral" />
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
