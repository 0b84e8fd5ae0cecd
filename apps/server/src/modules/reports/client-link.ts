import { createHmac } from 'node:crypto';
import { safeEqual } from '../../platform/crypto.ts';

/**
 * The token of a client report link: `<link id>.<HMAC-SHA256 of it with the application key>`.
 * Only Adloop can make one; the link row then says whether it still works (expiry, revocation).
 */
const sign = (secretKey: string, linkId: string) => createHmac('sha256', Buffer.from(secretKey, 'hex')).update(`report-link|${linkId}`).digest('base64url');

export const linkToken = (secretKey: string, linkId: string): string => `${linkId}.${sign(secretKey, linkId)}`;

/** The link id a token names, or null when it was not signed by this server. */
export function linkIdOf(secretKey: string, token: string): string | null {
  const [id, signature, extra] = token.split('.');
  if (!id || !signature || extra !== undefined || !/^[0-9a-f-]{36}$/i.test(id)) return null;
  return safeEqual(signature, sign(secretKey, id)) ? id : null;
}

/** The web page a client opens. */
export const linkPath = (secretKey: string, linkId: string): string => `/r/${linkToken(secretKey, linkId)}`;
