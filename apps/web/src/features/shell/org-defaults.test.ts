import { describe, expect, it } from 'vitest';
import { currencyOptions, proposedCurrency, proposedTimeZone, supportedTimeZones } from './org-defaults.ts';

describe('new organisation defaults', () => {
  it('proposes the currency of the browser’s region', () => {
    expect(proposedCurrency(['de-AT'])).toBe('EUR');
    expect(proposedCurrency(['en-GB', 'en'])).toBe('GBP');
    expect(proposedCurrency(['ja'])).toBe('JPY');
    expect(proposedCurrency(['pt-BR'])).toBe('BRL');
    expect(proposedCurrency(['sv'])).toBe('SEK');
  });

  it('skips locales without a known region and falls back to USD', () => {
    expect(proposedCurrency(['not a locale', 'fr-CH'])).toBe('CHF');
    expect(proposedCurrency(['en-AQ'])).toBe('USD');
    expect(proposedCurrency([])).toBe('USD');
  });

  it('only proposes a currency the browser can list', () => {
    expect(proposedCurrency(['de-DE'], new Set(['USD', 'GBP']))).toBe('USD');
  });

  it('lists UTC among the zones and keeps a current value the browser does not know', () => {
    const zones = supportedTimeZones('Etc/Unknown');
    expect(zones).toContain('UTC');
    expect(zones).toContain('Europe/Berlin');
    expect(zones).toContain('Etc/Unknown');
    expect(currencyOptions().find((option) => option.value === 'EUR')?.label).toMatch(/^EUR · /);
  });

  it('proposes the device’s zone, and UTC when the device does not know its own', () => {
    expect(proposedTimeZone(() => 'America/Sao_Paulo')).toBe('America/Sao_Paulo');
    expect(proposedTimeZone(() => 'Etc/Unknown')).toBe('UTC');
    expect(proposedTimeZone(() => undefined)).toBe('UTC');
  });
});
