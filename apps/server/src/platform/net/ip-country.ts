import { createRequire } from 'node:module';
import { open, type CountryResponse, type Reader } from 'maxmind';
import { blockedAddressReason } from './ip-ranges.ts';

/**
 * IP address → country, offline, from a MaxMind DB (.mmdb) file read into memory once, on the first
 * lookup. Without a configured file it reads the GeoLite2 Country data bundled with
 * `@ip-location-db/geolite2-country-mmdb` (GeoLite2 data created by MaxMind, CC BY-SA 4.0 under
 * MaxMind's GeoLite2 EULA; see docs/privacy.md). `GEOIP_COUNTRY_DB` names any MaxMind Country or City
 * database instead (e.g. one kept current by geoipupdate; read at start-up, so restart after an update).
 */
export const BUNDLED_COUNTRY_DB: string = createRequire(import.meta.url).resolve('@ip-location-db/geolite2-country-mmdb/geolite2-country.mmdb');

export interface IpCountryLookup {
  /** ISO 3166-1 alpha-2 code (`DE`); null for private, loopback and other non-public addresses, and for addresses the data does not place. */
  countryOf(ip: string | null | undefined): Promise<string | null>;
}

interface Warn {
  warn(details: object, message: string): void;
}

/** One reader per file for the life of the process; a file that fails to open is reported once and places nothing. */
const readers = new Map<string, Promise<Reader<CountryResponse> | null>>();

function readerFor(path: string, log: Warn | undefined): Promise<Reader<CountryResponse> | null> {
  let reader = readers.get(path);
  if (!reader) {
    reader = open<CountryResponse>(path).catch((error: unknown) => {
      log?.warn({ path, err: error }, 'The IP country database could not be read: sign-ins are not placed in a country');
      return null;
    });
    readers.set(path, reader);
  }
  return reader;
}

const ISO_CODE = /^[A-Z]{2}$/;

/**
 * The country of a record in either layout: MaxMind's (`country.iso_code`, falling back to
 * `registered_country` for addresses with no physical country) or ip-location-db's flat `country_code`.
 */
export function countryOfRecord(record: unknown): string | null {
  if (typeof record !== 'object' || record === null) return null;
  const code = (value: unknown): string | null => {
    if (typeof value !== 'object' || value === null || !('iso_code' in value)) return null;
    return typeof value.iso_code === 'string' && ISO_CODE.test(value.iso_code) ? value.iso_code : null;
  };
  const flat = 'country_code' in record && typeof record.country_code === 'string' ? record.country_code.toUpperCase() : null;
  if (flat && ISO_CODE.test(flat)) return flat;
  return code('country' in record ? record.country : null) ?? code('registered_country' in record ? record.registered_country : null);
}

/** `::ffff:5.9.0.1` (an IPv4 client on a dual-stack socket) → `5.9.0.1`; zone ids dropped. */
function bareAddress(ip: string): string {
  const bare = ip.trim().replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  return mapped?.[1] ?? bare;
}

/** The lookup over `dbPath` (null: the bundled GeoLite2 Country data). Cheap to call: the file is shared per path. */
export function ipCountryLookup(dbPath: string | null, log?: Warn): IpCountryLookup {
  const path = dbPath ?? BUNDLED_COUNTRY_DB;
  return {
    async countryOf(ip) {
      if (!ip) return null;
      const address = bareAddress(ip);
      if (blockedAddressReason(address) !== null) return null;
      const reader = await readerFor(path, log);
      return reader ? countryOfRecord(reader.get(address)) : null;
    },
  };
}
