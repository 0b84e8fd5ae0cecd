import { and, eq, inArray } from 'drizzle-orm';
import { platformConnections } from '@adloop/db';
import { PlatformError } from '@adloop/platforms';
import type { AppContext } from '../../platform/context.ts';
import { announceNotifications } from '../notifications/notifications.service.ts';
import { emitNotification } from '../notifications/emit.ts';
import { readTokens, recordAuthFailure, refreshAndStore } from './platform-access.ts';

/** Refresh tokens that expire within this window. */
const REFRESH_AHEAD_MS = 15 * 60_000;
/** Remind admins this long before a token that cannot be refreshed expires (Meta long-lived tokens). */
const REMIND_AHEAD_MS = 7 * 86_400_000;

const byConnection = (connection: { orgId: string; id: string }) => and(eq(platformConnections.orgId, connection.orgId), eq(platformConnections.id, connection.id));

/**
 * The `connections.tokens` job (every 5 minutes), for every active connection:
 * refreshable tokens (Google) that expire soon are refreshed; tokens that cannot be refreshed
 * but expire (Meta) get one reminder days before; the others (TikTok) are checked for
 * revocation. Each token failure counts towards "needs reconnection".
 */
export async function checkTokens(ctx: AppContext): Promise<{ refreshed: number; checked: number; failed: number; reminded: number }> {
  const now = ctx.clock.now();
  const connections = await ctx.db.select().from(platformConnections).where(inArray(platformConnections.status, ['active']));
  const tally = { refreshed: 0, checked: 0, failed: 0, reminded: 0 };
  for (const connection of connections) {
    if (!ctx.platforms.registry.has(connection.platform)) continue;
    const adapter = ctx.platforms.registry.get(connection.platform);
    try {
      const tokens = await readTokens(ctx, connection);
      if (!tokens) continue;
      const expiresIn = connection.tokenExpiresAt ? connection.tokenExpiresAt.getTime() - now.getTime() : Infinity;
      if (adapter.capabilities.refreshableTokens) {
        if (expiresIn < REFRESH_AHEAD_MS) {
          await refreshAndStore(ctx, connection, tokens);
          tally.refreshed++;
        }
      } else if (expiresIn < REMIND_AHEAD_MS) {
        if (!connection.expiryReminderSentAt) {
          const days = Math.max(0, Math.floor(expiresIn / 86_400_000));
          const notified = await ctx.db.transaction(async (tx) => {
            const eventId = await emitNotification(ctx, tx, {
              orgId: connection.orgId,
              kind: 'connection.token_expiring',
              title: `${adapter.displayName} access expires in ${days} day${days === 1 ? '' : 's'}`,
              body: `${adapter.displayName} grants Adloop access for a limited time. Reconnect before it ends so syncing does not stop.`,
              link: `/orgs/${connection.orgId}/connections`,
              data: { connectionId: connection.id, platform: connection.platform, days },
            });
            const created = eventId ? 1 : 0;
            await tx.update(platformConnections).set({ expiryReminderSentAt: now }).where(byConnection(connection));
            return created;
          });
          await announceNotifications(ctx, connection.orgId, notified);
          tally.reminded++;
        }
      } else {
        const inspection = await ctx.platforms.call({ orgId: connection.orgId, platform: connection.platform, accountKey: 'oauth' }, (a) => a.oauth.inspect(tokens));
        tally.checked++;
        if (!inspection.valid) throw new PlatformError('auth_expired', 'The platform reports the token as revoked', { platform: connection.platform, platformMessage: 'The access token was revoked or has expired' });
      }
      await ctx.db
        .update(platformConnections)
        .set({ tokenCheckedAt: now, ...(connection.consecutiveFailures > 0 ? { consecutiveFailures: 0, lastError: null } : {}) })
        .where(byConnection(connection));
    } catch (error) {
      if (!(error instanceof PlatformError)) {
        ctx.logger.error({ err: error, connectionId: connection.id }, 'token check failed');
        continue;
      }
      tally.failed++;
      if (error.kind === 'auth_expired' || error.kind === 'permission') await recordAuthFailure(ctx, connection, error);
      await ctx.db.update(platformConnections).set({ tokenCheckedAt: now }).where(byConnection(connection));
    }
  }
  return tally;
}
