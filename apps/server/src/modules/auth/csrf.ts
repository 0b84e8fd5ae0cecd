import { createHmac } from 'node:crypto';
import { safeEqual } from '../../platform/crypto.ts';

/**
 * The CSRF token of a session: derived from the session token with the application key, so a
 * cookie + header pair planted by someone else (a sibling subdomain, a man in the middle on http)
 * matches no session but their own.
 */
export function csrfTokenFor(secretKey: string, sessionToken: string): string {
  return createHmac('sha256', Buffer.from(secretKey, 'hex')).update(`csrf|${sessionToken}`).digest('base64url');
}

/** True when `header` is the CSRF token of the session behind `sessionToken`. */
export function isCsrfTokenValid(secretKey: string, sessionToken: string, header: unknown): boolean {
  return typeof header === 'string' && safeEqual(header, csrfTokenFor(secretKey, sessionToken));
}
