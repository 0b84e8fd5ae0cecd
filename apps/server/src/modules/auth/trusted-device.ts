import { createHmac, randomBytes } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { safeEqual } from '../../platform/crypto.ts';
import type { AttemptKey } from './throttle.ts';

export const DEVICE_COOKIE = 'adloop_device';
const DEVICE_DAYS = 180;

const sign = (secretKey: string, email: string, nonce: string) =>
  createHmac('sha256', Buffer.from(secretKey, 'hex')).update(`device|${email.toLowerCase()}|${nonce}`).digest('base64url');

/**
 * The device a person signed in from before, for that email: `<nonce>.<signature>`, or null when the
 * cookie is absent, forged or for another account.
 */
export function knownDevice(ctx: AppContext, cookie: string | undefined, email: string): string | null {
  const [nonce, signature, extra] = cookie?.split('.') ?? [];
  if (!nonce || !signature || extra !== undefined) return null;
  return safeEqual(signature, sign(ctx.secretKey, email, nonce)) ? nonce : null;
}

/**
 * Attempts from a device the account signed in from before are counted on that device, not on the
 * email: strangers guessing the password lock out strangers, while the owner can still sign in from
 * their own browser. The per-IP limit applies to everyone.
 */
export function attemptKeyFor(ctx: AppContext, cookie: string | undefined, email: string, ip: string): AttemptKey {
  const device = knownDevice(ctx, cookie, email);
  return { email: device ? `device:${device}` : email, ip };
}

/** Remembers this browser for `email` after a complete sign-in. */
export function rememberDevice(ctx: AppContext, reply: FastifyReply, email: string): void {
  const nonce = randomBytes(16).toString('base64url');
  void reply.setCookie(DEVICE_COOKIE, `${nonce}.${sign(ctx.secretKey, email, nonce)}`, {
    path: '/api/v1/auth',
    httpOnly: true,
    sameSite: 'lax',
    secure: ctx.config.isHttps,
    maxAge: DEVICE_DAYS * 24 * 3600,
  });
}
