import { randomInt } from 'node:crypto';
import { generateSecret, generateURI, verify } from 'otplib';
import { hashToken } from '../../platform/crypto.ts';

export const TOTP_PERIOD_SECONDS = 30;
export const RECOVERY_CODE_COUNT = 10;
const ISSUER = 'Adloop';
/** No 0/o/1/l/i, so codes read back from paper without confusion. */
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

export function createTotpSecret(): string {
  return generateSecret();
}

export function totpUri(secret: string, accountEmail: string): string {
  return generateURI({ issuer: ISSUER, label: accountEmail, secret });
}

/** The TOTP time step that contains `now`. */
export function timeStepAt(now: Date): number {
  return Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS);
}

export function looksLikeTotp(code: string): boolean {
  return /^\d{6}$/.test(code.trim());
}

/**
 * Checks a 6-digit code against the steps just before, at and after `now` (±30 s of clock drift).
 * Steps at or below `lastStep` are refused, so each code works once only.
 * Returns the matched step (store it as the new `lastStep`) or null.
 */
export async function verifyTotp(secret: string, code: string, now: Date, lastStep: number | null): Promise<number | null> {
  const token = code.trim();
  if (!looksLikeTotp(token)) return null;
  const result = await verify({
    secret,
    token,
    epoch: Math.floor(now.getTime() / 1000),
    epochTolerance: TOTP_PERIOD_SECONDS,
    ...(lastStep !== null ? { afterTimeStep: lastStep } : {}),
  });
  if (!result.valid || !('timeStep' in result)) return null;
  return result.timeStep;
}

/** Ten fresh recovery codes shaped `xxxxx-xxxxx` (~49 bits each). */
export function createRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const chars = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]);
    return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
  });
}

/** Case, spaces and the dash are not significant when a person types a recovery code back. */
export function normaliseRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]/g, '');
}

export function hashRecoveryCode(code: string): string {
  return hashToken(`recovery:${normaliseRecoveryCode(code)}`);
}
