import { describe, expect, it } from 'vitest';
import { changeVerdict, kpiChange, KPI_BETTER, relativeChange } from './compare.ts';
import { toKpis } from './kpis.ts';

describe('period comparison', () => {
  it('gives the relative change, and none without previous data', () => {
    expect(relativeChange(110, 100)).toBeCloseTo(0.1, 12);
    expect(relativeChange(50, 100)).toBe(-0.5);
    expect(relativeChange(100, 100)).toBe(0);
    expect(relativeChange(5, 0)).toBeNull();
    expect(relativeChange(null, 100)).toBeNull();
    expect(relativeChange(5, null)).toBeNull();
    expect(relativeChange(5, undefined)).toBeNull();
    expect(relativeChange(-5, -10)).toBe(0.5);
  });

  it('compares every KPI of two periods', () => {
    const now = toKpis({ spendMicros: 20_000_000, impressions: 2000, clicks: 40, conversions: 4, conversionValueMicros: 60_000_000 });
    const before = toKpis({ spendMicros: 10_000_000, impressions: 1000, clicks: 20, conversions: 0, conversionValueMicros: 0 });
    const change = kpiChange(now, before);
    expect(change.spendMicros).toBe(1);
    expect(change.ctr).toBe(0);
    expect(change.conversions).toBeNull();
    expect(change.cpaMicros).toBeNull();
    expect(change.roas).toBeNull();
    expect(Object.keys(change).sort()).toEqual(Object.keys(now).sort());
  });

  it('says whether a change is good news for the KPI', () => {
    expect(changeVerdict(0.2, KPI_BETTER.conversions)).toBe('better');
    expect(changeVerdict(0.2, KPI_BETTER.cpaMicros)).toBe('worse');
    expect(changeVerdict(-0.2, KPI_BETTER.cpcMicros)).toBe('better');
    expect(changeVerdict(0.2, KPI_BETTER.spendMicros)).toBe('neutral');
    expect(changeVerdict(0, KPI_BETTER.roas)).toBe('flat');
    expect(changeVerdict(null, KPI_BETTER.roas)).toBe('none');
  });
});
