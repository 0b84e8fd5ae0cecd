import { describe, expect, it } from 'vitest';
import { formatChange, formatMetric, percentChange } from './insights-words.ts';

describe('insights words', () => {
  it('formats an expected change with its interval', () => {
    expect(formatChange({ mean: 1.23, low: -0.3, high: 2.61 })).toBe('+1.2 (−0.3 to +2.6) a day');
    expect(formatChange({ mean: 0, low: 0, high: 0 })).toBe('0.0 (0.0 to 0.0) a day');
  });
  it('signs budget changes in whole percent', () => {
    expect(percentChange(100, 120)).toBe('+20 %');
    expect(percentChange(100, 81)).toBe('−19 %');
    expect(percentChange(100, 100)).toBe('0 %');
    expect(percentChange(0, 5)).toBe('');
  });
  it('shows money through the account currency and rates in percent', () => {
    const money = (m: number) => `$${(m / 1e6).toFixed(2)}`;
    expect(formatMetric('spend', 12_500_000, money)).toBe('$12.50');
    expect(formatMetric('conversion_rate', 0.034, money)).toBe('3.4 %');
    expect(formatMetric('clicks', 1234.4, money)).toBe('1,234');
  });
});
