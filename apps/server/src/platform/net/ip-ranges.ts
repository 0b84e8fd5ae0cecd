import { isIP } from 'node:net';

/**
 * Which addresses an outbound request to a user-given URL may reach: public unicast only. Everything
 * else (private networks, loopback, link-local and the cloud metadata address in it, carrier-grade
 * NAT, documentation and benchmark ranges, multicast, reserved) is refused, also when an IPv4 address
 * hides inside an IPv6 one (mapped `::ffff:a.b.c.d`, NAT64 `64:ff9b::/96`, 6to4 `2002::/16`).
 */

type V4Range = readonly [base: string, bits: number, why: string];

const V4_BLOCKED: readonly V4Range[] = [
  ['0.0.0.0', 8, 'this network'],
  ['10.0.0.0', 8, 'a private network'],
  ['100.64.0.0', 10, 'carrier-grade NAT (shared) space'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.169.254', 32, 'the cloud metadata service'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'a private network'],
  ['192.0.0.0', 24, 'IETF protocol assignments'],
  ['192.0.2.0', 24, 'documentation (TEST-NET-1)'],
  ['192.88.99.0', 24, '6to4 relay anycast'],
  ['192.168.0.0', 16, 'a private network'],
  ['198.18.0.0', 15, 'benchmarking'],
  ['198.51.100.0', 24, 'documentation (TEST-NET-2)'],
  ['203.0.113.0', 24, 'documentation (TEST-NET-3)'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved (and broadcast)'],
];

/** `a.b.c.d` as an unsigned 32-bit number; null when not a dotted quad. */
export function parseIpv4(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return null;
    const n = Number(part);
    if (n > 255) return null;
    value = value * 256 + n;
  }
  return value;
}

/** An IPv6 address as its eight 16-bit groups (zone id dropped, embedded dotted quad read); null when invalid. */
export function parseIpv6(text: string): number[] | null {
  let rest = text.replace(/^\[|\]$/g, '').replace(/%.*$/, '').toLowerCase();
  if (isIP(rest) !== 6) return null;
  const quad = /(\d+\.\d+\.\d+\.\d+)$/.exec(rest)?.[1];
  if (quad) {
    // `::ffff:1.2.3.4` → `::ffff:102:304`: the last two groups written in hex.
    const v4 = parseIpv4(quad);
    if (v4 === null) return null;
    rest = `${rest.slice(0, -quad.length)}${Math.floor(v4 / 65536).toString(16)}:${(v4 % 65536).toString(16)}`;
  }
  const [head = '', after] = rest.split('::');
  const groups = (part: string) => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)));
  const front = groups(head);
  const back = after === undefined ? [] : groups(after);
  const zeros = after === undefined ? 0 : 8 - front.length - back.length;
  if (zeros < 0) return null;
  const all = [...front, ...Array<number>(zeros).fill(0), ...back];
  return all.length === 8 && all.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? all : null;
}

function v4Blocked(value: number): string | null {
  for (const [base, bits, why] of V4_BLOCKED) {
    const start = parseIpv4(base) ?? 0;
    const size = 2 ** (32 - bits);
    if (value >= start && value < start + size) return why;
  }
  return null;
}

function v6Blocked(g: number[]): string | null {
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = g;
  const embedded = (hi: number, lo: number, how: string): string | null => {
    const why = v4Blocked(hi * 65536 + lo);
    return why ? `${why} (${how})` : null;
  };
  const firstFiveZero = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0;
  if (firstFiveZero && g5 === 0xffff) return embedded(g6, g7, 'IPv4-mapped');
  if (firstFiveZero && g5 === 0) {
    if (g6 === 0 && g7 === 0) return 'the unspecified address';
    if (g6 === 0 && g7 === 1) return 'loopback';
    return 'an IPv4-compatible address (deprecated)';
  }
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) return embedded(g6, g7, 'NAT64');
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 1) return 'local-use NAT64';
  if (g0 === 0x100 && g1 === 0 && g2 === 0 && g3 === 0) return 'the discard prefix';
  if (g0 === 0x2001 && g1 === 0x0db8) return 'documentation';
  if (g0 === 0x2001 && g1 < 0x200) return 'IETF protocol assignments (Teredo and others)';
  if (g0 === 0x2002) return embedded(g1, g2, '6to4');
  if (g0 >= 0x3fff && g0 < 0x4000 && g1 < 0x1000) return 'documentation';
  if ((g0 & 0xfe00) === 0xfc00) return 'a unique local (private) network';
  if ((g0 & 0xffc0) === 0xfe80) return 'link-local';
  if ((g0 & 0xffc0) === 0xfec0) return 'site-local';
  if ((g0 & 0xff00) === 0xff00) return 'multicast';
  if (g0 < 0x2000 || g0 > 0x3fff) return 'outside global unicast space';
  return null;
}

/** Why a request must not go to `address` (IPv4 or IPv6 text); null when it is a public unicast address. */
export function blockedAddressReason(address: string): string | null {
  const bare = address.replace(/^\[|\]$/g, '');
  const family = isIP(bare.replace(/%.*$/, ''));
  if (family === 4) {
    const value = parseIpv4(bare);
    return value === null ? 'not an address' : v4Blocked(value);
  }
  if (family === 6) {
    const groups = parseIpv6(bare);
    return groups ? v6Blocked(groups) : 'not an address';
  }
  return 'not an address';
}
