import { isIP } from 'node:net';
import { blockedAddressReason } from './ip-ranges.ts';

/** Longest landing-page address accepted (the platforms take 1,024–2,048 characters). */
export const MAX_URL_LENGTH = 2_048;

/** Names that only mean something inside a network, never a public site. */
const INTERNAL_SUFFIXES = ['localhost', 'local', 'internal', 'intranet', 'lan', 'home.arpa', 'corp', 'localdomain'];

export type UrlVerdict =
  | { ok: true; url: URL; hostname: string; isIpLiteral: boolean }
  | { ok: false; https: boolean; message: string };

/** The hostname as the resolver takes it: lower case, IPv6 brackets and a trailing dot dropped. */
export function bareHostname(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();
}

/**
 * Whether `input` may be fetched as a landing page before any network call: an https URL without
 * credentials, on the standard port, naming a public host (a name with a dot that is not an
 * internal-only suffix, or a public IP address). Resolved addresses are checked again later.
 */
export function checkLandingUrl(input: unknown, options: { allowHttp?: boolean } = {}): UrlVerdict {
  if (typeof input !== 'string' || input.trim() === '') return { ok: false, https: false, message: 'Enter the landing page address (https://…).' };
  const text = input.trim();
  if (text.length > MAX_URL_LENGTH) return { ok: false, https: false, message: `The landing page address is longer than ${MAX_URL_LENGTH} characters.` };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, https: false, message: 'The landing page address is not a valid URL; it must start with https://.' };
  }
  if (url.protocol === 'http:' && !options.allowHttp) {
    return { ok: false, https: false, message: 'The landing page must use https: pages served over plain http cannot be published.' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, https: false, message: `The landing page must be an https:// address, not ${url.protocol}.` };
  const https = url.protocol === 'https:';
  if (url.username || url.password) return { ok: false, https, message: 'The landing page address must not contain a user name or password.' };
  if (url.port !== '') return { ok: false, https, message: `The landing page must be on the standard ${https ? 'https port (443)' : 'port'}, not port ${url.port}.` };
  const hostname = bareHostname(url);
  if (isIP(hostname)) {
    const why = blockedAddressReason(hostname);
    if (why) return { ok: false, https, message: `The landing page points to ${hostname}, which is ${why}: only public sites can be checked.` };
    return { ok: true, url, hostname, isIpLiteral: true };
  }
  if (!hostname.includes('.')) return { ok: false, https, message: `"${hostname}" is not a public site name: use the full domain (for example shop.example.com).` };
  const suffix = INTERNAL_SUFFIXES.find((s) => hostname === s || hostname.endsWith(`.${s}`));
  if (suffix) return { ok: false, https, message: `${hostname} is a name inside a private network (.${suffix}): only public sites can be checked.` };
  return { ok: true, url, hostname, isIpLiteral: false };
}
