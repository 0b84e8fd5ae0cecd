import { describe, expect, it } from 'vitest';
import { formatMetric, formatMoney, formatNumber } from './format.ts';

describe('numbers in words', () => {
  it('writes plain numbers with thousands separated and trailing zeros dropped', () => {
    expect(formatNumber(1234.5)).toBe('1,234.5');
    expect(formatNumber(1234567.891)).toBe('1,234,567.89');
    expect(formatNumber(-0.001)).toBe('0');
    expect(formatNumber(-12.3456, 1)).toBe('-12.3');
    expect(formatNumber(100)).toBe('100');
    expect(formatNumber(Number.POSITIVE_INFINITY)).toBe('∞');
  });

  it('writes money, percentages and ROAS', () => {
    expect(formatMoney(40, 'USD')).toBe('$40.00');
    expect(formatMoney(1500, 'JPY')).toBe('¥1,500');
    expect(formatMoney(3, 'ZZZ')).toMatch(/^ZZZ\s3\.00$/);
    expect(formatMetric('ctr', 0.0125, 'USD')).toBe('1.25 %');
    expect(formatMetric('roas', 2.5, 'USD')).toBe('2.5×');
    expect(formatMetric('cpa', 12, 'EUR')).toBe('€12.00');
  });
});
