import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toKpis } from './kpis.ts';
import { addInto, emptyTotals, sumTotals, type MetricTotals } from './totals.ts';

const row = fc.record({
  spendMicros: fc.integer({ min: 0, max: 1e10 }),
  impressions: fc.integer({ min: 0, max: 1e7 }),
  clicks: fc.integer({ min: 0, max: 1e5 }),
  conversions: fc.integer({ min: 0, max: 1e3 }),
  conversionValueMicros: fc.integer({ min: 0, max: 1e11 }),
});

describe('totals of rows', () => {
  it('sums first and takes ratios of the sums, never an average of ratios', () => {
    const big: MetricTotals = { spendMicros: 100_000_000, impressions: 100_000, clicks: 1000, conversions: 100, conversionValueMicros: 400_000_000 };
    const tiny: MetricTotals = { spendMicros: 1_000_000, impressions: 100, clicks: 1, conversions: 1, conversionValueMicros: 0 };
    const kpis = toKpis(sumTotals([big, tiny]));
    expect(kpis.roas).toBeCloseTo(400 / 101, 9);
    expect(kpis.cpaMicros).toBe(Math.round(101_000_000 / 101));
    expect(kpis.ctr).toBeCloseTo(1001 / 100_100, 12);
  });

  it('adds into a running total', () => {
    const into = emptyTotals();
    addInto(into, { spendMicros: 1, impressions: 2, clicks: 3, conversions: 4, conversionValueMicros: 5 });
    addInto(into, { spendMicros: 1, impressions: 2, clicks: 3, conversions: 4, conversionValueMicros: 5 });
    expect(into).toEqual({ spendMicros: 2, impressions: 4, clicks: 6, conversions: 8, conversionValueMicros: 10 });
    expect(sumTotals([])).toEqual(emptyTotals());
  });

  it('the total of per-currency totals is the total of all rows, in any grouping and order', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('USD', 'EUR', 'JPY'), row), { maxLength: 40 }), (rows) => {
        const byCurrency = new Map<string, MetricTotals>();
        for (const [currency, r] of rows) {
          const sum = byCurrency.get(currency) ?? emptyTotals();
          addInto(sum, r);
          byCurrency.set(currency, sum);
        }
        const all = sumTotals(rows.map(([, r]) => r));
        expect(sumTotals(byCurrency.values())).toEqual(all);
        expect(sumTotals([...rows].reverse().map(([, r]) => r))).toEqual(all);
      }),
    );
  });
});
