import { describe, expect, it } from 'vitest';
import { formatCountShort, formatKpiShort, formatMoneyShort } from './compact-format.ts';
import { KPI_DEFS } from './report-format.ts';
import type { Kpis } from '../../lib/types.ts';

const kpis = (patch: Partial<Kpis>): Kpis => ({ spendMicros: 0, impressions: 0, clicks: 0, conversions: 0, conversionValueMicros: 0, cpaMicros: null, roas: null, ctr: null, cpcMicros: null, cpmMicros: null, ...patch });

describe('short numbers for the KPI cards', () => {
  it('keeps cents on small amounts, drops them from 1,000 and abbreviates from 100,000', () => {
    expect(formatMoneyShort(123_450_000, 'USD')).toBe('$123.45');
    expect(formatMoneyShort(12_345_670_000, 'USD')).toBe('$12,346');
    expect(formatMoneyShort(1_234_567_890_000, 'USD')).toBe('$1.23M');
    expect(formatMoneyShort(98_765_432_100_000, 'EUR')).toBe('€98.8M');
  });

  it('abbreviates counts from 100,000', () => {
    expect(formatCountShort(99_999)).toBe('99,999');
    expect(formatCountShort(12_345_678)).toBe('12.3M');
    expect(formatCountShort(12.345)).toBe('12.35');
  });

  it('stays within a card’s width for any amount', () => {
    for (const def of KPI_DEFS) {
      const text = formatKpiShort(def, kpis({ spendMicros: 987_654_321_000_000, conversions: 123_456_789, clicks: 987_654_321, cpaMicros: 8_000_000, ctr: 0.0123, roas: 4.5 }), 'USD');
      expect(text.length, `${def.key}: ${text}`).toBeLessThanOrEqual(10);
    }
    expect(formatKpiShort(KPI_DEFS[2]!, kpis({}), 'USD')).toBe('—');
  });
});
