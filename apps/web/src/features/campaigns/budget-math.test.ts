import { describe, expect, it } from 'vitest';
import { scaleBudget } from '@adloop/engine';
import { parsePercent } from './budget-math.ts';

describe('bulk budget by a percentage', () => {
  it('reads signed percentages as people type them', () => {
    expect(parsePercent('10')).toEqual({ ok: true, percent: 10 });
    expect(parsePercent('+12.5 %')).toEqual({ ok: true, percent: 12.5 });
    expect(parsePercent('-15')).toEqual({ ok: true, percent: -15 });
    expect(parsePercent('\u22122,5')).toEqual({ ok: true, percent: -2.5 });
  });

  it('refuses what is not a usable change, saying why', () => {
    expect(parsePercent('')).toMatchObject({ ok: false, error: expect.stringMatching(/Enter a percentage/) });
    expect(parsePercent('ten')).toMatchObject({ ok: false });
    expect(parsePercent('0')).toMatchObject({ ok: false, error: expect.stringMatching(/0 %/) });
    expect(parsePercent('-100')).toMatchObject({ ok: false, error: expect.stringMatching(/less than 100 %/) });
    expect(parsePercent('1001')).toMatchObject({ ok: false });
  });

  it('rounds to the currency’s smallest unit', () => {
    expect(scaleBudget(10_000_000, 15, 'USD')).toBe(11_500_000);
    expect(scaleBudget(33_330_000, 10, 'USD')).toBe(36_660_000);
    expect(scaleBudget(12_345_678, -10, 'USD')).toBe(11_110_000);
    expect(scaleBudget(1_500_000_000, 10, 'JPY')).toBe(1_650_000_000);
    expect(scaleBudget(1_333_000_000, 10, 'JPY')).toBe(1_466_000_000);
    expect(scaleBudget(10_000, -99, 'USD')).toBe(10_000);
  });

});
