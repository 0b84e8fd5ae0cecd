import type { AppContext } from '../../platform/context.ts';
import { fieldError } from '../../platform/errors.ts';
import type { ClientInfo } from './auth.context.ts';
import { verifyPassword } from './passwords.ts';
import { reserveAttempt, type ReservedAttempt } from './throttle.ts';
import type { UserRow } from './users.repository.ts';

/**
 * Re-checks the password of a signed-in person before a sensitive change. Wrong passwords count
 * toward the sign-in throttle, so a stolen session cannot be used to guess the password.
 * Call it outside a transaction (it reserves the attempt on its own connection).
 */
export async function assertPasswordConfirmed(
  ctx: AppContext,
  user: UserRow,
  password: string,
  client: ClientInfo,
  field: string,
): Promise<void> {
  const key = { email: user.email, ip: client.ip };
  const attempt = await reserveAttempt(ctx.db, ctx.clock, key);
  if (!(await verifyPassword(user.passwordHash, password))) throw fieldError(field, 'The password is incorrect');
  await attempt.succeeded();
}

/** Answers 400 naming `field` for a wrong second-factor code (its reserved attempt stays a failure). */
export function rejectCode(field: string): never {
  throw fieldError(field, 'That code is not valid. Check your authenticator app and try again.');
}

/** Reserves a second-factor attempt for a signed-in person: see `reserveAttempt`. */
export function reserveCodeAttempt(ctx: AppContext, user: UserRow, client: ClientInfo): Promise<ReservedAttempt> {
  return reserveAttempt(ctx.db, ctx.clock, { email: user.email, ip: client.ip });
}
