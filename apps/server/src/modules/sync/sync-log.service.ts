import { and, asc, desc, eq, gt, lt, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { adAccounts, campaigns, metricsDaily, syncRuns } from '@adloop/db';
import type { SyncRun } from '@adloop/contracts';
import type { AppContext } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { decodeCursor, toPage } from '../../platform/pagination.ts';
import { addDays, dateInZone } from '@adloop/engine';

async function requireAccount(ctx: AppContext, orgId: string, accountId: string) {
  const [account] = await ctx.db.select().from(adAccounts).where(and(eq(adAccounts.orgId, orgId), eq(adAccounts.id, accountId)));
  if (!account) throw notFound('Ad account');
  return account;
}

const RunCursor = z.tuple([z.iso.datetime({ offset: true }), z.uuid()]);

export async function listSyncRuns(ctx: AppContext, orgId: string, accountId: string, query: { cursor?: string | undefined; limit: number }) {
  await requireAccount(ctx, orgId, accountId);
  const after = decodeCursor(query.cursor, RunCursor);
  const mine = and(eq(syncRuns.orgId, orgId), eq(syncRuns.adAccountId, accountId));
  const rows = await ctx.db
    .select()
    .from(syncRuns)
    .where(after ? and(mine, or(lt(syncRuns.startedAt, new Date(after[0])), and(eq(syncRuns.startedAt, new Date(after[0])), lt(syncRuns.id, after[1])))) : mine)
    .orderBy(desc(syncRuns.startedAt), desc(syncRuns.id))
    .limit(query.limit + 1);
  return toPage(
    rows,
    query.limit,
    (row): SyncRun => ({
      id: row.id,
      adAccountId: row.adAccountId,
      kind: row.kind,
      status: row.status,
      counts: row.counts,
      rangeSince: row.rangeSince,
      rangeUntil: row.rangeUntil,
      progress: row.progress,
      attempts: row.attempts,
      errorKind: row.errorKind,
      errorMessage: row.errorMessage,
      startedAt: row.startedAt.toISOString(),
      finishedAt: row.finishedAt?.toISOString() ?? null,
      durationMs: row.finishedAt ? row.finishedAt.getTime() - row.startedAt.getTime() : null,
    }),
    (row) => [row.startedAt.toISOString(), row.id],
  );
}

const CampaignCursor = z.tuple([z.string(), z.uuid()]);

/** The account's mirrored campaigns by name, each with its last 7 complete days (account time). */
export async function listAccountCampaigns(ctx: AppContext, orgId: string, accountId: string, query: { cursor?: string | undefined; limit: number }) {
  const account = await requireAccount(ctx, orgId, accountId);
  const after = decodeCursor(query.cursor, CampaignCursor);
  const mine = and(eq(campaigns.orgId, orgId), eq(campaigns.adAccountId, accountId));
  const rows = await ctx.db
    .select()
    .from(campaigns)
    .where(after ? and(mine, or(gt(campaigns.name, after[0]), and(eq(campaigns.name, after[0]), gt(campaigns.id, after[1])))) : mine)
    .orderBy(asc(campaigns.name), asc(campaigns.id))
    .limit(query.limit + 1);
  const today = dateInZone(account.timeZone, ctx.clock.now());
  const since = addDays(today, -7);
  const until = addDays(today, -1);
  const totals = await ctx.db
    .select({
      campaignId: metricsDaily.entityId,
      impressions: sql<string>`sum(${metricsDaily.impressions})::text`,
      clicks: sql<string>`sum(${metricsDaily.clicks})::text`,
      spendMicros: sql<string>`sum(${metricsDaily.spendMicros})::text`,
      conversions: sql<number>`sum(${metricsDaily.conversions})`,
    })
    .from(metricsDaily)
    .where(
      and(
        eq(metricsDaily.orgId, orgId),
        eq(metricsDaily.adAccountId, accountId),
        eq(metricsDaily.level, 'campaign'),
        sql`${metricsDaily.date} between ${since}::date and ${until}::date`,
      ),
    )
    .groupBy(metricsDaily.entityId);
  const byCampaign = new Map(totals.map((t) => [t.campaignId, t]));
  return toPage(
    rows,
    query.limit,
    (row) => {
      const t = byCampaign.get(row.platformId);
      return {
        id: row.id,
        adAccountId: row.adAccountId,
        platformId: row.platformId,
        name: row.name,
        status: row.status,
        objective: row.objective,
        dailyBudgetMicros: row.dailyBudgetMicros,
        lifetimeBudgetMicros: row.lifetimeBudgetMicros,
        currency: row.currency,
        syncedAt: row.syncedAt.toISOString(),
        last7Days: { impressions: Number(t?.impressions ?? 0), clicks: Number(t?.clicks ?? 0), spendMicros: Number(t?.spendMicros ?? 0), conversions: Number(t?.conversions ?? 0) },
      };
    },
    (row) => [row.name, row.id],
  );
}
