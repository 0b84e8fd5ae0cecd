import type { Kpis } from '@adloop/contracts';

export interface Totals {
  spendMicros: number;
  impressions: number;
  clicks: number;
  conversions: number;
  conversionValueMicros: number;
}

export const emptyTotals = (): Totals => ({ spendMicros: 0, impressions: 0, clicks: 0, conversions: 0, conversionValueMicros: 0 });

export function addInto(into: Totals, add: Totals): void {
  into.spendMicros += add.spendMicros;
  into.impressions += add.impressions;
  into.clicks += add.clicks;
  into.conversions += add.conversions;
  into.conversionValueMicros += add.conversionValueMicros;
}

const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);
const micros = (v: number | null): number | null => (v === null ? null : Math.round(v));

/** The derived KPIs of a set of totals; ratios are null when their denominator is zero. */
export function toKpis(t: Totals): Kpis {
  const spend = Math.round(t.spendMicros);
  return {
    spendMicros: spend,
    impressions: Math.round(t.impressions),
    clicks: Math.round(t.clicks),
    conversions: Math.round(t.conversions * 100) / 100,
    conversionValueMicros: Math.round(t.conversionValueMicros),
    cpaMicros: micros(ratio(spend, t.conversions)),
    roas: ratio(t.conversionValueMicros, spend),
    ctr: ratio(t.clicks, t.impressions),
    cpcMicros: micros(ratio(spend, t.clicks)),
    cpmMicros: micros(ratio(spend * 1000, t.impressions)),
  };
}

/** Relative change per KPI (0.1 = +10 %), null where the previous value is 0 or missing. */
export function kpiChange(now: Kpis, before: Kpis): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const key of Object.keys(now) as Array<keyof Kpis>) {
    const a = now[key];
    const b = before[key];
    out[key] = a === null || b === null || b === 0 ? null : (a - b) / Math.abs(b);
  }
  return out;
}
