import { isIP } from 'node:net';

/**
 * How many proxies (or which addresses) stand between the client and Adloop. Fastify (proxy-addr)
 * then walks X-Forwarded-For from the right and takes the first address not trusted, so a client
 * cannot choose its own IP by prepending entries. `false`: the socket address.
 */
export type TrustProxy = false | number | string[];

/** proxy-addr's names for address ranges. */
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrRange(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [address = '', prefix, extra] = entry.split('/');
  const version = isIP(address);
  if (!version || extra !== undefined) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d{1,3}$/.test(prefix) && bits <= (version === 4 ? 32 : 128);
}

export function isValidTrustProxy(value: string): boolean {
  if (/^(false|no|true|yes|\d{1,2})$/i.test(value.trim())) return true;
  return value.split(',').every((entry) => isAddressOrRange(entry.trim()));
}

/** `true` means one proxy (the one in front): trusting every hop would let the client pick its IP. */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const text = value?.trim().toLowerCase();
  if (!text || text === 'false' || text === 'no' || text === '0') return false;
  if (text === 'true' || text === 'yes') return 1;
  if (/^\d+$/.test(text)) return Number(text);
  return text.split(',').map((entry) => entry.trim());
}

export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(bare) || bare === '::ffff:127.0.0.1';
}

/** The form Fastify's types take: a hop count becomes "trust the first n hops from the socket". */
export function toFastifyTrustProxy(trust: TrustProxy): false | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trust === 'number') return (_address, hop) => hop < trust;
  return trust;
}
