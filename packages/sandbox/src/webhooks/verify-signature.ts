import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A receiver's check of an Adloop webhook, as documented in docs/webhooks.md: the `Adloop-Signature`
 * header is `t=<unix seconds>,v1=<hex>` (several `v1` while a secret is being rotated); `v1` is the
 * HMAC-SHA256, keyed with the endpoint's secret, of `<t>.<raw body>`. The body must be the raw bytes
 * received (parsed and re-serialised JSON no longer matches), compared in constant time, and the
 * timestamp within `toleranceSeconds` of now so a captured request cannot be replayed later.
 */
export type SignatureVerdict = { ok: true; timestamp: number } | { ok: false; reason: string };

export function verifyAdloopSignature(
  rawBody: string,
  header: string | undefined,
  secret: string,
  options: { toleranceSeconds?: number; nowSeconds?: number } = {},
): SignatureVerdict {
  if (!header) return { ok: false, reason: 'no Adloop-Signature header' };
  const parts = header.split(',').map((part) => part.trim().split('='));
  const t = Number(parts.find(([key]) => key === 't')?.[1]);
  const signatures = parts.filter(([key]) => key === 'v1').map(([, value]) => value ?? '');
  if (!Number.isInteger(t) || signatures.length === 0) return { ok: false, reason: 'malformed Adloop-Signature header' };
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - t) > (options.toleranceSeconds ?? 300)) return { ok: false, reason: 'timestamp outside the tolerance' };
  const expected = createHmac('sha256', secret).update(`${t}.${rawBody}`).digest();
  const matches = signatures.some((hex) => {
    const given = Buffer.from(hex, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  return matches ? { ok: true, timestamp: t } : { ok: false, reason: 'no signature matches the secret' };
}
