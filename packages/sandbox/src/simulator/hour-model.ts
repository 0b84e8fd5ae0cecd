import type { AnomalyEffects } from './anomaly-effects.ts';
import { lognormalFactor, roundStochastic } from './prng.ts';
import { intradayCpcFactor, intradayWeight, weeklyDeliveryFactor } from './seasonality.ts';
import type { MarketParams } from './world.types.ts';

export interface HourInputs {
  seed: number;
  adId: string;
  utcHour: number;
  localHour: number;
  weekday: number;
  /** The ad's share of the daily budget in force during this hour, micros. */
  dailyBudgetMicros: number;
  market: MarketParams;
  effects: AnomalyEffects;
}

export interface HourDelivery {
  spendMicros: number;
  clicks: number;
  impressions: number;
  /** Spend corrected for inflated prices: what actually reaches buyers (drives the response curve). */
  effectiveMicros: number;
}

/**
 * One ad's delivery in one hour: the budget paced by the intraday curve, scaled by weekday and
 * noise; clicks follow cost per click, impressions follow click-through rate.
 */
export function simulateHourDelivery(i: HourInputs): HourDelivery {
  const key = [i.seed, i.adId, i.utcHour] as const;
  const pace = intradayWeight(i.localHour) * weeklyDeliveryFactor(i.weekday);
  const spend = Math.round(i.dailyBudgetMicros * pace * lognormalFactor(0.15, ...key, 'spend') * i.effects.delivery);
  if (spend <= 0) return { spendMicros: 0, clicks: 0, impressions: 0, effectiveMicros: 0 };
  const cpc = i.market.cpcMicros * intradayCpcFactor(i.localHour) * lognormalFactor(0.12, ...key, 'cpc') * i.effects.cpc;
  const expectedClicks = spend / cpc;
  const ctr = i.market.ctr * lognormalFactor(0.1, ...key, 'ctr');
  return {
    spendMicros: spend,
    clicks: roundStochastic(expectedClicks, ...key, 'clicks'),
    impressions: roundStochastic(expectedClicks / ctr, ...key, 'impressions'),
    effectiveMicros: spend / i.effects.cpc,
  };
}
