import type { Db } from '@adloop/db';
import type { Clock } from '../../platform/clock.ts';
import { AppError } from '../../platform/errors.ts';
import { countRecentFailures, recordLoginAttempt } from './attempts.repository.ts';

export const THROTTLE_WINDOW_MS = 15 * 60_000;
/** Failures for one email within the window before it is locked. */
export const EMAIL_FAILURE_LIMIT = 10;
/**
 * Failures from one IP within the window. Higher than the per-account limit so an office behind
 * one NAT survives a few people mistyping, yet it still caps one address at ~200 guesses an hour.
 */
export const IP_FAILURE_LIMIT = 30;
// A success does not reset the count: otherwise someone who has the password could repeat the
// password step to wipe out failed MFA codes. Successes are stored for the record only.


/**
 * Milliseconds until fewer than `limit` failures remain in the window, or 0 when not throttled.
 * `failures` are the failure times inside the window, oldest first.
 */
export function throttleDelayMs(failures: readonly Date[], limit: number, now: Date, windowMs = THROTTLE_WINDOW_MS): number {
  if (failures.length < limit) return 0;
  // Once this failure leaves the window, only limit - 1 remain.
  const blocking = failures[failures.length - limit];
  if (!blocking) return 0;
  return Math.max(1000, blocking.getTime() + windowMs - now.getTime());
}

export interface AttemptKey {
  /** Lower-cased email the attempt was for (known or not). */
  email: string;
  ip: string;
}

/** Throws 429 rate_limited (with Retry-After in seconds) when the email or the IP has failed too often. */
export async function assertNotThrottled(db: Db, clock: Clock, key: AttemptKey): Promise<void> {
  const now = clock.now();
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  const recent = await countRecentFailures(db, key, since);
  const delay = Math.max(
    throttleDelayMs(recent.byEmail, EMAIL_FAILURE_LIMIT, now),
    throttleDelayMs(recent.byIp, IP_FAILURE_LIMIT, now),
  );
  if (delay > 0) {
    const seconds = Math.ceil(delay / 1000);
    throw new AppError(
      'rate_limited',
      `Too many failed attempts. Try again in ${Math.ceil(seconds / 60)} minute(s).`,
      { retryAfterSeconds: seconds },
      { 'retry-after': String(seconds) },
    );
  }
}

export function recordFailure(db: Db, clock: Clock, key: AttemptKey): Promise<void> {
  return recordLoginAttempt(db, { ...key, succeeded: false, at: clock.now() });
}

export function recordSuccess(db: Db, clock: Clock, key: AttemptKey): Promise<void> {
  return recordLoginAttempt(db, { ...key, succeeded: true, at: clock.now() });
}
