/**
 * What a new organisation proposes for its reporting currency and time zone: the browser's own
 * settings, so nobody silently reports in USD on UTC days.
 */

/** Currency by region (ISO 3166 → ISO 4217) for the regions whose locale a browser commonly reports. */
const CURRENCY_BY_REGION: Record<string, string> = {
  US: 'USD', GB: 'GBP', CA: 'CAD', AU: 'AUD', NZ: 'NZD', JP: 'JPY', CN: 'CNY', IN: 'INR', BR: 'BRL',
  MX: 'MXN', CH: 'CHF', LI: 'CHF', SE: 'SEK', NO: 'NOK', DK: 'DKK', IS: 'ISK', PL: 'PLN', CZ: 'CZK', HU: 'HUF',
  RO: 'RON', KR: 'KRW', SG: 'SGD', HK: 'HKD', TW: 'TWD', ZA: 'ZAR', TR: 'TRY', IL: 'ILS', AE: 'AED', SA: 'SAR',
  QA: 'QAR', KW: 'KWD', BH: 'BHD', AR: 'ARS', CL: 'CLP', CO: 'COP', PE: 'PEN', ID: 'IDR', MY: 'MYR', TH: 'THB',
  PH: 'PHP', VN: 'VND', EG: 'EGP', NG: 'NGN', KE: 'KES', UA: 'UAH', PK: 'PKR', BD: 'BDT', RS: 'RSD', MA: 'MAD',
};
/** Euro area members and the states that use the euro by agreement. */
const EURO_REGIONS = 'AT BE BG CY DE EE ES FI FR GR HR IE IT LT LU LV MT NL PT SI SK AD MC SM VA ME XK'.split(' ');
for (const region of EURO_REGIONS) CURRENCY_BY_REGION[region] = 'EUR';

const FALLBACK_CURRENCY = 'USD';

function regionOf(locale: string): string | undefined {
  try {
    return new Intl.Locale(locale).maximize().region;
  } catch {
    return undefined;
  }
}

/** The currency of the first locale whose region has a known one ("de-AT" → EUR, "en" → USD via en-Latn-US). */
export function proposedCurrency(locales: readonly string[], known: ReadonlySet<string> = new Set(supportedCurrencies())): string {
  for (const locale of locales) {
    const region = regionOf(locale);
    const currency = region ? CURRENCY_BY_REGION[region] : undefined;
    if (currency && known.has(currency)) return currency;
  }
  return FALLBACK_CURRENCY;
}

/** The browser's own time zone, or UTC when it does not know it ("Etc/Unknown" is no zone the server accepts). */
export function proposedTimeZone(resolved: () => string | undefined = () => Intl.DateTimeFormat().resolvedOptions().timeZone): string {
  try {
    const zone = resolved();
    return zone && zone !== 'Etc/Unknown' ? zone : 'UTC';
  } catch {
    return 'UTC';
  }
}

function listOf(kind: 'currency' | 'timeZone', fallback: string[]): string[] {
  try {
    return Intl.supportedValuesOf(kind);
  } catch {
    return fallback;
  }
}

export function supportedCurrencies(): string[] {
  return listOf('currency', ['USD', 'EUR', 'GBP', 'JPY']);
}

/** Every zone the browser knows, plus UTC (absent from the list) and `current` when given. */
export function supportedTimeZones(current?: string): string[] {
  const zones = new Set(listOf('timeZone', []));
  zones.add('UTC');
  if (current) zones.add(current);
  return [...zones].sort();
}

const currencyNames = (() => {
  try {
    return new Intl.DisplayNames(undefined, { type: 'currency' });
  } catch {
    return null;
  }
})();

export function currencyOptions(current?: string): Array<{ value: string; label: string }> {
  const codes = new Set(supportedCurrencies());
  if (current) codes.add(current);
  return [...codes].sort().map((code) => ({ value: code, label: `${code} · ${currencyNames?.of(code) ?? code}` }));
}

export function timeZoneOptions(current?: string): Array<{ value: string; label: string }> {
  return supportedTimeZones(current).map((zone) => ({ value: zone, label: zone.replace(/_/g, ' ') }));
}
