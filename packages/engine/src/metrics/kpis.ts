import { cpaMicros, cpcMicros, cpmMicros, ctr, roas } from './kpi-formulas.ts';
import type { MetricTotals } from './totals.ts';

/** The totals as reported (rounded) and the KPIs derived from them; a ratio is null when its denominator is 0. */
export interface Kpis {
  spendMicros: number;
  impressions: number;
  clicks: number;
  conversions: number;
  conversionValueMicros: number;
  cpaMicros: number | null;
  roas: number | null;
  ctr: number | null;
  cpcMicros: number | null;
  cpmMicros: number | null;
}

export type KpiKey = keyof Kpis;

/**
 * The KPIs of a set of totals. Totals may be fractional (a day cut to the same hours counts its rows
 * pro rata): counts are rounded to whole numbers and conversions to two decimals, and the ratios use
 * the rounded spend so CPA × conversions reads back as the spend shown.
 */
export function toKpis(t: MetricTotals): Kpis {
  const spend = Math.round(t.spendMicros);
  return {
    spendMicros: spend,
    impressions: Math.round(t.impressions),
    clicks: Math.round(t.clicks),
    conversions: Math.round(t.conversions * 100) / 100,
    conversionValueMicros: Math.round(t.conversionValueMicros),
    cpaMicros: cpaMicros(spend, t.conversions),
    roas: roas(t.conversionValueMicros, spend),
    ctr: ctr(t.clicks, t.impressions),
    cpcMicros: cpcMicros(spend, t.clicks),
    cpmMicros: cpmMicros(spend, t.impressions),
  };
}
