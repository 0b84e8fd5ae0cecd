import { changeVerdict } from '@adloop/engine';
import type { Dashboard, Kpis } from '../../lib/types.ts';
import { formatChange, formatDay, formatKpi, formatRange, kpiChange, KPI_DEFS, type KpiDef } from './report-format.ts';
import { formatKpiShort } from './compact-format.ts';

/**
 * A relative change with its arrow: green when it is good news (a rise, or a fall of a cost per
 * result), red when it is bad, grey when it is neither (spend), and said in words for screen readers.
 */
export function ChangeIndicator({ value, better }: { value: number | null; better: KpiDef['better'] }) {
  if (value === null || !Number.isFinite(value)) return <span className="text-xs text-gray-500">no earlier numbers</span>;
  if (value === 0) return <span className="text-xs text-gray-500">no change</span>;
  const up = value > 0;
  const verdict = changeVerdict(value, better);
  const tone = verdict === 'better' ? 'text-green-700' : verdict === 'worse' ? 'text-red-700' : 'text-gray-600';
  return (
    <span className={`inline-flex items-center gap-0.5 text-xs font-medium whitespace-nowrap tabular-nums ${tone}`}>
      <svg viewBox="0 0 12 12" className={`size-3 ${up ? '' : 'rotate-180'}`} aria-hidden="true">
        <path d="M6 2l4 5H7v3H5V7H2z" fill="currentColor" />
      </svg>
      <span className="sr-only">{up ? 'Up' : 'Down'} </span>
      {formatChange(value)}
      {verdict !== 'neutral' && <span className="sr-only"> ({verdict})</span>}
    </span>
  );
}

/** "compared with Nov 19, 2026" or, when the range ends today, "… until 10:30, the same hours as today". */
export function comparisonText(previousRange: Dashboard['previousRange'], comparedThrough: Dashboard['comparedThrough']): string {
  const base = `compared with ${formatRange(previousRange)}`;
  if (!comparedThrough) return base;
  if (previousRange.since === previousRange.until) return `${base} until ${comparedThrough.time}, the same hours as today`;
  return `${base}, ${formatDay(comparedThrough.date)} until ${comparedThrough.time} (the same hours as today)`;
}

export interface KpiCardsProps {
  totals: Kpis;
  previousTotals?: Kpis | undefined;
  change?: Record<string, number | null> | undefined;
  currency: string;
  /** Per KPI a footnote mark after the label (e.g. * for the attribution note under the cards). */
  marks?: Partial<Record<KpiDef['key'], string>>;
  compareLabel?: string;
  defs?: readonly KpiDef[];
}

/** The KPI tiles: value (short, the full one on hover) and change against the previous period. */
export function KpiCards({ totals, previousTotals, change, currency, marks, compareLabel = 'vs previous period', defs = KPI_DEFS }: KpiCardsProps) {
  const showChange = previousTotals !== undefined || change !== undefined;
  return (
    <ul className="grid grid-cols-2 gap-3 sm:grid-cols-4" aria-label="Key numbers">
      {defs.map((def) => {
        const full = formatKpi(def, totals, currency);
        const short = formatKpiShort(def, totals, currency);
        return (
          <li key={def.key} aria-label={def.label} className="flex min-w-0 flex-col rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-200">
            <p className="truncate text-xs font-medium text-gray-500">
              <abbr title={def.long} className="no-underline">
                {def.label}
              </abbr>
              {marks?.[def.key] && <span aria-hidden="true">{marks[def.key]}</span>}
            </p>
            <p className="kpi-value mt-1 truncate text-xl font-semibold text-gray-900 tabular-nums" title={short === full ? undefined : full}>
              {short}
            </p>
            {showChange && totals[def.key] !== null && (
              <p className="mt-1 flex flex-wrap items-center gap-x-1">
                <ChangeIndicator value={kpiChange(def, change, totals, previousTotals)} better={def.better} />
                <span className="text-xs text-gray-500">{compareLabel}</span>
              </p>
            )}
          </li>
        );
      })}
    </ul>
  );
}
