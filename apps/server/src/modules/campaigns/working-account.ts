import { and, eq } from 'drizzle-orm';
import { adAccounts, platformConnections } from '@adloop/db';
import type { AppContext } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';

export type WorkingAccount = { account: typeof adAccounts.$inferSelect; connection: typeof platformConnections.$inferSelect };

/**
 * An ad account of this organisation that Adloop may work on live: added to Adloop, running ads of
 * its own (not a manager), on an active connection, on a platform this installation can reach.
 * Each refusal says what the person can do about it.
 */
export async function loadWorkingAccount(ctx: AppContext, orgId: string, accountId: string): Promise<WorkingAccount> {
  const [row] = await ctx.db
    .select({ account: adAccounts, connection: platformConnections })
    .from(adAccounts)
    .innerJoin(platformConnections, and(eq(platformConnections.id, adAccounts.connectionId), eq(platformConnections.orgId, adAccounts.orgId)))
    .where(and(eq(adAccounts.orgId, orgId), eq(adAccounts.id, accountId)));
  if (!row) throw notFound('Ad account');
  const { account, connection } = row;
  if (!account.selected) throw new AppError('conflict', 'This account is not added to Adloop: add it on the Connections page first');
  if (account.isManager) throw new AppError('conflict', 'A manager account runs no ads of its own: choose one of its client accounts');
  if (connection.status !== 'active') throw new AppError('conflict', 'This account’s connection needs to be reconnected first');
  if (!ctx.platforms.registry.has(account.platform)) throw new AppError('conflict', 'This account is on a platform this installation cannot reach');
  return row;
}
