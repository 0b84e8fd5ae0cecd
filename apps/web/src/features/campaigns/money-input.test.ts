import { describe, expect, it } from 'vitest';
import { microsToAmountInput } from '@adloop/engine';
import { parseAmountToMicros, understoodAs } from './money-input.ts';

const micros = (text: string, currency: string, locale: string) => {
  const parsed = parseAmountToMicros(text, currency, locale);
  return parsed.ok ? parsed.micros : parsed.error;
};

describe('amounts typed in the person’s locale', () => {
  it('reads grouping and decimal separators the way the locale writes them', () => {
    expect(micros('1,500', 'GBP', 'en-GB')).toBe(1_500_000_000);
    expect(micros('1.500', 'GBP', 'en-GB')).toBe(1_500_000);
    expect(micros('1.500', 'EUR', 'de-DE')).toBe(1_500_000_000);
    expect(micros('1,5', 'EUR', 'de-DE')).toBe(1_500_000);
    expect(micros('1 500,50', 'EUR', 'fr-FR')).toBe(1_500_500_000);
    expect(micros('1,00,000', 'INR', 'en-IN')).toBe(100_000_000_000);
  });

  it('understands the currency symbol or code around the number', () => {
    expect(micros('£20', 'GBP', 'en-GB')).toBe(20_000_000);
    expect(micros('20 €', 'EUR', 'de-DE')).toBe(20_000_000);
    expect(micros('$1,234.56', 'USD', 'en-US')).toBe(1_234_560_000);
    expect(micros('20 USD', 'USD', 'en-US')).toBe(20_000_000);
    expect(micros('¥1,500', 'JPY', 'ja-JP')).toBe(1_500_000_000);
  });

  it('refuses slips instead of guessing, saying what is wrong', () => {
    expect(micros('1,5', 'USD', 'en-US')).toMatch(/separators.*1,250\.00/);
    expect(micros('12.345', 'USD', 'en-US')).toMatch(/at most 2 decimals/);
    expect(micros('12.5', 'JPY', 'en-US')).toMatch(/no decimals/);
    expect(micros('-5', 'USD', 'en-US')).toMatch(/sign/);
    expect(micros('$20', 'GBP', 'en-GB')).toMatch(/in GBP/);
    expect(micros('abc', 'USD', 'en-US')).toMatch(/in USD/);
    expect(micros('', 'USD', 'en-US')).toBe('Enter an amount');
    expect(micros('2000000000000', 'USD', 'en-US')).toMatch(/too large/);
  });

  it('keeps cents exact and says what it understood', () => {
    expect(micros('12.34', 'USD', 'en-US')).toBe(12_340_000);
    expect(micros('0.29', 'USD', 'en-US')).toBe(290_000);
    expect(understoodAs(1_500_000_000, 'GBP', 'en-GB')).toBe('= £1,500.00');
    expect(understoodAs(1_500_000_000, 'EUR', 'de-DE')).toBe('= 1.500,00\u00a0€');
    expect(microsToAmountInput(12_500_000, 'USD')).toBe('12.50');
  });
});
