import { hashToken, randomToken } from '../../platform/crypto.ts';
import { API_KEY_PREFIX } from '../auth/auth.guard.ts';

/** Characters of the secret shown in lists: `adl_` plus 8 random ones, enough to tell keys apart. */
export const API_KEY_DISPLAY_LENGTH = API_KEY_PREFIX.length + 8;

/**
 * A new key: the secret (returned once), the prefix kept for display and the hash the guard
 * looks up. The prefix reveals 48 of 256 random bits, so it does not weaken the key.
 */
export function generateApiKey(): { secret: string; prefix: string; keyHash: string } {
  const secret = `${API_KEY_PREFIX}${randomToken()}`;
  return { secret, prefix: secret.slice(0, API_KEY_DISPLAY_LENGTH), keyHash: hashToken(secret) };
}
