import { and, eq, sql } from 'drizzle-orm';
import { platformConnections } from '@adloop/db';
import { PlatformError, type TokenSet } from '@adloop/platforms';
import type { AppContext } from '../../platform/context.ts';
import { announceNotifications } from '../notifications/notifications.service.ts';
import { emitNotification } from '../notifications/emit.ts';
import { createSecretsRepository } from './secrets.repository.ts';
import type { ConnectionRow } from './connections.repository.ts';

/** Refresh a refreshable token this long before it expires. */
const REFRESH_MARGIN_MS = 10 * 60_000;

const byConnection = (connection: ConnectionRow) => and(eq(platformConnections.orgId, connection.orgId), eq(platformConnections.id, connection.id));

/** The connection's stored tokens as they are (no refresh); null when Adloop holds no access token. */
export async function readTokens(ctx: AppContext, connection: ConnectionRow): Promise<TokenSet | null> {
  const secrets = createSecretsRepository(ctx.db, ctx.keyring);
  const stored = await secrets.getMany(connection.orgId, connection.id, ['access_token', 'refresh_token']);
  const accessToken = stored.get('access_token');
  if (!accessToken) return null;
  const refreshToken = stored.get('refresh_token');
  return { accessToken, refreshToken, expiresAt: connection.tokenExpiresAt ?? undefined };
}

/**
 * The connection's tokens, refreshing (and storing) a refreshable one that expires soon.
 * No stored token is an `auth_expired` PlatformError, like a token the platform refuses.
 */
export async function loadTokens(ctx: AppContext, connection: ConnectionRow): Promise<TokenSet> {
  const tokens = await readTokens(ctx, connection);
  if (!tokens) throw new PlatformError('auth_expired', 'No stored token for this connection', { platform: connection.platform, platformMessage: 'Adloop holds no token for this connection' });
  const adapter = ctx.platforms.registry.get(connection.platform);
  const now = ctx.clock.now().getTime();
  if (adapter.capabilities.refreshableTokens && tokens.expiresAt && tokens.expiresAt.getTime() - now < REFRESH_MARGIN_MS) {
    return refreshAndStore(ctx, connection, tokens);
  }
  return tokens;
}

/** Exchanges the refresh token for a new access token and stores both; a success clears the failure count. */
export async function refreshAndStore(ctx: AppContext, connection: ConnectionRow, tokens: TokenSet): Promise<TokenSet> {
  const fresh = await ctx.platforms.call({ orgId: connection.orgId, platform: connection.platform, accountKey: 'oauth' }, (a) => a.oauth.refresh(tokens));
  const at = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const secrets = createSecretsRepository(tx, ctx.keyring);
    await secrets.put(connection.orgId, connection.id, 'access_token', fresh.accessToken, at);
    if (fresh.refreshToken && fresh.refreshToken !== tokens.refreshToken) await secrets.put(connection.orgId, connection.id, 'refresh_token', fresh.refreshToken, at);
    await tx.update(platformConnections).set({ tokenExpiresAt: fresh.expiresAt ?? null, consecutiveFailures: 0, lastError: null, updatedAt: at }).where(byConnection(connection));
  });
  return { ...fresh, refreshToken: fresh.refreshToken ?? tokens.refreshToken };
}

/**
 * Counts a token failure on the connection; after the configured number in a row it is marked
 * "needs reconnection" and the organisation's admins are notified (once, on the change).
 */
export async function recordAuthFailure(ctx: AppContext, connection: ConnectionRow, error: PlatformError): Promise<void> {
  const at = ctx.clock.now();
  const message = error.details.platformMessage ?? error.message;
  const notified = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(platformConnections)
      .set({ consecutiveFailures: sql`${platformConnections.consecutiveFailures} + 1`, lastError: message, updatedAt: at })
      .where(byConnection(connection))
      .returning();
    if (!row || row.status !== 'active' || row.consecutiveFailures < ctx.config.sync.tokenFailuresBeforeReconnect) return 0;
    await tx.update(platformConnections).set({ status: 'needs_reconnection' }).where(byConnection(connection));
    const name = ctx.platforms.registry.has(connection.platform) ? ctx.platforms.registry.get(connection.platform).displayName : connection.platform;
    const eventId = await emitNotification(ctx, tx, {
      orgId: connection.orgId,
      kind: 'connection.reconnect_needed',
      title: `${name} needs to be reconnected`,
      body: `Adloop can no longer reach your ${name} accounts, so their numbers have stopped updating. ${name} said: “${message}”. Reconnect on the Connections page.`,
      link: `/orgs/${connection.orgId}/connections`,
      data: { connectionId: connection.id, platform: connection.platform },
    });
    return eventId ? 1 : 0;
  });
  await announceNotifications(ctx, connection.orgId, notified);
}

/** A call that worked: the connection's token failures in a row start again from zero. */
export async function resetAuthFailures(ctx: AppContext, connection: ConnectionRow): Promise<void> {
  if (connection.consecutiveFailures === 0 && connection.lastError === null) return;
  await ctx.db.update(platformConnections).set({ consecutiveFailures: 0, lastError: null }).where(byConnection(connection));
}
