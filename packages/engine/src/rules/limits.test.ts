import { describe, expect, it } from 'vitest';
import { facts, memory, NOW, ruleDef, totals } from './fixtures.test-helpers.ts';
import { belowMinimums, coolingDown, outsideActiveHours, overridden, todayCounts, type ZoneClock } from './limits.ts';

const clock = (weekday: number, hhmm: string): ZoneClock => ({ today: '2026-06-10', weekday, minutes: Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3)), dayShare: 0.5 });

describe('limits on one object', () => {
  it('active hours: days of the account’s week, from inclusive to exclusive, past midnight when to comes first', () => {
    const weekdays = { days: [1, 2, 3, 4, 5], from: '09:00', to: '17:00' };
    expect(outsideActiveHours(undefined, clock(0, '03:00'))).toBeNull();
    expect(outsideActiveHours(weekdays, clock(3, '09:00'))).toBeNull();
    expect(outsideActiveHours(weekdays, clock(3, '17:00'))?.reason).toBe('outside_hours');
    expect(outsideActiveHours(weekdays, clock(6, '12:00'))?.reason).toBe('outside_hours');
    const night = { days: [0, 1, 2, 3, 4, 5, 6], from: '22:00', to: '06:00' };
    expect(outsideActiveHours(night, clock(3, '23:30'))).toBeNull();
    expect(outsideActiveHours(night, clock(3, '05:59'))).toBeNull();
    expect(outsideActiveHours(night, clock(3, '12:00'))).not.toBeNull();
  });

  it('minimums over their window, in the rule’s currency basis', () => {
    const def = ruleDef({ limits: { minSpend: 100, minImpressions: 1000 } });
    const view = (spend: number, impressions: number, basisRate = 1) => ({
      entity: facts({ metrics: { 'last_days:3:false:all': totals({ spend, impressions }) } }),
      now: NOW,
      basisRate,
      basisCurrency: 'USD',
      dayShare: 0.5,
    });
    expect(belowMinimums(def.limits, view(150, 2000))).toEqual({ hold: null, values: { 'spend(the last 3 days)': 150, 'impressions(the last 3 days)': 2000 } });
    expect(belowMinimums(def.limits, view(90, 2000)).hold?.reason).toBe('min_spend');
    expect(belowMinimums(def.limits, view(90, 2000, 1.2)).hold).toBeNull();
    expect(belowMinimums(def.limits, view(150, 999)).hold?.reason).toBe('min_impressions');
    expect(belowMinimums(ruleDef().limits, view(0, 0))).toEqual({ hold: null, values: null });
  });

  it('a person’s override until its end, and the cooldown after the rule’s newest action', () => {
    expect(overridden(memory({ overrideUntil: { a: '2026-06-10T16:00:01Z' } }), 'a', NOW)?.reason).toBe('override');
    expect(overridden(memory({ overrideUntil: { a: '2026-06-10T16:00:00Z' } }), 'a', NOW)).toBeNull();
    const past = memory({
      actionsByEntity: {
        a: [
          { at: '2026-06-09T10:00:00Z', field: 'status', direction: 'pause', actorType: 'rule', actorId: 'r' },
          { at: '2026-06-10T10:00:00Z', field: 'notify', direction: 'notify', actorType: 'rule', actorId: 'r' },
        ],
      },
    });
    expect(coolingDown(past, 'a', NOW, 6)).toBeNull();
    expect(coolingDown(past, 'a', NOW, 6.01)?.reason).toBe('cooldown');
    expect(coolingDown(past, 'a', NOW, 0)).toBeNull();
    expect(coolingDown(past, 'b', NOW, 24)).toBeNull();
  });

  it('today’s counts only when the memory is of today (UTC), or says no day', () => {
    expect(todayCounts(memory({ actionsToday: 3, moneyMovedTodayMicros: 5 }), NOW)).toEqual({ actions: 3, moneyMicros: 5 });
    expect(todayCounts(memory({ actionsToday: 3, moneyMovedTodayMicros: 5, day: '2026-06-10' }), NOW)).toEqual({ actions: 3, moneyMicros: 5 });
    expect(todayCounts(memory({ actionsToday: 3, moneyMovedTodayMicros: 5, day: '2026-06-09' }), NOW)).toEqual({ actions: 0, moneyMicros: 0 });
  });
});

describe('the account’s clock', () => {
  it('reads date, weekday, minutes and the share of the day in the zone', async () => {
    const { zoneClock } = await import('./limits.ts');
    expect(zoneClock('America/New_York', new Date('2026-06-10T16:30:36Z'))).toEqual({ today: '2026-06-10', weekday: 3, minutes: 12 * 60 + 30, dayShare: (750 * 60 + 36) / 86_400 });
    expect(zoneClock('Asia/Tokyo', new Date('2026-06-10T16:30:00Z'))).toMatchObject({ today: '2026-06-11', weekday: 4, minutes: 90 });
    expect(zoneClock('Asia/Kolkata', new Date('2026-06-09T18:30:00Z'))).toMatchObject({ today: '2026-06-10', minutes: 0 });
    // An unknown zone never throws inside a run: UTC's clock (evaluateRule skips such objects first).
    expect(zoneClock('Not/AZone', new Date('2026-06-10T16:30:00Z'))).toMatchObject({ today: '2026-06-10', minutes: 16 * 60 + 30 });
  });
});
