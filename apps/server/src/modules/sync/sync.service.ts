import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { adAccounts, adGroups, ads, campaigns, platformConnections, syncRuns, type Db, type SyncKind } from '@adloop/db';
import { PlatformError, type AdPlatform, type Campaign as PlatformCampaign, type MetricsLevel, type MetricsRow, type Page, type TokenSet } from '@adloop/platforms';
import type { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { createMetricsRepository } from '../metrics/metrics.repository.ts';
import { loadTokens, openAccountSession, recordAuthFailure, resetAuthFailures, type AccountSession } from '../connections/platform-access.ts';
import { publish } from '../../platform/live/publish.ts';
import type { AdAccountRow, ConnectionRow } from '../connections/connections.repository.ts';
import type { SyncAccountPayload } from './sync.jobs.ts';
import { addDays, dateInZone, daysBetween, zonedHourToInstant } from '@adloop/engine';
import { storableText } from '../../platform/storable-text.ts';

const LEASE_MS = 15 * 60_000;
/** First sync: at least this many days of ad-group and ad history... */
const FIRST_SYNC_DAYS = 30;
/** ...and of campaign history, so the default 30-day view and its previous period are complete from the start. */
const FIRST_SYNC_CAMPAIGN_DAYS = 61;
/** Long ranges are pulled in spans of this many days (one ordinary report each, no async jobs). */
const HISTORY_SPAN_DAYS = 31;
/** When a platform says a report is too large: retry the range in spans of these many days. */
const SHRINK_SPANS = [7, 1];
const DAILY_LEVELS: MetricsLevel[] = ['campaign', 'ad_group', 'ad'];
const UPSERT_CHUNK = 500;

type Ctx = AppContext;

/** Kept for callers that have not moved to `connections/platform-access.ts` yet. */
export { loadTokens } from '../connections/platform-access.ts';

/**
 * What the sync lets other modules do at fixed points, given by the module wiring (so sync imports
 * none of them).
 */
export interface SyncHooks {
  /**
   * Called by the structure sync with the campaign mirror as it was and the platform's campaigns,
   * before the mirror is overwritten (e.g. to record values changed outside Adloop). Returns a count
   * for the run's log.
   */
  campaignsRead(db: Db, orgId: string, mirrored: Array<typeof campaigns.$inferSelect>, incoming: PlatformCampaign[], at: Date): Promise<number>;
}

export const NO_SYNC_HOOKS: SyncHooks = { campaignsRead: async () => 0 };

async function claim(ctx: Ctx, orgId: string, adAccountId: string): Promise<AdAccountRow | null> {
  const now = ctx.clock.now();
  const [row] = await ctx.db
    .update(adAccounts)
    .set({ syncLeaseUntil: new Date(now.getTime() + LEASE_MS) })
    .where(
      and(
        eq(adAccounts.orgId, orgId),
        eq(adAccounts.id, adAccountId),
        eq(adAccounts.selected, true),
        or(isNull(adAccounts.syncLeaseUntil), lt(adAccounts.syncLeaseUntil, now)),
      ),
    )
    .returning();
  return row ?? null;
}

/** Collects every page of a paged list. */
async function allPages<T>(fetchPage: (page: string | null) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let page: string | null = null;
  let guard = 0;
  do {
    const result: Page<T> = await fetchPage(page);
    items.push(...result.items);
    page = result.nextPage;
  } while (page && ++guard < 10_000);
  return items;
}

/** One sync of one ad account, logged as one run per kind of data. */
export class AccountSync {
  private readonly session: AccountSession;
  private readonly adapter: AdPlatform;
  private readonly counts: Record<string, number> = {};

  constructor(
    private readonly ctx: Ctx,
    connection: ConnectionRow,
    private readonly account: AdAccountRow,
    tokens: TokenSet,
    private readonly hooks: SyncHooks = NO_SYNC_HOOKS,
  ) {
    this.session = openAccountSession(ctx, account, connection, tokens);
    this.adapter = this.session.adapter;
  }

  /** One platform call for this account (one token refresh and retry on expiry, see AccountSession). */
  private call<T>(operation: (adapter: AdPlatform, tokens: TokenSet, ref: AccountSession['ref']) => Promise<T>): Promise<T> {
    return this.session.call(operation);
  }

  /** Runs one logged step; a platform error fails the run with the platform's own words and is rethrown. */
  private async step<T extends Record<string, number>>(kind: SyncKind, range: { since: string; until: string } | null, work: (progress: (p: number) => Promise<void>) => Promise<T>): Promise<T> {
    const startedAt = this.ctx.clock.now();
    const [run] = await this.ctx.db
      .insert(syncRuns)
      .values({ orgId: this.account.orgId, adAccountId: this.account.id, kind, status: 'running', startedAt, rangeSince: range?.since ?? null, rangeUntil: range?.until ?? null, attempts: 1 })
      .returning();
    const runId = run!.id;
    const progress = async (p: number) => {
      await this.ctx.db.update(syncRuns).set({ progress: Math.max(0, Math.min(99, Math.round(p))) }).where(eq(syncRuns.id, runId));
    };
    try {
      const counts = await work(progress);
      await this.ctx.db
        .update(syncRuns)
        .set({ status: 'succeeded', progress: 100, counts, finishedAt: this.ctx.clock.now() })
        .where(eq(syncRuns.id, runId));
      // The account's sync goes on (the next kind, then the account's own row): still running.
      await publish(this.ctx, this.account.orgId, { type: 'sync', adAccountId: this.account.id, state: 'running' });
      return counts;
    } catch (error) {
      const platformError = error instanceof PlatformError ? error : null;
      await this.ctx.db
        .update(syncRuns)
        .set({
          status: 'failed',
          finishedAt: this.ctx.clock.now(),
          errorKind: platformError?.kind ?? 'internal',
          errorMessage: platformError ? (platformError.details.platformMessage ?? platformError.message) : 'Adloop hit an internal error; it has been logged.',
        })
        .where(eq(syncRuns.id, runId));
      throw error;
    }
  }

  async structure(): Promise<void> {
    const now = this.ctx.clock.now();
    const { orgId, id: adAccountId, currency } = this.account;
    await this.step('structure', null, async (progress) => {
      const campaignItems = await allPages((page) => this.call((a, t, ref) => a.campaigns.listCampaigns(t, ref, page)));
      // Values that moved on the platform without an Adloop change behind them go to the history as outside changes.
      const mirrored = await this.ctx.db.select().from(campaigns).where(and(eq(campaigns.orgId, orgId), eq(campaigns.adAccountId, adAccountId)));
      const outside = await this.hooks.campaignsRead(this.ctx.db, orgId, mirrored, campaignItems, now);
      for (let i = 0; i < campaignItems.length; i += UPSERT_CHUNK) {
        await this.ctx.db
          .insert(campaigns)
          .values(
            campaignItems.slice(i, i + UPSERT_CHUNK).map((c) => ({
              orgId,
              adAccountId,
              platformId: c.platformId,
              name: storableText(c.name),
              status: c.status,
              rawStatus: c.rawStatus,
              objective: c.objective,
              dailyBudgetMicros: c.dailyBudget?.micros ?? null,
              lifetimeBudgetMicros: c.lifetimeBudget?.micros ?? null,
              currency: c.dailyBudget?.currency ?? c.lifetimeBudget?.currency ?? currency,
              syncedAt: now,
            })),
          )
          .onConflictDoUpdate({
            target: [campaigns.adAccountId, campaigns.platformId],
            set: {
              name: sql`excluded.name`,
              status: sql`excluded.status`,
              rawStatus: sql`excluded.raw_status`,
              objective: sql`excluded.objective`,
              dailyBudgetMicros: sql`excluded.daily_budget_micros`,
              lifetimeBudgetMicros: sql`excluded.lifetime_budget_micros`,
              currency: sql`excluded.currency`,
              syncedAt: sql`excluded.synced_at`,
            },
          });
      }
      await progress(40);
      const groupItems = await allPages((page) => this.call((a, t, ref) => a.campaigns.listAdGroups(t, ref, page)));
      for (let i = 0; i < groupItems.length; i += UPSERT_CHUNK) {
        await this.ctx.db
          .insert(adGroups)
          .values(
            groupItems.slice(i, i + UPSERT_CHUNK).map((g) => ({
              orgId,
              adAccountId,
              platformId: g.platformId,
              campaignPlatformId: g.campaignPlatformId,
              name: storableText(g.name),
              status: g.status,
              dailyBudgetMicros: g.dailyBudget?.micros ?? null,
              syncedAt: now,
            })),
          )
          .onConflictDoUpdate({
            target: [adGroups.adAccountId, adGroups.platformId],
            set: { campaignPlatformId: sql`excluded.campaign_platform_id`, name: sql`excluded.name`, status: sql`excluded.status`, dailyBudgetMicros: sql`excluded.daily_budget_micros`, syncedAt: sql`excluded.synced_at` },
          });
      }
      await progress(70);
      const adItems = await allPages((page) => this.call((a, t, ref) => a.campaigns.listAds(t, ref, page)));
      for (let i = 0; i < adItems.length; i += UPSERT_CHUNK) {
        await this.ctx.db
          .insert(ads)
          .values(
            adItems.slice(i, i + UPSERT_CHUNK).map((ad) => ({
              orgId,
              adAccountId,
              platformId: ad.platformId,
              adGroupPlatformId: ad.adGroupPlatformId,
              campaignPlatformId: ad.campaignPlatformId,
              name: storableText(ad.name),
              status: ad.status,
              syncedAt: now,
            })),
          )
          .onConflictDoUpdate({
            target: [ads.adAccountId, ads.platformId],
            set: { adGroupPlatformId: sql`excluded.ad_group_platform_id`, campaignPlatformId: sql`excluded.campaign_platform_id`, name: sql`excluded.name`, status: sql`excluded.status`, syncedAt: sql`excluded.synced_at` },
          });
      }
      return { campaigns: campaignItems.length, adGroups: groupItems.length, ads: adItems.length, outsideChanges: outside };
    });
    await this.ctx.db.update(adAccounts).set({ structureSyncedAt: now }).where(eq(adAccounts.id, adAccountId));
  }

  /**
   * Pulls [since, until]; when the platform says the report is too large, pulls it again in
   * spans of 7 days, then 1 day.
   */
  async pullShrinking(level: MetricsLevel, granularity: 'day' | 'hour', since: string, until: string, spans = SHRINK_SPANS): Promise<MetricsRow[]> {
    try {
      return await this.call((a, t, ref) => a.metrics.pull(t, ref, { level, granularity, since, until }));
    } catch (error) {
      if (!(error instanceof PlatformError) || error.kind !== 'report_too_large') throw error;
      // The largest span that actually splits this range (a 2-day range goes straight to 1 day).
      const days = daysBetween(since, until);
      const index = spans.findIndex((s) => s < days);
      if (index < 0) throw error;
      const span = spans[index]!;
      const smaller = spans.slice(index + 1);
      this.counts.shrunk = (this.counts.shrunk ?? 0) + 1;
      const rows: MetricsRow[] = [];
      for (let start = since; start <= until; start = addDays(start, span)) {
        const end = addDays(start, span - 1) < until ? addDays(start, span - 1) : until;
        rows.push(...(await this.pullShrinking(level, granularity, start, end, smaller)));
      }
      return rows;
    }
  }

  private today(): string {
    return dateInZone(this.account.timeZone, this.ctx.clock.now());
  }

  async hourly(): Promise<void> {
    if (!this.adapter.capabilities.hourlyMetrics) return;
    const basisZone = this.adapter.capabilities.hourlyTimeBasis === 'utc' ? 'UTC' : this.account.timeZone;
    const until = dateInZone(basisZone, this.ctx.clock.now());
    const since = addDays(until, -1);
    const metrics = createMetricsRepository(this.ctx.db);
    await this.step('metrics_hourly', { since, until }, async () => {
      // One day per report: hourly rows weigh 24 per day, and two days at once push Meta into slow async jobs.
      const rows = [...(await this.pullShrinking('campaign', 'hour', since, since)), ...(await this.pullShrinking('campaign', 'hour', until, until))];
      const written = await metrics.upsert(this.account.orgId, this.account.id, rows, this.ctx.clock.now());
      let newest: Date | null = null;
      for (const row of rows) {
        if (row.hour === null || (row.impressions === 0 && row.spend.micros === 0)) continue;
        const start = zonedHourToInstant(row.date, row.hour, basisZone);
        if (!newest || start > newest) newest = start;
      }
      if (newest) await this.ctx.db.update(adAccounts).set({ newestHourAt: newest }).where(eq(adAccounts.id, this.account.id));
      return { rows: rows.length, written };
    });
  }

  async daily(first: boolean): Promise<void> {
    const until = this.today();
    const window = Math.max(this.ctx.config.sync.restatementDays[this.account.platform], first ? FIRST_SYNC_DAYS : 0);
    const campaignWindow = Math.max(window, first ? FIRST_SYNC_CAMPAIGN_DAYS : 0);
    const since = addDays(until, -(window - 1));
    const campaignSince = addDays(until, -(campaignWindow - 1));
    const metrics = createMetricsRepository(this.ctx.db);
    await this.step('metrics_daily', { since: campaignSince, until }, async (progress) => {
      let rows = 0;
      let written = 0;
      for (const [index, level] of DAILY_LEVELS.entries()) {
        const from = level === 'campaign' ? campaignSince : since;
        for (let start = from; start <= until; start = addDays(start, HISTORY_SPAN_DAYS)) {
          const end = addDays(start, HISTORY_SPAN_DAYS - 1) < until ? addDays(start, HISTORY_SPAN_DAYS - 1) : until;
          const pulled = await this.pullShrinking(level, 'day', start, end);
          rows += pulled.length;
          written += await metrics.upsert(this.account.orgId, this.account.id, pulled, this.ctx.clock.now());
        }
        await progress(((index + 1) / DAILY_LEVELS.length) * 95);
      }
      await metrics.refreshRollups(this.account.orgId, this.account.id, this.account.platform, campaignSince, until);
      return { rows, written, days: daysBetween(campaignSince, until), ...this.counts };
    });
  }
}

/**
 * The `sync.account` job: structure, hourly and daily metrics of one account. Platform errors end
 * the run (logged with the platform's words, shown in the account's health); the next scheduled
 * sync tries again. Token errors count towards "needs reconnection".
 */
export async function syncAccount(ctx: Ctx, payload: z.infer<typeof SyncAccountPayload>, hooks: SyncHooks = NO_SYNC_HOOKS): Promise<'synced' | 'skipped' | 'failed'> {
  const account = await claim(ctx, payload.orgId, payload.adAccountId);
  if (!account) return 'skipped';
  await publish(ctx, account.orgId, { type: 'sync', adAccountId: account.id, state: 'running' });
  let outcome: 'synced' | 'skipped' | 'failed' | null = null;
  try {
    outcome = await syncClaimed(ctx, account, hooks);
    return outcome;
  } finally {
    await ctx.db.update(adAccounts).set({ syncLeaseUntil: null }).where(eq(adAccounts.id, account.id));
    // Skipped (connection no longer active) is not a failure of the sync: nothing was attempted.
    await publish(ctx, account.orgId, { type: 'sync', adAccountId: account.id, state: outcome === 'synced' || outcome === 'skipped' ? 'succeeded' : 'failed' });
  }
}

async function syncClaimed(ctx: Ctx, account: AdAccountRow, hooks: SyncHooks): Promise<'synced' | 'skipped' | 'failed'> {
  const nextSyncAt = new Date(ctx.clock.now().getTime() + ctx.config.sync.intervalMinutes * 60_000);
  const [connection] = await ctx.db
    .select()
    .from(platformConnections)
    .where(and(eq(platformConnections.orgId, account.orgId), eq(platformConnections.id, account.connectionId)));
  if (!connection || connection.status !== 'active' || !ctx.platforms.registry.has(account.platform)) return 'skipped';
  try {
    const tokens = await loadTokens(ctx, connection);
    const sync = new AccountSync(ctx, connection, account, tokens, hooks);
    await sync.structure();
    await sync.hourly();
    await sync.daily(account.metricsSyncedAt === null);
    await resetAuthFailures(ctx, connection);
    await ctx.db
      .update(adAccounts)
      .set({ metricsSyncedAt: ctx.clock.now(), lastSyncError: null, lastSyncErrorKind: null, nextSyncAt })
      .where(eq(adAccounts.id, account.id));
    return 'synced';
  } catch (error) {
    if (!(error instanceof PlatformError)) throw error;
    if (error.kind === 'auth_expired') await recordAuthFailure(ctx, connection, error);
    await ctx.db
      .update(adAccounts)
      // Only the platform's own words go in lastSyncError (shown as "<platform> said"); Adloop's are in the kind.
      .set({ lastSyncError: error.details.platformMessage ?? null, lastSyncErrorKind: error.kind, nextSyncAt })
      .where(eq(adAccounts.id, account.id));
    ctx.logger.warn({ adAccountId: account.id, platform: account.platform, kind: error.kind, message: error.details.platformMessage }, 'sync failed');
    return 'failed';
  }
}
