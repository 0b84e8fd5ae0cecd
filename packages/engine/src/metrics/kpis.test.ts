import { describe, expect, it } from 'vitest';
import { cpaMicros, cpcMicros, cpmMicros, ctr, cvr, roas } from './kpi-formulas.ts';
import { toKpis } from './kpis.ts';
import { emptyTotals } from './totals.ts';

describe('KPI formulas', () => {
  it('works each ratio out of its totals', () => {
    expect(ctr(30, 1000)).toBe(0.03);
    expect(cvr(5, 50)).toBe(0.1);
    expect(cpcMicros(10_000_000, 3)).toBe(3_333_333);
    expect(cpaMicros(10_000_000, 4)).toBe(2_500_000);
    expect(cpmMicros(5_000_000, 2000)).toBe(2_500_000);
    expect(roas(25_000_000, 10_000_000)).toBe(2.5);
  });

  it('has no value, not 0 or Infinity, when the denominator is zero', () => {
    expect(ctr(3, 0)).toBeNull();
    expect(cvr(1, 0)).toBeNull();
    expect(cpcMicros(10, 0)).toBeNull();
    expect(cpaMicros(10, 0)).toBeNull();
    expect(cpmMicros(10, 0)).toBeNull();
    expect(roas(10, 0)).toBeNull();
    expect(toKpis(emptyTotals())).toEqual({
      spendMicros: 0, impressions: 0, clicks: 0, conversions: 0, conversionValueMicros: 0,
      cpaMicros: null, roas: null, ctr: null, cpcMicros: null, cpmMicros: null,
    });
  });

  it('rounds pro-rata totals: counts whole, conversions to two decimals, ratios of the rounded spend', () => {
    const kpis = toKpis({ spendMicros: 10_000_000.4, impressions: 999.6, clicks: 20.2, conversions: 2.505, conversionValueMicros: 30_000_000.6 });
    expect(kpis).toMatchObject({ spendMicros: 10_000_000, impressions: 1000, clicks: 20, conversionValueMicros: 30_000_001 });
    expect(kpis.conversions).toBeCloseTo(2.51, 2);
    expect(kpis.cpcMicros).toBe(Math.round(10_000_000 / 20.2));
    expect(kpis.roas).toBeCloseTo(3, 6);
  });
});
