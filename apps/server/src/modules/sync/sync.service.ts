import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { adAccounts, adGroups, ads, campaigns, platformConnections, syncRuns, type SyncKind } from '@adloop/db';
import { PlatformError, type AccountRef, type AdPlatform, type MetricsLevel, type MetricsRow, type Page, type TokenSet } from '@adloop/platforms';
import type { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { createMetricsRepository } from '../metrics/metrics.repository.ts';
import { createSecretsRepository } from '../connections/secrets.repository.ts';
import { announceNotifications, notifyAdmins } from '../notifications/notifications.service.ts';
import { publish } from '../../platform/live/publish.ts';
import { recordOutsideChanges } from '../campaigns/changes.service.ts';
import type { AdAccountRow, ConnectionRow } from '../connections/connections.repository.ts';
import type { SyncAccountPayload } from './sync.jobs.ts';
import { addDays, dateInZone, daysBetween, zonedHourToInstant } from './time-zone.ts';
import { storableText } from '../../platform/storable-text.ts';

const LEASE_MS = 15 * 60_000;
/** Refresh a refreshable token this long before it expires. */
const REFRESH_MARGIN_MS = 10 * 60_000;
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

/** Reads the connection's tokens, refreshing (and storing) a refreshable one that expires soon. */
export async function loadTokens(ctx: Ctx, connection: ConnectionRow): Promise<TokenSet> {
  const secrets = createSecretsRepository(ctx.db, ctx.keyring);
  const accessToken = await secrets.get(connection.orgId, connection.id, 'access_token');
  if (!accessToken) throw new PlatformError('auth_expired', 'No stored token for this connection', { platform: connection.platform, platformMessage: 'Adloop holds no token for this connection' });
  const refreshToken = (await secrets.get(connection.orgId, connection.id, 'refresh_token')) ?? undefined;
  const tokens: TokenSet = { accessToken, refreshToken, expiresAt: connection.tokenExpiresAt ?? undefined };
  const adapter = ctx.platforms.registry.get(connection.platform);
  const now = ctx.clock.now().getTime();
  if (adapter.capabilities.refreshableTokens && tokens.expiresAt && tokens.expiresAt.getTime() - now < REFRESH_MARGIN_MS) {
    return refreshAndStore(ctx, connection, tokens);
  }
  return tokens;
}

export async function refreshAndStore(ctx: Ctx, connection: ConnectionRow, tokens: TokenSet): Promise<TokenSet> {
  const fresh = await ctx.platforms.call({ orgId: connection.orgId, platform: connection.platform, accountKey: 'oauth' }, (a) => a.oauth.refresh(tokens));
  const at = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const secrets = createSecretsRepository(tx, ctx.keyring);
    await secrets.put(connection.orgId, connection.id, 'access_token', fresh.accessToken, at);
    if (fresh.refreshToken && fresh.refreshToken !== tokens.refreshToken) await secrets.put(connection.orgId, connection.id, 'refresh_token', fresh.refreshToken, at);
    await tx
      .update(platformConnections)
      .set({ tokenExpiresAt: fresh.expiresAt ?? null, consecutiveFailures: 0, lastError: null, updatedAt: at })
      .where(and(eq(platformConnections.orgId, connection.orgId), eq(platformConnections.id, connection.id)));
  });
  return { ...fresh, refreshToken: fresh.refreshToken ?? tokens.refreshToken };
}

/**
 * Counts a token failure on the connection; after the configured number in a row it is marked
 * "needs reconnection" and the organisation's admins are notified (once, on the change).
 */
export async function recordAuthFailure(ctx: Ctx, connection: ConnectionRow, error: PlatformError): Promise<void> {
  const at = ctx.clock.now();
  const message = error.details.platformMessage ?? error.message;
  const notified = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(platformConnections)
      .set({ consecutiveFailures: sql`${platformConnections.consecutiveFailures} + 1`, lastError: message, updatedAt: at })
      .where(and(eq(platformConnections.orgId, connection.orgId), eq(platformConnections.id, connection.id)))
      .returning();
    if (!row || row.status !== 'active' || row.consecutiveFailures < ctx.config.sync.tokenFailuresBeforeReconnect) return 0;
    await tx.update(platformConnections).set({ status: 'needs_reconnection' }).where(eq(platformConnections.id, connection.id));
    const name = ctx.platforms.registry.has(connection.platform) ? ctx.platforms.registry.get(connection.platform).displayName : connection.platform;
    return notifyAdmins(
      tx,
      connection.orgId,
      {
        kind: 'connection.needs_reconnection',
        title: `${name} needs to be reconnected`,
        body: `Adloop can no longer reach your ${name} accounts, so their numbers have stopped updating. ${name} said: “${message}”. Reconnect on the Connections page.`,
        link: `/orgs/${connection.orgId}/connections`,
      },
      at,
    );
  });
  await announceNotifications(ctx, connection.orgId, notified);
}

async function resetFailures(ctx: Ctx, connection: ConnectionRow): Promise<void> {
  if (connection.consecutiveFailures === 0 && connection.lastError === null) return;
  await ctx.db
    .update(platformConnections)
    .set({ consecutiveFailures: 0, lastError: null })
    .where(and(eq(platformConnections.orgId, connection.orgId), eq(platformConnections.id, connection.id)));
}

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
  private readonly ref: AccountRef;
  private readonly adapter: AdPlatform;
  private readonly counts: Record<string, number> = {};

  constructor(
    private readonly ctx: Ctx,
    private readonly connection: ConnectionRow,
    private readonly account: AdAccountRow,
    private tokens: TokenSet,
  ) {
    this.ref = { platformAccountId: account.platformAccountId, managerId: account.managerId ?? undefined, currency: account.currency, timeZone: account.timeZone };
    this.adapter = ctx.platforms.registry.get(account.platform);
  }

  private refreshed = false;

  /**
   * One platform call for this account. An expired access token of a platform with refresh
   * tokens is refreshed once and the call repeated; a second refusal is a real auth failure.
   */
  private async call<T>(operation: (adapter: AdPlatform, tokens: TokenSet) => Promise<T>): Promise<T> {
    const scope = { orgId: this.account.orgId, platform: this.account.platform, accountKey: this.account.platformAccountId };
    try {
      return await this.ctx.platforms.call(scope, (adapter) => operation(adapter, this.tokens));
    } catch (error) {
      if (!(error instanceof PlatformError) || error.kind !== 'auth_expired' || this.refreshed || !this.adapter.capabilities.refreshableTokens || !this.tokens.refreshToken) throw error;
      this.refreshed = true;
      this.tokens = await refreshAndStore(this.ctx, this.connection, this.tokens);
      return this.ctx.platforms.call(scope, (adapter) => operation(adapter, this.tokens));
    }
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
      const campaignItems = await allPages((page) => this.call((a, t) => a.campaigns.listCampaigns(t, this.ref, page)));
      // Values that moved on the platform without an Adloop change behind them go to the history as outside changes.
      const mirrored = await this.ctx.db.select().from(campaigns).where(and(eq(campaigns.orgId, orgId), eq(campaigns.adAccountId, adAccountId)));
      const outside = await recordOutsideChanges(this.ctx.db, orgId, mirrored, campaignItems, now);
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
      const groupItems = await allPages((page) => this.call((a, t) => a.campaigns.listAdGroups(t, this.ref, page)));
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
      const adItems = await allPages((page) => this.call((a, t) => a.campaigns.listAds(t, this.ref, page)));
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
      return await this.call((a, t) => a.metrics.pull(t, this.ref, { level, granularity, since, until }));
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
export async function syncAccount(ctx: Ctx, payload: z.infer<typeof SyncAccountPayload>): Promise<'synced' | 'skipped' | 'failed'> {
  const account = await claim(ctx, payload.orgId, payload.adAccountId);
  if (!account) return 'skipped';
  await publish(ctx, account.orgId, { type: 'sync', adAccountId: account.id, state: 'running' });
  let outcome: 'synced' | 'skipped' | 'failed' | null = null;
  try {
    outcome = await syncClaimed(ctx, account);
    return outcome;
  } finally {
    await ctx.db.update(adAccounts).set({ syncLeaseUntil: null }).where(eq(adAccounts.id, account.id));
    // Skipped (connection no longer active) is not a failure of the sync: nothing was attempted.
    await publish(ctx, account.orgId, { type: 'sync', adAccountId: account.id, state: outcome === 'synced' || outcome === 'skipped' ? 'succeeded' : 'failed' });
  }
}

async function syncClaimed(ctx: Ctx, account: AdAccountRow): Promise<'synced' | 'skipped' | 'failed'> {
  const nextSyncAt = new Date(ctx.clock.now().getTime() + ctx.config.sync.intervalMinutes * 60_000);
  const [connection] = await ctx.db
    .select()
    .from(platformConnections)
    .where(and(eq(platformConnections.orgId, account.orgId), eq(platformConnections.id, account.connectionId)));
  if (!connection || connection.status !== 'active' || !ctx.platforms.registry.has(account.platform)) return 'skipped';
  try {
    const tokens = await loadTokens(ctx, connection);
    const sync = new AccountSync(ctx, connection, account, tokens);
    await sync.structure();
    await sync.hourly();
    await sync.daily(account.metricsSyncedAt === null);
    await resetFailures(ctx, connection);
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
