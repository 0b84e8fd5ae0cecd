import { describe, expect, it } from 'vitest';
import { countryName, IMPOSSIBLE_TRAVEL_MS, judgeSignInCountry } from './sign-in-country.ts';

const at = (minutes: number) => new Date(Date.UTC(2026, 11, 7, 12, 0) + minutes * 60_000);

describe('judgeSignInCountry', () => {
  it('a country none of the earlier sign-ins came from is new; a known one is not', () => {
    expect(judgeSignInCountry({ country: 'DE', at: at(600) }, ['US', 'FR'], { country: 'US', at: at(0) }).isNewCountry).toBe(true);
    expect(judgeSignInCountry({ country: 'FR', at: at(600) }, ['US', 'FR'], { country: 'US', at: at(0) }).isNewCountry).toBe(false);
  });

  it('no new country without a placed sign-in now and placed ones before', () => {
    expect(judgeSignInCountry({ country: null, at: at(600) }, ['US'], { country: 'US', at: at(0) })).toEqual({ isNewCountry: false, impossibleTravel: null });
    expect(judgeSignInCountry({ country: 'DE', at: at(600) }, [], { country: null, at: at(0) })).toEqual({ isNewCountry: false, impossibleTravel: null });
    expect(judgeSignInCountry({ country: 'DE', at: at(600) }, [], null)).toEqual({ isNewCountry: false, impossibleTravel: null });
  });

  it('flags another country within the travel window after the previous sign-in, not after it', () => {
    expect(judgeSignInCountry({ country: 'DE', at: at(45) }, ['US'], { country: 'US', at: at(0) }).impossibleTravel).toEqual({ fromCountry: 'US', minutes: 45 });
    expect(judgeSignInCountry({ country: 'DE', at: at(IMPOSSIBLE_TRAVEL_MS / 60_000) }, ['US'], { country: 'US', at: at(0) }).impossibleTravel).toBeNull();
    expect(judgeSignInCountry({ country: 'US', at: at(45) }, ['US'], { country: 'US', at: at(0) }).impossibleTravel).toBeNull();
    expect(judgeSignInCountry({ country: 'DE', at: at(45) }, ['US'], { country: null, at: at(0) }).impossibleTravel).toBeNull();
  });
});

describe('countryName', () => {
  it('names a country by its code, and keeps a code it cannot name', () => {
    expect(countryName('DE')).toBe('Germany');
    expect(countryName('JP')).toBe('Japan');
    expect(countryName('XZ')).toBe('XZ');
  });
});
