import { describe, expect, it } from 'vitest';
import { BUNDLED_COUNTRY_DB, countryOfRecord, ipCountryLookup } from './ip-country.ts';

describe('ipCountryLookup over the bundled GeoLite2 Country data', () => {
  const lookup = ipCountryLookup(null);

  it.each([
    ['8.8.8.8', 'US'],
    ['5.9.0.1', 'DE'],
    ['81.2.69.142', 'GB'],
    ['::ffff:133.11.0.1', 'JP'],
    ['2a02:8108::1', 'DE'],
  ])('places public address %s in %s', async (ip, country) => {
    expect(await lookup.countryOf(ip)).toBe(country);
  });

  it.each(['127.0.0.1', '::1', '10.0.0.1', '192.168.1.20', 'fd00::1', '::ffff:127.0.0.1', 'not-an-ip', '', null])('places %s nowhere', async (ip) => {
    expect(await lookup.countryOf(ip)).toBeNull();
  });

  it('a configured file is read instead; one that cannot be read is reported once and places nothing', async () => {
    expect(await ipCountryLookup(BUNDLED_COUNTRY_DB).countryOf('5.9.0.1')).toBe('DE');
    const warnings: string[] = [];
    const missing = ipCountryLookup('/nonexistent/GeoLite2-Country.mmdb', { warn: (_details, message) => warnings.push(message) });
    expect(await missing.countryOf('8.8.8.8')).toBeNull();
    expect(await missing.countryOf('5.9.0.1')).toBeNull();
    expect(warnings).toHaveLength(1);
  });
});

describe('countryOfRecord', () => {
  it('reads MaxMind Country/City records, the registered country when there is no physical one, and the flat layout', () => {
    expect(countryOfRecord({ country: { iso_code: 'FR', names: { en: 'France' } }, registered_country: { iso_code: 'FR' } })).toBe('FR');
    expect(countryOfRecord({ registered_country: { iso_code: 'NL' }, continent: { code: 'EU' } })).toBe('NL');
    expect(countryOfRecord({ country_code: 'jp' })).toBe('JP');
    expect(countryOfRecord({ continent: { code: 'EU' } })).toBeNull();
    expect(countryOfRecord({ country_code: 'Germany' })).toBeNull();
    expect(countryOfRecord(null)).toBeNull();
  });
});
