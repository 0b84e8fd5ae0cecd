/** A different country this soon after the previous sign-in is flagged as travel no one could have made. */
export const IMPOSSIBLE_TRAVEL_MS = 2 * 3_600_000;

/** An earlier sign-in of the same account, as far as placing it matters. */
export interface PlacedSignIn {
  /** ISO 3166-1 alpha-2, or null when its address was not placed. */
  country: string | null;
  at: Date;
}

export interface SignInCountryVerdict {
  /** The sign-in was placed, the account had placed sign-ins before, and none of them in this country. */
  isNewCountry: boolean;
  /** Set when the previous sign-in came from another country less than IMPOSSIBLE_TRAVEL_MS before this one. */
  impossibleTravel: { fromCountry: string; minutes: number } | null;
}

/**
 * Judges a sign-in's country against the account's history: `knownCountries` are the countries of
 * all its earlier sign-ins, `previous` the latest of them. An account whose earlier sign-ins were
 * never placed (all from private addresses, or before countries were recorded) has no new country:
 * the first placed sign-in sets the baseline.
 */
export function judgeSignInCountry(
  signIn: PlacedSignIn,
  knownCountries: readonly string[],
  previous: PlacedSignIn | null,
  travelWindowMs = IMPOSSIBLE_TRAVEL_MS,
): SignInCountryVerdict {
  const { country, at } = signIn;
  if (!country) return { isNewCountry: false, impossibleTravel: null };
  const isNewCountry = knownCountries.length > 0 && !knownCountries.includes(country);
  const gapMs = previous ? at.getTime() - previous.at.getTime() : Number.POSITIVE_INFINITY;
  const impossibleTravel =
    previous?.country && previous.country !== country && gapMs >= 0 && gapMs < travelWindowMs
      ? { fromCountry: previous.country, minutes: Math.floor(gapMs / 60_000) }
      : null;
  return { isNewCountry, impossibleTravel };
}

/** "Germany" for `DE` (English region names; the code itself when the runtime has no name for it). */
export function countryName(code: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' }).of(code) ?? code;
  } catch {
    return code;
  }
}
