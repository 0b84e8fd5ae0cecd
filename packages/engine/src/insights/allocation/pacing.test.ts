import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { monthPacing } from './pacing.ts';

describe('month pacing', () => {
  it('projects the month at the recent rate and warns over and under', () => {
    const over = monthPacing({ planMicros: 3_000e6, spentMicros: 1_500e6, throughDay: '2026-06-10', recentDailyMicros: 150e6 });
    expect(over.daysLeft).toBe(20);
    expect(over.projectedMicros).toBe(4_500e6);
    expect(over.status).toBe('over');
    expect(over.dailyToLandMicros).toBe(75e6);
    expect(over.message).toContain('50 % over');
    const under = monthPacing({ planMicros: 3_100e6, spentMicros: 500e6, throughDay: '2026-12-10' });
    expect(under.status).toBe('under');
    expect(under.projectedMicros).toBeCloseTo(1_550e6);
    expect(monthPacing({ planMicros: 3_100e6, spentMicros: 1_000e6, throughDay: '2026-12-10' }).status).toBe('on_track');
    expect(monthPacing({ planMicros: 1_000e6, spentMicros: 1_200e6, throughDay: '2026-02-20' }).status).toBe('exhausted');
    expect(monthPacing({ planMicros: 1_000e6, spentMicros: 0, throughDay: '2028-02-29' }).daysInMonth).toBe(29);
  });

  it('refuses a day that is not a calendar day or a plan that is not positive', () => {
    expect(() => monthPacing({ planMicros: 1, spentMicros: 0, throughDay: '2026-02-30' })).toThrow(/throughDay/);
    expect(() => monthPacing({ planMicros: 0, spentMicros: 0, throughDay: '2026-02-03' })).toThrow(/planMicros/);
  });

  it('spending the amount to land on the plan lands on it', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 27 }), fc.integer({ min: 1, max: 1e6 }), fc.double({ min: 0, max: 0.99, noNaN: true }), (day, plan, share) => {
      const p = monthPacing({ planMicros: plan * 1e6, spentMicros: plan * 1e6 * share, throughDay: `2026-03-${String(day).padStart(2, '0')}` });
      expect(p.spentShare).toBeCloseTo(share);
      const landed = plan * 1e6 * share + p.dailyToLandMicros * p.daysLeft;
      expect(landed / (plan * 1e6)).toBeCloseTo(1, 6);
    }));
  });
});

describe('month pacing messages', () => {
  it('names the currency after every amount when given', () => {
    const p = monthPacing({ planMicros: 3_000e6, spentMicros: 1_500e6, throughDay: '2026-06-10', recentDailyMicros: 150e6, currency: 'EUR' });
    expect(p.message).toBe('At 150.00 EUR a day the month ends near 4500.00 EUR, 50 % over the plan of 3000.00 EUR; 75.00 EUR a day would land on it.');
  });
});
