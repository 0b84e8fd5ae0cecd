import { and, count, eq, gt } from 'drizzle-orm';
import { syncRuns, type Db } from '@adloop/db';
import type { PlatformError } from '@adloop/platforms';
import type { AppContext } from '../../platform/context.ts';
import type { AdAccountRow } from '../connections/connections.repository.ts';
import { emitNotification, resolveNotificationIncident } from '../notifications/emit.ts';
import { announceNotifications } from '../notifications/notifications.service.ts';

/** Failed syncs in a row (since the last complete one) before owners and admins are told. */
export const SYNC_FAILURES_BEFORE_NOTICE = 3;

const incidentKey = (adAccountId: string) => `sync-failing:${adAccountId}`;

/** Failed runs of the account's log since its last complete sync (each sync attempt fails at most one run). */
async function failuresSinceLastSync(db: Db, account: AdAccountRow): Promise<number> {
  const since = account.metricsSyncedAt ?? new Date(0);
  const [row] = await db
    .select({ n: count() })
    .from(syncRuns)
    .where(and(eq(syncRuns.orgId, account.orgId), eq(syncRuns.adAccountId, account.id), eq(syncRuns.status, 'failed'), gt(syncRuns.startedAt, since)));
  return Number(row?.n ?? 0);
}

/**
 * After a failed sync: from SYNC_FAILURES_BEFORE_NOTICE failures in a row on, `sync.failing` is
 * emitted once per incident (later failures fold into it). Expired access is left to the
 * connection's own "needs reconnecting" notice.
 */
export async function noticeSyncFailure(ctx: AppContext, account: AdAccountRow, error: PlatformError): Promise<void> {
  if (error.kind === 'auth_expired') return;
  const failures = await failuresSinceLastSync(ctx.db, account);
  if (failures < SYNC_FAILURES_BEFORE_NOTICE) return;
  const said = error.details.platformMessage ? ` The platform said: “${error.details.platformMessage}”.` : '';
  const eventId = await emitNotification(ctx, ctx.db, {
    orgId: account.orgId,
    kind: 'sync.failing',
    title: `Syncing ${account.name} keeps failing`,
    body: `The last ${failures} syncs of the ${account.platform} account ${account.name} failed (${error.kind}).${said} Figures for it may be out of date; Adloop keeps trying.`,
    link: `/orgs/${account.orgId}/connections`,
    incidentKey: incidentKey(account.id),
    data: { adAccountId: account.id, platform: account.platform, errorKind: error.kind, failures },
  });
  await announceNotifications(ctx, account.orgId, eventId ? 1 : 0);
}

/** After a complete sync: an open "keeps failing" incident of the account is over. */
export async function resolveSyncFailure(ctx: AppContext, account: AdAccountRow): Promise<void> {
  await resolveNotificationIncident(ctx.db, { orgId: account.orgId }, 'sync.failing', incidentKey(account.id), ctx.clock.now());
}
