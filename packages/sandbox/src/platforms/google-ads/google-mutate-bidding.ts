import { CURRENCY_SCALE } from '../../simulator/world-catalog.ts';
import type { Attrs } from '../../simulator/world.types.ts';
import { adsError, type AdsError } from './google-errors.ts';
import { isRecord, locate, pick, type JsonRecord } from './google-mutate.types.ts';

type Path = Array<string | [string, number]>;

/** Update-mask paths that switch a campaign's standard bidding strategy, and the strategy each sets. */
const MASK_STRATEGY: Record<string, string> = {
  manual_cpc: 'MANUAL_CPC', 'manual_cpc.enhanced_cpc_enabled': 'MANUAL_CPC', target_spend: 'TARGET_SPEND',
  'target_cpa.target_cpa_micros': 'TARGET_CPA', 'target_roas.target_roas': 'TARGET_ROAS',
};
export const BIDDING_MASKS = Object.keys(MASK_STRATEGY);

/** The minimum currency unit in micros (USD cents: 10,000; JPY: 1,000,000). */
function unitMicros(currency: string): number {
  return currency === 'JPY' ? 1_000_000 : 10_000;
}

/** A bid amount in micros: positive, a whole number of the currency's minimum unit, below an absurd ceiling. */
export function bidErrors(value: unknown, currency: string, path: Path, field: string): AdsError[] {
  const micros = Number(value);
  if (!Number.isInteger(micros) || micros <= 0) return [adsError('biddingError', 'BID_TOO_SMALL', 'Bid is too small.', { location: locate(path, field) })];
  if (micros % unitMicros(currency) !== 0) return [adsError('biddingError', 'BID_TOO_MANY_FRACTIONAL_DIGITS', 'Bid has too many fractional digit precision.', { location: locate(path, field) })];
  if (micros > 10_000 * (CURRENCY_SCALE[currency] ?? 1) * 1e6) return [adsError('biddingError', 'BID_TOO_BIG', 'Bid is too big.', { location: locate(path, field) })];
  return [];
}

/** Target values a create carries (`targetCpa.targetCpaMicros`, `targetRoas.targetRoas`), kept on the campaign. */
export function createdTargets(c: JsonRecord): Attrs {
  const cpa = pick(c, 'targetCpa');
  const roas = pick(c, 'targetRoas');
  return {
    ...(isRecord(cpa) && pick(cpa, 'targetCpaMicros') !== undefined ? { targetCpaMicros: Number(pick(cpa, 'targetCpaMicros')) } : {}),
    ...(isRecord(roas) && pick(roas, 'targetRoas') !== undefined ? { targetRoas: Number(pick(roas, 'targetRoas')) } : {}),
  };
}

/**
 * The bidding part of a campaign update: one strategy per operation (BIDDING_STRATEGY_NOT_SUPPORTED
 * otherwise), a target CPA a valid bid, a target ROAS within 0.01–1000 (RangeError).
 */
export function biddingUpdate(u: JsonRecord, mask: string[], p: Path, currency: string): { errors: AdsError[] } | { apply(attrs: Attrs): void } {
  const fields = mask.filter((f) => f in MASK_STRATEGY);
  if (fields.length === 0) return { apply: () => undefined };
  const strategies = new Set(fields.map((f) => MASK_STRATEGY[f]));
  if (strategies.size > 1) return { errors: [adsError('campaignError', 'BIDDING_STRATEGY_NOT_SUPPORTED', 'Only one bidding strategy may be set.', { location: locate(p, 'bidding_strategy') })] };
  const strategy = [...strategies][0] ?? 'MANUAL_CPC';
  const cpa = pick(u, 'targetCpa');
  const roasBox = pick(u, 'targetRoas');
  const cpaMicros = isRecord(cpa) ? pick(cpa, 'targetCpaMicros') : undefined;
  const roas = isRecord(roasBox) ? Number(pick(roasBox, 'targetRoas')) : Number.NaN;
  if (strategy === 'TARGET_CPA') {
    const errors = bidErrors(cpaMicros, currency, [...p, 'target_cpa'], 'target_cpa_micros');
    if (errors.length > 0) return { errors };
  }
  if (strategy === 'TARGET_ROAS' && !(roas >= 0.01 && roas <= 1000)) {
    return { errors: [adsError('rangeError', roas > 1000 ? 'TOO_HIGH' : 'TOO_LOW', 'Target ROAS must be between 0.01 and 1000.', { location: locate([...p, 'target_roas'], 'target_roas') })] };
  }
  return {
    apply: (attrs) => {
      attrs.biddingStrategyType = strategy;
      delete attrs.targetCpaMicros;
      delete attrs.targetRoas;
      if (strategy === 'TARGET_CPA') attrs.targetCpaMicros = Number(cpaMicros);
      if (strategy === 'TARGET_ROAS') attrs.targetRoas = roas;
    },
  };
}
