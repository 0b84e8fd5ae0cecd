import type { Db } from '@adloop/db';
import type { Clock } from '../../platform/clock.ts';
import { AppError } from '../../platform/errors.ts';
import { plural } from '@adloop/contracts/labels';
import { countRecentFailures, lockAttemptKeys, markAttemptSucceeded, recordLoginAttempt } from './attempts.repository.ts';

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

/** Limits within `THROTTLE_WINDOW_MS` per email and per IP, and what the refusal says. */
export interface AttemptLimits {
  perEmail: number;
  perIp: number;
  refusal: string;
}

export const SIGN_IN_LIMITS: AttemptLimits = { perEmail: EMAIL_FAILURE_LIMIT, perIp: IP_FAILURE_LIMIT, refusal: 'Too many failed attempts.' };

function throttledError(delayMs: number, refusal: string): AppError {
  const seconds = Math.ceil(delayMs / 1000);
  return new AppError(
    'rate_limited',
    `${refusal} Try again in ${plural(Math.ceil(seconds / 60), 'minute')}.`,
    { retryAfterSeconds: seconds },
    { 'retry-after': String(seconds) },
  );
}

/** An attempt that already counts as a failure; `succeeded` marks it otherwise once the secret is proven. */
export interface ReservedAttempt {
  succeeded(db?: Db): Promise<void>;
}

/**
 * Reserves one attempt before any password or code is checked: under a lock on the email and the
 * IP, the recent failures are counted and, when below the limits, a failure row is written in the
 * same transaction. Parallel guesses therefore see each other and at most the allowed number are
 * ever checked. Throws 429 rate_limited (with Retry-After in seconds) when over a limit.
 */
export async function reserveAttempt(db: Db, clock: Clock, key: AttemptKey, limits: AttemptLimits = SIGN_IN_LIMITS): Promise<ReservedAttempt> {
  const attemptId = await db.transaction(async (tx) => {
    await lockAttemptKeys(tx, key);
    const now = clock.now();
    const recent = await countRecentFailures(tx, key, new Date(now.getTime() - THROTTLE_WINDOW_MS));
    const delay = Math.max(
      throttleDelayMs(recent.byEmail, limits.perEmail, now),
      throttleDelayMs(recent.byIp, limits.perIp, now),
    );
    if (delay > 0) throw throttledError(delay, limits.refusal);
    return recordLoginAttempt(tx, { ...key, succeeded: false, at: now });
  });
  return { succeeded: (onDb = db) => markAttemptSucceeded(onDb, attemptId) };
}
