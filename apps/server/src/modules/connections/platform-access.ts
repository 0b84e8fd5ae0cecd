import { and, eq } from 'drizzle-orm';
import { adAccounts, platformConnections } from '@adloop/db';
import { PlatformError, type AccountRef, type AdPlatform, type TokenSet } from '@adloop/platforms';
import type { AppContext } from '../../platform/context.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import type { AdAccountRow, ConnectionRow } from './connections.repository.ts';
import { loadTokens, refreshAndStore } from './platform-tokens.ts';

export { loadTokens, readTokens, recordAuthFailure, refreshAndStore, resetAuthFailures } from './platform-tokens.ts';

/** One ad account's way to its platform: every call through the gateway with the connection's tokens. */
export interface AccountSession {
  readonly account: AdAccountRow;
  readonly connection: ConnectionRow;
  readonly adapter: AdPlatform;
  readonly ref: AccountRef;
  /**
   * One adapter call through the gateway (request budget, breaker, retries). Tokens are loaded on
   * the first call; an expired access token of a platform with refresh tokens is refreshed once
   * and the call repeated, so a second refusal is a real auth failure. Errors stay PlatformErrors.
   */
  call<T>(operation: (adapter: AdPlatform, tokens: TokenSet, ref: AccountRef) => Promise<T>): Promise<T>;
}

export const accountRef = (account: AdAccountRow): AccountRef => ({
  platformAccountId: account.platformAccountId,
  managerId: account.managerId ?? undefined,
  currency: account.currency,
  timeZone: account.timeZone,
});

/**
 * A session on an account whose connection the caller already checked (jobs: sync, applying
 * changes). `tokens`, when given, are used instead of loading them on the first call.
 */
export function openAccountSession(ctx: AppContext, account: AdAccountRow, connection: ConnectionRow, tokens?: TokenSet): AccountSession {
  const adapter = ctx.platforms.registry.get(account.platform);
  const ref = accountRef(account);
  const scope = { orgId: account.orgId, platform: account.platform, accountKey: account.platformAccountId };
  let current = tokens ?? null;
  let refreshed = false;
  return {
    account,
    connection,
    adapter,
    ref,
    async call(operation) {
      current ??= await loadTokens(ctx, connection);
      const held = current;
      try {
        return await ctx.platforms.call(scope, (a) => operation(a, held, ref));
      } catch (error) {
        if (!(error instanceof PlatformError) || error.kind !== 'auth_expired' || refreshed || !adapter.capabilities.refreshableTokens || !held.refreshToken) throw error;
        refreshed = true;
        const fresh = await refreshAndStore(ctx, connection, held);
        current = fresh;
        return ctx.platforms.call(scope, (a) => operation(a, fresh, ref));
      }
    },
  };
}

/** What the person asked the platform to do, for the refusal's words: "list the account’s assets". */
export interface PlatformAction {
  doing: string;
  /** The request field a platform's `invalid_request` is reported on; default: the platform's own field, else `body`. */
  field?: string;
}

/**
 * A platform's refusal as the API's error, the one mapping for every route: token refused → 409
 * reconnect; throttled → 429 with Retry-After; not found → 404; invalid request → 400 on the
 * field with the platform's words; anything else → 502 saying what did not happen.
 */
export function platformFailure(error: PlatformError, platformName: string, action: PlatformAction): AppError {
  const said = error.details.platformMessage ?? error.message;
  switch (error.kind) {
    case 'auth_expired':
    case 'permission':
      return new AppError('conflict', `${platformName} no longer lets Adloop work on this account; reconnect it on the Connections page. ${platformName} said: ${said}`);
    case 'rate_limited': {
      const seconds = Math.max(1, Math.ceil(error.details.retryAfterSeconds ?? 60));
      return new AppError('rate_limited', `${platformName} asks Adloop to slow down; try again in ${seconds} s.`, { retryAfterSeconds: seconds }, { 'retry-after': String(seconds) });
    }
    case 'not_found':
      return new AppError('not_found', `${platformName} no longer has it: ${said}`);
    case 'invalid_request':
      return fieldError(action.field ?? error.details.field ?? 'body', said);
    default:
      return new AppError('upstream_failed', `${platformName} did not ${action.doing}: ${said}`);
  }
}

/**
 * An ad account of this organisation that Adloop may work on live: added to Adloop, running ads of
 * its own (not a manager), on an active connection, on a platform this installation can reach.
 * Each refusal says what the person can do about it.
 */
export async function loadWorkingAccount(ctx: AppContext, orgId: string, account: string | AdAccountRow): Promise<{ account: AdAccountRow; connection: ConnectionRow }> {
  const row = typeof account === 'string' ? await findAccountWithConnection(ctx, orgId, account) : await withConnection(ctx, orgId, account);
  if (!row) throw notFound('Ad account');
  if (!row.account.selected) throw new AppError('conflict', 'This account is not added to Adloop: add it on the Connections page first');
  if (row.account.isManager) throw new AppError('conflict', 'A manager account runs no ads of its own: choose one of its client accounts');
  if (row.connection.status !== 'active') throw new AppError('conflict', 'This account’s connection needs to be reconnected first');
  if (!ctx.platforms.registry.has(row.account.platform)) throw new AppError('conflict', 'This account is on a platform this installation cannot reach');
  return row;
}

async function findAccountWithConnection(ctx: AppContext, orgId: string, accountId: string) {
  const [row] = await ctx.db
    .select({ account: adAccounts, connection: platformConnections })
    .from(adAccounts)
    .innerJoin(platformConnections, and(eq(platformConnections.id, adAccounts.connectionId), eq(platformConnections.orgId, adAccounts.orgId)))
    .where(and(eq(adAccounts.orgId, orgId), eq(adAccounts.id, accountId)));
  return row ?? null;
}

async function withConnection(ctx: AppContext, orgId: string, account: AdAccountRow) {
  if (account.orgId !== orgId) return null;
  const [connection] = await ctx.db
    .select()
    .from(platformConnections)
    .where(and(eq(platformConnections.orgId, orgId), eq(platformConnections.id, account.connectionId)));
  return connection ? { account, connection } : null;
}

/**
 * Runs `work` on a working account of the organisation (see `loadWorkingAccount`) and turns a
 * platform's refusal into the API's error (`platformFailure`). For requests; jobs that record
 * failures themselves use `openAccountSession`.
 */
export async function withAccount<T>(ctx: AppContext, orgId: string, account: string | AdAccountRow, action: PlatformAction, work: (session: AccountSession) => Promise<T>): Promise<T> {
  const { account: row, connection } = await loadWorkingAccount(ctx, orgId, account);
  const session = openAccountSession(ctx, row, connection);
  try {
    return await work(session);
  } catch (error) {
    if (error instanceof PlatformError) throw platformFailure(error, session.adapter.displayName, action);
    throw error;
  }
}
