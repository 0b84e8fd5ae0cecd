import { createHmac, randomBytes } from 'node:crypto';

/** A new endpoint secret: `whsec_` and 32 random bytes (256 bits), base64url. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/** Hex HMAC-SHA256 of `<timestamp>.<body>` keyed with `secret`: the `v1` of the signature header. */
export function webhookSignature(secret: string, timestampSeconds: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex');
}

/**
 * The `Adloop-Signature` header value for `body` sent at `timestampSeconds`: `t=<seconds>,v1=<hex>`.
 * The timestamp is signed with the body, so a receiver that refuses old timestamps (docs/webhooks.md)
 * cannot be fed a captured request later, and neither part can be changed alone.
 */
export function signatureHeader(secret: string, timestampSeconds: number, body: string): string {
  return `t=${timestampSeconds},v1=${webhookSignature(secret, timestampSeconds, body)}`;
}
