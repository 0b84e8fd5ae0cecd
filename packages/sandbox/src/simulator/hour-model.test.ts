import { describe, expect, it } from 'vitest';
import { NO_EFFECTS } from './anomaly-effects.ts';
import { simulateHourDelivery } from './hour-model.ts';
import { intradayWeight } from './seasonality.ts';

const market = { cpcMicros: 1_000_000, ctr: 0.04 };

function daySpend(seed: number, day: number, budget: number): number {
  let total = 0;
  for (let h = 0; h < 24; h++) {
    total += simulateHourDelivery({
      seed, adId: 'ad', utcHour: day * 24 + h, localHour: h, weekday: 2, dailyBudgetMicros: budget, market, effects: NO_EFFECTS,
    }).spendMicros;
  }
  return total;
}

describe('hour model', () => {
  it('has intraday pacing weights that sum to one', () => {
    let sum = 0;
    for (let h = 0; h < 24; h++) sum += intradayWeight(h);
    expect(sum).toBeCloseTo(1, 10);
  });

  it('paces a day of spend to ≈ the daily budget', () => {
    let total = 0;
    for (let day = 0; day < 60; day++) total += daySpend(1, 20_000 + day, 100e6);
    expect(total / 60 / 100e6).toBeGreaterThan(0.93);
    expect(total / 60 / 100e6).toBeLessThan(1.07);
  });

  it('derives clicks from cost per click and impressions from CTR', () => {
    const d = simulateHourDelivery({ seed: 1, adId: 'x', utcHour: 5, localHour: 12, weekday: 3, dailyBudgetMicros: 500e6, market, effects: NO_EFFECTS });
    expect(d.clicks).toBeGreaterThan(5);
    expect(d.impressions).toBeGreaterThan(d.clicks * 10);
  });

  it('spends nothing without a budget and less during a delivery stall', () => {
    const base = { seed: 1, adId: 'x', utcHour: 5, localHour: 12, weekday: 3, market };
    expect(simulateHourDelivery({ ...base, dailyBudgetMicros: 0, effects: NO_EFFECTS }).spendMicros).toBe(0);
    const stalled = simulateHourDelivery({ ...base, dailyBudgetMicros: 500e6, effects: { ...NO_EFFECTS, delivery: 0.03 } });
    const normal = simulateHourDelivery({ ...base, dailyBudgetMicros: 500e6, effects: NO_EFFECTS });
    expect(stalled.spendMicros).toBeLessThan(normal.spendMicros * 0.05);
  });
});
