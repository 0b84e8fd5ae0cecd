import type { z } from 'zod';
import type { OperatorAccount } from '@adloop/contracts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import { assertPasswordAllowed, hashPassword, verifyPassword } from '../auth/passwords.ts';
import { auditOperator, type OperatorActor } from './operators.auth.ts';
import { disableOperator, findOperatorById, listOperators, revokeOperatorSessions, setOperatorPassword, type OperatorRow } from './operators.repository.ts';

const toAccount = (row: OperatorRow): z.infer<typeof OperatorAccount> => ({
  id: row.id, email: row.email, role: row.role, createdAt: row.createdAt.toISOString(),
  disabledAt: row.disabledAt?.toISOString() ?? null, passwordChangeRequired: row.passwordChangeRequired,
});

/** Every operator account, enabled or not (Platform Admin). */
export async function listOperatorAccounts(ctx: AppContext): Promise<{ items: z.infer<typeof OperatorAccount>[] }> {
  return { items: (await listOperators(ctx.db)).map(toAccount) };
}

/**
 * The operator's own password in place of the one they were given (or their previous one): the
 * current one must be right, the new one allowed and different. Their other sessions end.
 */
export async function changeOperatorPassword(ctx: AppContext, operator: OperatorActor, input: { currentPassword: string; newPassword: string }): Promise<void> {
  const row = await findOperatorById(ctx.db, operator.operatorId);
  if (!row) throw notFound('Operator');
  if (!(await verifyPassword(row.passwordHash, input.currentPassword))) throw fieldError('currentPassword', 'The current password is not right');
  assertPasswordAllowed(input.newPassword, 'newPassword');
  if (input.newPassword === input.currentPassword) throw fieldError('newPassword', 'Choose a password different from the current one');
  await setOperatorPassword(ctx.db, row.id, await hashPassword(input.newPassword));
  const ended = await revokeOperatorSessions(ctx.db, row.id, ctx.clock.now(), operator.sessionId);
  await auditOperator(ctx, operator, 'operator.password_changed', { details: { firstSignIn: row.passwordChangeRequired, otherSessionsEnded: ended } });
}

/** Disables another operator with a reason: they cannot sign in, and their sessions end at once. */
export async function disableOperatorAccount(ctx: AppContext, operator: OperatorActor, operatorId: string, reason: string): Promise<void> {
  if (operatorId === operator.operatorId) throw new AppError('conflict', 'You cannot disable your own account: ask another Platform Admin');
  const target = await findOperatorById(ctx.db, operatorId);
  if (!target) throw notFound('Operator');
  const now = ctx.clock.now();
  const disabled = await disableOperator(ctx.db, operatorId, now);
  if (!disabled) throw new AppError('conflict', 'This operator is already disabled');
  const ended = await revokeOperatorSessions(ctx.db, operatorId, now);
  await auditOperator(ctx, operator, 'operator.disabled', { reason, details: { operatorId, email: target.email, role: target.role, sessionsEnded: ended } });
}
