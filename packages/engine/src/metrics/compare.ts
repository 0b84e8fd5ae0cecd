import type { KpiKey, Kpis } from './kpis.ts';

/**
 * Relative change from `before` to `now` (0.1 = +10 %); null when there is nothing to compare with:
 * either value missing, or `before` is 0 (any rise from nothing is not a percentage).
 */
export function relativeChange(now: number | null | undefined, before: number | null | undefined): number | null {
  if (now === null || now === undefined || before === null || before === undefined || before === 0) return null;
  return (now - before) / Math.abs(before);
}

/** The relative change of every KPI against the previous period. */
export function kpiChange(now: Kpis, before: Kpis): Record<KpiKey, number | null> {
  const of = (key: KpiKey) => relativeChange(now[key], before[key]);
  return {
    spendMicros: of('spendMicros'),
    impressions: of('impressions'),
    clicks: of('clicks'),
    conversions: of('conversions'),
    conversionValueMicros: of('conversionValueMicros'),
    cpaMicros: of('cpaMicros'),
    roas: of('roas'),
    ctr: of('ctr'),
    cpcMicros: of('cpcMicros'),
    cpmMicros: of('cpmMicros'),
  };
}

/** Which way is good news for a KPI: more conversions are, a higher cost per result is not; spend is neither. */
export type KpiBetter = 'up' | 'down' | 'neutral';

export const KPI_BETTER: Readonly<Record<KpiKey, KpiBetter>> = {
  spendMicros: 'neutral',
  impressions: 'up',
  clicks: 'up',
  conversions: 'up',
  conversionValueMicros: 'up',
  cpaMicros: 'down',
  roas: 'up',
  ctr: 'up',
  cpcMicros: 'down',
  cpmMicros: 'down',
};

/** How a change reads: `none` without previous data, `flat` for no change, else better / worse / neutral. */
export type ChangeVerdict = 'none' | 'flat' | 'better' | 'worse' | 'neutral';

export function changeVerdict(change: number | null, better: KpiBetter): ChangeVerdict {
  if (change === null) return 'none';
  if (change === 0) return 'flat';
  if (better === 'neutral') return 'neutral';
  return (change > 0) === (better === 'up') ? 'better' : 'worse';
}
