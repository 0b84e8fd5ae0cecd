import type { ReactNode } from 'react';
import { formatDateTime, formatRelative } from '../../lib/format.ts';
import type { Dashboard, Freshness } from '../../lib/types.ts';
import { Alert } from '../../components/ui/alert.tsx';
import { comparisonText, KpiCards } from '../campaigns/kpi-cards.tsx';
import { formatDay, formatRange } from '../campaigns/report-format.ts';
import { FreshnessStrip, PlatformTable } from './dashboard-platforms.tsx';
import { TopMoversSection, TrendCharts } from './dashboard-trends.tsx';

function oldestSync(freshness: Freshness[]): string | null {
  const times = freshness.map((f) => f.oldestSyncAt).filter((t): t is string => t !== null);
  if (times.length === 0) return null;
  return times.reduce((a, b) => (Date.parse(a) <= Date.parse(b) ? a : b));
}

export interface AccountZone {
  name: string;
  timeZone: string;
}

/** Totals add each account's own days: say so when some accounts keep another time zone than the organisation. */
export function DayBoundaryNote({ timeZone, others }: { timeZone: string; others: AccountZone[] }) {
  const zones = [...new Set(others.map((a) => a.timeZone))].sort();
  const named = others.length === 1 ? others[0]!.name : `${others.length} accounts`;
  return (
    <p className="text-xs text-gray-500">
      <span className="font-medium">Days:</span> the range is in the organisation&apos;s time zone ({timeZone}); each account reports its days from its own midnight, and {named}{' '}
      {others.length === 1 ? 'keeps' : 'keep'} {zones.join(', ')}. Totals add each account&apos;s own days.
    </p>
  );
}

/** How fresh the numbers are, said once for all of them: the least recent sync decides. */
function FreshnessNote({ freshness }: { freshness: Freshness[] }) {
  const synced = oldestSync(freshness);
  if (!synced) return <span>Not synced yet</span>;
  return <span title={`Least recent sync: ${formatDateTime(synced)}`}>Synced {formatRelative(synced)}</span>;
}

export function DashboardNumbers({
  orgId,
  data,
  freshness,
  dayNote,
  isUpdating,
}: {
  orgId: string;
  data: Dashboard;
  freshness: Freshness[] | null;
  dayNote: ReactNode;
  isUpdating: boolean;
}) {
  return (
    <div className={`space-y-6 ${isUpdating ? 'opacity-60 transition-opacity' : ''}`} aria-busy={isUpdating || undefined}>
      {freshness && <FreshnessStrip freshness={freshness} />}
      {data.missingRates.length > 0 && <MissingRates missing={data.missingRates} currency={data.currency} />}

      <section aria-labelledby="totals-heading" className="space-y-3">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="totals-heading" className="text-base font-semibold text-gray-900">
            Totals, {formatRange(data.range)}
          </h2>
          <p className="text-xs text-gray-500" data-testid="totals-context">
            In {data.currency} · {comparisonText(data.previousRange, data.comparedThrough)}
            {freshness && (
              <>
                {' · '}
                <FreshnessNote freshness={freshness} />
              </>
            )}
          </p>
        </div>
        <KpiCards totals={data.totals} previousTotals={data.previousTotals} change={data.change} currency={data.currency} marks={{ conversions: '*' }} />
        <div className="space-y-1">
          <p className="text-xs text-gray-500">
            <span aria-hidden="true">* </span>
            <span className="font-medium">Conversions:</span> {data.attributionNote}
          </p>
          {dayNote}
        </div>
        <PlatformTable data={data} freshness={freshness ?? []} />
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
