import { sql } from 'drizzle-orm';
import type { Db } from '@adloop/db';
import type { AppContext } from '../../platform/context.ts';
import { LIVE } from '../billing/billing.sync.ts';
import { rowsOf } from '../metrics/report-scope.ts';
import { archiveAuditRows, dropArchivedAuditRows } from './audit-archive.ts';
import { createExportRepository } from './export.repository.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** The longest any metrics are kept, whatever the plan. */
export const METRICS_MAX_DAYS = 730;
/** Audit rows stay in `audit_log` this long, then move to the compressed archive. */
export const AUDIT_HOT_DAYS = 90;
/** Archived audit rows are kept this long (from the event). */
export const AUDIT_ARCHIVE_DAYS = 730;
/** AI history (generations and usage rows) and disconnected platforms' data are kept this long. */
export const AI_HISTORY_DAYS = 90;
export const DISCONNECTED_DAYS = 90;

const METRICS_TABLES = ['metrics_hourly', 'metrics_daily', 'metrics_account_daily', 'metrics_org_daily'] as const;
const PARTITIONED = new Set(['metrics_hourly', 'metrics_daily']);

export type RetentionCounts = Record<string, number>;

const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS);
const isoDay = (date: Date) => date.toISOString().slice(0, 10);
const affected = (result: unknown) => (result as { rowCount?: number | null; affectedRows?: number }).rowCount ?? (result as { affectedRows?: number }).affectedRows ?? 0;

/**
 * Monthly partitions wholly before the two-year limit are dropped (a whole month at once); the
 * rest is range-deleted per organisation from the start of its plan's history (Free without a
 * live subscription, as billing decides; unlimited plans stop at two years).
 */
export async function dropOldMetrics(db: Db, now: Date): Promise<RetentionCounts> {
  const counts: RetentionCounts = {};
  const limit = isoDay(daysBefore(now, METRICS_MAX_DAYS));
  for (const parent of PARTITIONED) {
    const parts = rowsOf<{ name: string }>(await db.execute(sql`
      SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
      WHERE p.relname = ${parent} ORDER BY c.relname`));
    for (const { name } of parts) {
      const month = /_(\d{4})(\d{2})$/.exec(name);
      if (!month) continue;
      const end = new Date(Date.UTC(Number(month[1]), Number(month[2]), 1));
      if (isoDay(end) > limit) continue;
      await db.execute(sql.raw(`DROP TABLE IF EXISTS "${name.replace(/"/g, '')}"`));
      counts[`${parent}.partitions`] = (counts[`${parent}.partitions`] ?? 0) + 1;
    }
  }
  // A live subscription's plan decides (no limit on it: two years); without one, Free's.
  const orgs = rowsOf<{ id: string; days: number | null }>(await db.execute(sql`
    SELECT o.id, CASE WHEN live.plan_id IS NOT NULL THEN (live.limits->>'historyDays')::int
      ELSE (SELECT (limits->>'historyDays')::int FROM plans WHERE id = 'free') END AS days
    FROM organizations o
    LEFT JOIN LATERAL (SELECT b.plan_id, p.limits FROM billing_accounts b JOIN plans p ON p.id = b.plan_id
      WHERE b.org_id = o.id AND b.status IN (${sql.join([...LIVE].map((s) => sql`${s}`), sql`, `)}) LIMIT 1) live ON true`));
  for (const org of orgs) {
    const cutoff = isoDay(daysBefore(now, Math.min(org.days ?? METRICS_MAX_DAYS, METRICS_MAX_DAYS)));
    for (const table of METRICS_TABLES) {
      const removed = affected(await db.execute(sql`DELETE FROM ${sql.raw(`"${table}"`)} WHERE org_id = ${org.id}::uuid AND date < ${cutoff}::date`));
      if (removed > 0) counts[table] = (counts[table] ?? 0) + removed;
    }
  }
  return counts;
}

/** AI generations and usage rows older than 90 days. */
export async function dropOldAiHistory(db: Db, now: Date): Promise<RetentionCounts> {
  const before = daysBefore(now, AI_HISTORY_DAYS);
  return {
    copy_generations: affected(await db.execute(sql`DELETE FROM copy_generations WHERE created_at < ${before}`)),
    ai_usage: affected(await db.execute(sql`DELETE FROM ai_usage WHERE created_at < ${before}`)),
  };
}

/** Subscription statuses that mean it ended (cancelled, or never paid and expired). */
const ENDED = ['canceled', 'incomplete_expired'];

/**
 * Platform data no longer connected, 90 days after it stopped being: a connection disconnected
 * more than 90 days ago (from `disconnected_at`, not from its last update), and the connections
 * an organisation made while subscribed once its subscription ended (the end of its last paid
 * period) more than 90 days ago without a new one; a connection made after the end is not touched.
 * Each goes with its ad accounts and everything synced from them.
 */
export async function dropDisconnectedPlatforms(db: Db, now: Date): Promise<RetentionCounts> {
  const before = daysBefore(now, DISCONNECTED_DAYS);
  const removed = rowsOf<{ org_id: string; platform: string }>(await db.execute(sql`
    DELETE FROM platform_connections c
    WHERE (c.status = 'disconnected' AND c.disconnected_at < ${before})
      OR EXISTS (SELECT 1 FROM billing_accounts b WHERE b.org_id = c.org_id
        AND b.status IN (${sql.join(ENDED.map((s) => sql`${s}`), sql`, `)}) AND b.current_period_end < ${before} AND c.created_at < b.current_period_end
        AND c.status <> 'active')
    RETURNING c.org_id, c.platform`));
  // Ad accounts and their rows go with the connection (cascade); the organisation's daily totals
  // for that platform go too once none of its accounts on it is left.
  let totals = 0;
  for (const { org_id: orgId, platform } of new Map(removed.map((r) => [`${r.org_id}:${r.platform}`, r])).values()) {
    totals += affected(await db.execute(sql`
      DELETE FROM metrics_org_daily WHERE org_id = ${orgId}::uuid AND platform = ${platform}
        AND NOT EXISTS (SELECT 1 FROM ad_accounts a WHERE a.org_id = ${orgId}::uuid AND a.platform = ${platform})`));
  }
  return { platform_connections: removed.length, metrics_org_daily_disconnected: totals };
}

/**
 * Every retention rule once, each idempotent (a second run the same day finds nothing to do),
 * with the counts logged.
 */
export async function runRetention(ctx: AppContext): Promise<RetentionCounts> {
  const now = ctx.clock.now();
  const counts: RetentionCounts = {
    ...(await dropOldMetrics(ctx.db, now)),
    audit_archived: await archiveAuditRows(ctx.db, daysBefore(now, AUDIT_HOT_DAYS), now),
    audit_archive_dropped: await dropArchivedAuditRows(ctx.db, daysBefore(now, AUDIT_ARCHIVE_DAYS)),
    ...(await dropOldAiHistory(ctx.db, now)),
    ...(await dropDisconnectedPlatforms(ctx.db, now)),
    export_files_dropped: await createExportRepository(ctx.db).dropExpiredFiles(now),
  };
  ctx.logger.info({ counts }, 'privacy: retention');
  return counts;
}
