/**
 * The landing-page sandbox's internet: the seeded advertisers' sites (one per brand the platform
 * sandboxes seed), their DNS records, and pages that misbehave the ways real landing pages do
 * (slow, gone, redirecting, http-only, not HTML, huge, pointing inside a network).
 *
 * Addresses are what the sandbox's DNS answers; nothing ever connects to them: the product's
 * network layer checks them, then sends the request to this sandbox with the host it asked for.
 */

export interface DnsRecord {
  address: string;
  family: 4 | 6;
}

/** What one page does when fetched over `scheme`. */
export type PageBehaviour =
  | { kind: 'html'; title: string; body: string; lang?: string }
  | { kind: 'redirect'; status: 301 | 302 | 303 | 307 | 308; location: string }
  | { kind: 'status'; status: number; title: string }
  | { kind: 'slow'; delayMs: number; title: string }
  | { kind: 'file'; contentType: string; body: string }
  | { kind: 'huge'; bytes: number; title: string }
  | { kind: 'redirect-loop' };

export interface Site {
  host: string;
  /** Answers https; false: only plain http (an https connection is dropped, as with no certificate). */
  https: boolean;
  pages: Record<string, PageBehaviour>;
}

const page = (title: string, lines: string[], lang = 'en'): PageBehaviour => ({
  kind: 'html', title, lang, body: lines.map((line) => `<p>${line}</p>`).join('\n'),
});

export const SITES: readonly Site[] = [
  {
    host: 'northwind-outdoor.example',
    https: true,
    pages: {
      '/': page('Northwind Outdoor – Gear for every trail', ['Tents, packs and jackets tested on real trails.', 'Free shipping on orders over $75.']),
      '/tents': page('Ultralight Tents | Northwind Outdoor', ['Two-person tents from 1.2 kg.', 'Set up in under three minutes.', 'Five-year warranty on every pole.']),
      '/sale': page('Summer Sale – Northwind Outdoor', ['Up to 30% off selected jackets and packs.', 'Sale ends Sunday.']),
      '/old-sale': { kind: 'redirect', status: 301, location: '/sale' },
      '/spring': { kind: 'redirect', status: 302, location: 'https://www.northwind-outdoor.example/spring-collection' },
      '/discontinued': { kind: 'status', status: 404, title: 'Page not found' },
      '/checkout-down': { kind: 'status', status: 503, title: 'Service unavailable' },
      '/slow': { kind: 'slow', delayMs: 15_000, title: 'Slow page' },
      '/loop': { kind: 'redirect-loop' },
      '/intranet-link': { kind: 'redirect', status: 302, location: 'https://intranet.northwind-outdoor.example/' },
      '/metadata-link': { kind: 'redirect', status: 302, location: 'http://169.254.169.254/latest/meta-data/' },
      '/metadata-link-https': { kind: 'redirect', status: 302, location: 'https://169.254.169.254/latest/meta-data/' },
    },
  },
  {
    host: 'www.northwind-outdoor.example',
    https: true,
    pages: {
      '/spring-collection': page('Spring Collection | Northwind Outdoor', ['Light layers for the first warm days.']),
    },
  },
  {
    host: 'lumen-skincare.example',
    https: true,
    pages: {
      '/': page('Lumen Skincare – Gentle care for every skin', ['Vitamin C serum with 15% ascorbic acid.', 'Dermatologist tested.']),
      '/serum': page('Vitamin C Serum | Lumen Skincare', ['Brightening serum for daily use.', '30 ml, fragrance free.']),
      '/de/': page('Lumen Skincare – Sanfte Pflege', ['Vitamin-C-Serum für jeden Tag.', 'Dermatologisch getestet.'], 'de'),
      '/angebot': { kind: 'redirect', status: 302, location: 'http://lumen-skincare.example/angebot' },
    },
  },
  {
    host: 'sakura-tea.example',
    https: true,
    pages: {
      '/': page('Sakura Tea – Japanese green tea', ['Matcha and sencha from Uji, shipped within two days.']),
      '/matcha': page('Ceremonial Matcha | Sakura Tea', ['Stone-ground ceremonial grade matcha.', '30 g tin.']),
      '/catalogue': { kind: 'huge', bytes: 3 * 1024 * 1024, title: 'Full catalogue | Sakura Tea' },
      '/price-list.pdf': { kind: 'file', contentType: 'application/pdf', body: '%PDF-1.4\n% price list\n' },
    },
  },
  {
    host: 'v6.sakura-tea.example',
    https: true,
    pages: { '/': page('Sakura Tea over IPv6', ['The same tea, a newer address.']) },
  },
  {
    host: 'pacific-bikes.example',
    https: false,
    pages: {
      '/': page('Pacific Bikes – Road and e-bikes', ['Test rides every Saturday.']),
      '/e-bikes': page('E-Bikes | Pacific Bikes', ['Range up to 120 km.']),
    },
  },
  {
    host: 'harbor-coffee.example',
    https: true,
    pages: {
      '/': page('Harbor Coffee – Roasted in Bristol', ['Single-origin beans roasted every Monday.']),
      '/subscriptions': page('Coffee Subscriptions | Harbor Coffee', ['Fresh beans every two weeks.', 'Pause or cancel any time.']),
      '/menu.json': { kind: 'file', contentType: 'application/json', body: '{"menu":[]}' },
    },
  },
  {
    host: 'promo.harbor-coffee.example',
    https: true,
    pages: { '/': page('Harbor Coffee – Winter Blend', ['A dark roast with notes of cocoa.']) },
  },
];

/**
 * The sandbox's DNS. Brand sites answer public addresses; the other names answer the addresses an
 * attacker would aim a landing-page check at (inside the network, loopback, cloud metadata), so the
 * product's guard can be tested without a real resolver.
 */
export const DNS: Readonly<Record<string, readonly DnsRecord[]>> = {
  'northwind-outdoor.example': [{ address: '93.184.215.10', family: 4 }],
  'www.northwind-outdoor.example': [{ address: '93.184.215.11', family: 4 }],
  'lumen-skincare.example': [{ address: '93.184.215.20', family: 4 }, { address: '2606:2800:21f:cb07::20', family: 6 }],
  'sakura-tea.example': [{ address: '93.184.215.30', family: 4 }],
  'v6.sakura-tea.example': [{ address: '2606:2800:21f:cb07::30', family: 6 }],
  'pacific-bikes.example': [{ address: '93.184.215.40', family: 4 }],
  'harbor-coffee.example': [{ address: '93.184.215.50', family: 4 }],
  // Names that lead inside: every one must be refused before a connection is made.
  'intranet.northwind-outdoor.example': [{ address: '10.0.0.12', family: 4 }],
  'admin.lumen-skincare.example': [{ address: '127.0.0.1', family: 4 }],
  'metadata.sakura-tea.example': [{ address: '169.254.169.254', family: 4 }],
  'mapped.sakura-tea.example': [{ address: '::ffff:192.168.1.20', family: 6 }],
  'ula.harbor-coffee.example': [{ address: 'fd00:ec2::254', family: 6 }],
  'mixed.harbor-coffee.example': [{ address: '93.184.215.51', family: 4 }, { address: '172.16.5.4', family: 4 }],
};

/**
 * A name whose answer changes between lookups (DNS rebinding): public on odd lookups, loopback on
 * even ones. A guard that checks one answer and connects with another is caught by it.
 */
export const REBINDING_HOST = 'promo.harbor-coffee.example';
export const REBINDING_ANSWERS: readonly (readonly DnsRecord[])[] = [
  [{ address: '93.184.215.52', family: 4 }],
  [{ address: '127.0.0.1', family: 4 }],
];

export function findSite(host: string): Site | undefined {
  return SITES.find((site) => site.host === host);
}
