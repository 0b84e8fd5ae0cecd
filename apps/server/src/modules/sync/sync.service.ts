import type { Db, SyncKind } from '@adloop/db';
import { PlatformError, type AdPlatform, type Campaign as PlatformCampaign, type MetricsLevel, type MetricsRow, type Page, type TokenSet } from '@adloop/platforms';
import type { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { createMetricsRepository } from '../metrics/metrics.repository.ts';
import { loadTokens, openAccountSession, recordAuthFailure, resetAuthFailures, type AccountSession } from '../connections/platform-access.ts';
import { publish } from '../../platform/live/publish.ts';
import type { AdAccountRow, ConnectionRow } from '../connections/connections.repository.ts';
import type { SyncAccountPayload } from './sync.jobs.ts';
import { addDays, dateInZone, daysBetween, zonedHourToInstant } from '@adloop/engine';
import { createCampaignsRepository, type CampaignMirrorRow } from '../campaigns/campaigns.repository.ts';
import { createSyncRepository, type SyncRepository } from './sync.repository.ts';
import { noticeSyncFailure, resolveSyncFailure } from './sync.notify.ts';
import { analyzeGrownTables } from './statistics.ts';

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
  campaignsRead(db: Db, orgId: string, mirrored: CampaignMirrorRow[], incoming: PlatformCampaign[], at: Date): Promise<number>;
}

export const NO_SYNC_HOOKS: SyncHooks = { campaignsRead: async () => 0 };

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
    this.repo = createSyncRepository(ctx.db);
  }

  private readonly repo: SyncRepository;

  /** One platform call for this account (one token refresh and retry on expiry, see AccountSession). */
  private call<T>(operation: (adapter: AdPlatform, tokens: TokenSet, ref: AccountSession['ref']) => Promise<T>): Promise<T> {
    return this.session.call(operation);
  }

  /** Runs one logged step; a platform error fails the run with the platform's own words and is rethrown. */
  private async step<T extends Record<string, number>>(kind: SyncKind, range: { since: string; until: string } | null, work: (progress: (p: number) => Promise<void>) => Promise<T>): Promise<T> {
    const { orgId, id: adAccountId } = this.account;
    const runId = await this.repo.startRun(orgId, adAccountId, kind, range, this.ctx.clock.now());
    const progress = (p: number) => this.repo.updateRun(orgId, runId, { progress: Math.max(0, Math.min(99, Math.round(p))) });
    try {
      const counts = await work(progress);
      await this.repo.updateRun(orgId, runId, { status: 'succeeded', progress: 100, counts, finishedAt: this.ctx.clock.now() });
      // The account's sync goes on (the next kind, then the account's own row): still running.
      await publish(this.ctx, orgId, { type: 'sync', adAccountId, state: 'running' });
      return counts;
    } catch (error) {
      const platformError = error instanceof PlatformError ? error : null;
      await this.repo.updateRun(orgId, runId, {
        status: 'failed',
        finishedAt: this.ctx.clock.now(),
        errorKind: platformError?.kind ?? 'internal',
        errorMessage: platformError ? (platformError.details.platformMessage ?? platformError.message) : 'Adloop hit an internal error; it has been logged.',
      });
      throw error;
    }
  }

  async structure(): Promise<void> {
    const now = this.ctx.clock.now();
    const { orgId, id: adAccountId, currency } = this.account;
    await this.step('structure', null, async (progress) => {
      const mirror = createCampaignsRepository(this.ctx.db);
      const campaignItems = await allPages((page) => this.call((a, t, ref) => a.campaigns.listCampaigns(t, ref, page)));
      // Values that moved on the platform without an Adloop change behind them go to the history as outside changes.
      const outside = await this.hooks.campaignsRead(this.ctx.db, orgId, await mirror.listForAccount(orgId, adAccountId), campaignItems, now);
      await mirror.upsertCampaigns(orgId, adAccountId, currency, campaignItems, now);
      await progress(40);
      const groupItems = await allPages((page) => this.call((a, t, ref) => a.campaigns.listAdGroups(t, ref, page)));
      await mirror.upsertAdGroups(orgId, adAccountId, groupItems, now);
      await progress(70);
      const adItems = await allPages((page) => this.call((a, t, ref) => a.campaigns.listAds(t, ref, page)));
      await mirror.upsertAds(orgId, adAccountId, adItems, now);
      return { campaigns: campaignItems.length, adGroups: groupItems.length, ads: adItems.length, outsideChanges: outside };
    });
    await this.repo.setAccountState(orgId, adAccountId, { structureSyncedAt: now });
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
      if (newest) await this.repo.setAccountState(this.account.orgId, this.account.id, { newestHourAt: newest });
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
  const repo = createSyncRepository(ctx.db);
  const now = ctx.clock.now();
  const account = await repo.claim(payload.orgId, payload.adAccountId, now, new Date(now.getTime() + LEASE_MS));
  if (!account) return 'skipped';
  await publish(ctx, account.orgId, { type: 'sync', adAccountId: account.id, state: 'running' });
  let outcome: 'synced' | 'skipped' | 'failed' | null = null;
  try {
    outcome = await syncClaimed(ctx, repo, account, hooks);
    return outcome;
  } finally {
    await repo.setAccountState(account.orgId, account.id, { syncLeaseUntil: null });
    // Skipped (connection no longer active) is not a failure of the sync: nothing was attempted.
    await publish(ctx, account.orgId, { type: 'sync', adAccountId: account.id, state: outcome === 'synced' || outcome === 'skipped' ? 'succeeded' : 'failed' });
  }
}

async function syncClaimed(ctx: Ctx, repo: SyncRepository, account: AdAccountRow, hooks: SyncHooks): Promise<'synced' | 'skipped' | 'failed'> {
  const nextSyncAt = new Date(ctx.clock.now().getTime() + ctx.config.sync.intervalMinutes * 60_000);
  const connection = await repo.findConnection(account.orgId, account.connectionId);
  if (!connection || connection.status !== 'active' || !ctx.platforms.registry.has(account.platform)) return 'skipped';
  try {
    const tokens = await loadTokens(ctx, connection);
    const sync = new AccountSync(ctx, connection, account, tokens, hooks);
    await sync.structure();
    await sync.hourly();
    await sync.daily(account.metricsSyncedAt === null);
    // Before the account reads as synced: rules run on its numbers then find the tables with statistics.
    await analyzeGrownTables(ctx.db, ctx.dbHandle.kind === 'postgres').catch((error: unknown) => ctx.logger.warn({ err: error }, 'analysing the synced tables failed'));
    await resetAuthFailures(ctx, connection);
    await repo.setAccountState(account.orgId, account.id, { metricsSyncedAt: ctx.clock.now(), lastSyncError: null, lastSyncErrorKind: null, nextSyncAt });
    await resolveSyncFailure(ctx, account);
    return 'synced';
  } catch (error) {
    if (!(error instanceof PlatformError)) throw error;
    if (error.kind === 'auth_expired') await recordAuthFailure(ctx, connection, error);
    // Only the platform's own words go in lastSyncError (shown as "<platform> said"); Adloop's are in the kind.
    await repo.setAccountState(account.orgId, account.id, { lastSyncError: error.details.platformMessage ?? null, lastSyncErrorKind: error.kind, nextSyncAt });
    ctx.logger.warn({ adAccountId: account.id, platform: account.platform, kind: error.kind, message: error.details.platformMessage }, 'sync failed');
    await noticeSyncFailure(ctx, account, error);
    return 'failed';
  }
}
