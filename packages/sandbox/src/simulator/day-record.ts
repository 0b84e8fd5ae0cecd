import { anomaliesFor, effectsAt } from './anomaly-effects.ts';
import { adBudgetsAt, type CampaignTree } from './budget-allocation.ts';
import { simulateHourDelivery } from './hour-model.ts';
import { lognormalFactor, roundStochastic } from './prng.ts';
import { adstockWeights, expectedDailyConversions } from './response-curve.ts';
import { weeklyConversionFactor } from './seasonality.ts';
import { HOUR_MS } from './sim-clock.ts';
import { hoursOfLocalDay, localHourOf } from './time-zone.ts';
import type { Anomaly, PlatformWorld } from './world.types.ts';

/** Eventual (fully matured) metrics of one ad in one UTC hour. */
export interface AdHourFact {
  adId: string;
  adGroupId: string;
  utcHour: number;
  localHour: number;
  spendMicros: number;
  clicks: number;
  impressions: number;
  effectiveMicros: number;
  conversions: number;
  conversionValue: number;
}

/** One campaign's local day; conversions are filled in by `addConversions`. */
export interface CampaignDay {
  day: string;
  weekday: number;
  facts: AdHourFact[];
  effectiveMicros: number;
}

export function simulateDelivery(
  seed: number, world: PlatformWorld, tree: CampaignTree, timeZone: string, day: string, anomalies: readonly Anomaly[],
): CampaignDay {
  const hours = hoursOfLocalDay(timeZone, day);
  const first = hours[0] ?? 0;
  const last = hours[hours.length - 1] ?? 0;
  const { campaign } = tree;
  const relevant = anomaliesFor(anomalies, campaign.accountId, campaign.id, first * HOUR_MS, (last + 1) * HOUR_MS);
  const groupOf = new Map(tree.groups.flatMap((g) => g.ads.map((a) => [a.id, g.group.id] as const)));
  const facts: AdHourFact[] = [];
  let effectiveMicros = 0;
  let weekday = 0;
  for (const utcHour of hours) {
    const local = localHourOf(timeZone, utcHour);
    weekday = local.weekday;
    const effects = effectsAt(relevant, utcHour);
    for (const [adId, dailyBudgetMicros] of adBudgetsAt(world, tree, utcHour * HOUR_MS)) {
      const d = simulateHourDelivery({
        seed, adId, utcHour, localHour: local.hour, weekday: local.weekday, dailyBudgetMicros, market: campaign.market, effects,
      });
      if (d.spendMicros <= 0) continue;
      effectiveMicros += d.effectiveMicros;
      facts.push({ adId, adGroupId: groupOf.get(adId) ?? '', utcHour, localHour: local.hour, ...d, conversions: 0, conversionValue: 0 });
    }
  }
  return { day, weekday, facts, effectiveMicros };
}

/**
 * Fills in conversions: the day's expected total comes from the Hill curve over adstocked
 * effective spend (`priorEffective` = the previous days, most recent first), scaled by weekday and
 * noise, then split over ad-hours by effective spend. Tracking outages hide conversions.
 */
export function addConversions(
  seed: number, tree: CampaignTree, record: CampaignDay, priorEffective: readonly number[], anomalies: readonly Anomaly[],
): void {
  const { campaign } = tree;
  const series = [record.effectiveMicros, ...priorEffective];
  const weights = adstockWeights(campaign.curve.adstockDecay, series.length);
  const adstocked = series.reduce((s, v, i) => s + v * (weights[i] ?? 0), 0);
  const daily = expectedDailyConversions(campaign.curve, adstocked)
    * weeklyConversionFactor(record.weekday) * lognormalFactor(0.12, seed, campaign.id, record.day, 'cvr');
  if (record.effectiveMicros <= 0) return;
  const outages = anomaliesFor(anomalies.filter((a) => a.kind === 'tracking_outage'), campaign.accountId, campaign.id, 0, Infinity);
  for (const fact of record.facts) {
    const tracking = effectsAt(outages, fact.utcHour).tracking;
    const expected = (daily * fact.effectiveMicros) / record.effectiveMicros;
    const key = [seed, fact.adId, fact.utcHour] as const;
    fact.conversions = roundStochastic(expected * tracking, ...key, 'conv');
    fact.conversionValue = Math.round(fact.conversions * campaign.curve.averageOrderValue * lognormalFactor(0.25, ...key, 'value') * 100) / 100;
  }
}
