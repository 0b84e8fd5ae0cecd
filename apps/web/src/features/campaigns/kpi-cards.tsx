import type { ReactNode } from 'react';
import type { Kpis } from '../../lib/types.ts';
import { formatChange, formatKpi, kpiChange, KPI_DEFS, type KpiDef } from './report-format.ts';

/**
 * A relative change with its arrow: green when it is good news (a rise, or a fall of a cost per
 * result), red when it is bad, and said in words for screen readers.
 */
export function ChangeIndicator({ value, better, neutral = false }: { value: number | null; better: 'up' | 'down'; neutral?: boolean }) {
  if (value === null || !Number.isFinite(value)) return <span className="text-xs text-gray-400">no earlier numbers</span>;
  if (value === 0) return <span className="text-xs text-gray-500">no change</span>;
  const up = value > 0;
  const good = up === (better === 'up');
  const tone = neutral ? 'text-gray-600' : good ? 'text-green-700' : 'text-red-700';
  return (
    <span className={`inline-flex items-center gap-0.5 text-xs font-medium tabular-nums ${tone}`}>
      <svg viewBox="0 0 12 12" className={`size-3 ${up ? '' : 'rotate-180'}`} aria-hidden="true">
        <path d="M6 2l4 5H7v3H5V7H2z" fill="currentColor" />
      </svg>
      <span className="sr-only">{up ? 'Up' : 'Down'} </span>
      {formatChange(value)}
      {!neutral && <span className="sr-only"> ({good ? 'better' : 'worse'})</span>}
    </span>
  );
}

export interface KpiCardsProps {
  totals: Kpis;
  previousTotals?: Kpis | undefined;
  change?: Record<string, number | null> | undefined;
  currency: string;
  /** Per KPI a footnote mark after the label (e.g. * for the attribution note under the cards). */
  marks?: Partial<Record<KpiDef['key'], string>>;
  /** How fresh the numbers are, shown on every card. */
  freshness?: ReactNode;
  compareLabel?: string;
  defs?: readonly KpiDef[];
}

/** The KPI tiles: value, change against the previous period, and how fresh the number is. */
export function KpiCards({ totals, previousTotals, change, currency, marks, freshness, compareLabel = 'vs previous period', defs = KPI_DEFS }: KpiCardsProps) {
  const showChange = previousTotals !== undefined || change !== undefined;
  return (
    <ul className="grid grid-cols-2 gap-3 sm:grid-cols-4" aria-label="Key numbers">
      {defs.map((def) => (
        <li key={def.key} aria-label={def.label} className="flex flex-col rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-200">
          <p className="text-xs font-medium text-gray-500">
            <abbr title={def.long} className="no-underline">
              {def.label}
            </abbr>
            {marks?.[def.key] && <span aria-hidden="true">{marks[def.key]}</span>}
          </p>
          <p className="mt-1 text-xl font-semibold text-gray-900 tabular-nums">{formatKpi(def, totals, currency)}</p>
          {showChange && (
            <p className="mt-1 flex flex-wrap items-center gap-1">
              <ChangeIndicator value={kpiChange(def, change, totals, previousTotals)} better={def.better} />
              <span className="text-xs text-gray-400">{compareLabel}</span>
            </p>
          )}
          {freshness && <div className="mt-auto pt-2 text-[11px] text-gray-400">{freshness}</div>}
        </li>
      ))}
    </ul>
  );
}
