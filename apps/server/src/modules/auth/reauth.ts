import type { AppContext } from '../../platform/context.ts';
import { fieldError } from '../../platform/errors.ts';
import type { ClientInfo } from './auth.context.ts';
import { verifyPassword } from './passwords.ts';
import { assertNotThrottled, recordFailure } from './throttle.ts';
import type { UserRow } from './users.repository.ts';

/**
 * Re-checks the password of a signed-in person before a sensitive change. Wrong passwords count
 * toward the sign-in throttle, so a stolen session cannot be used to guess the password.
 * Call it outside a transaction (it records failures on its own connection).
 */
export async function assertPasswordConfirmed(
  ctx: AppContext,
  user: UserRow,
  password: string,
  client: ClientInfo,
  field: string,
): Promise<void> {
  const key = { email: user.email, ip: client.ip };
  await assertNotThrottled(ctx.db, ctx.clock, key);
  if (!(await verifyPassword(user.passwordHash, password))) {
    await recordFailure(ctx.db, ctx.clock, key);
    throw fieldError(field, 'The password is incorrect');
  }
}

/** Counts a wrong second-factor code toward the throttle and answers 400 naming `field`. */
export async function rejectCode(ctx: AppContext, user: UserRow, client: ClientInfo, field: string): Promise<never> {
  await recordFailure(ctx.db, ctx.clock, { email: user.email, ip: client.ip });
  throw fieldError(field, 'That code is not valid. Check your authenticator app and try again.');
}
