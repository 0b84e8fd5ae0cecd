/**
 * Scheduling: one 15-minute sync window for 1,000 ad accounts of 50 organisations (one heavy org
 * with 400, 49 light ones of uneven size) against one sandbox, without exceeding its quotas.
 *
 * The sandbox world has a handful of real accounts per platform, so the 1,000 logical accounts are
 * mapped onto them round-robin. Every organisation connects each platform through the sandbox's
 * consent form with its own grant (its own tokens). Each account sync makes the platform calls
 * `AccountSync` makes on a scheduled run (structure: every page of campaigns, ad groups and ads;
 * hourly campaign metrics for today and yesterday; daily metrics at three levels over the
 * restatement window), through the product's gateway (`createPlatformGateway` with `createRequestPacer`: ONE
 * FairLimiter per platform at QUOTA_*_RPS, one token per HTTP request, circuit breakers, retries). Accounts are queued in `interleaveByOrg` order
 * and worked by `SYNC_ACCOUNT.concurrency` workers (one Adloop process), like the `sync.tick` job.
 * No database: only the platform side is measured.
 *
 * Quotas and time. The sandbox runs on a frozen simulated clock, so its count-based quotas cover the
 * whole run: Google's 15,000 operations per developer token per 24 h (kept as is: one window makes
 * the same number of calls at any speed) and Meta's per-ad-account hourly call budgets (multiplied by
 * the fan-in, the logical accounts sharing one real account, since each would have its own budget).
 * TikTok's per-second/minute app limits run on wall time. To keep the run short, time is scaled by
 * SCALE: TikTok's QPS/QPM, Adloop's QUOTA_*_RPS (and so the limiter bursts), Meta's report-poll
 * intervals, retry backoff and breaker cool-down all move SCALE times faster. `window_s` = `wall_s`
 * × SCALE is then the window at real quotas; sandbox latency and CPU are not scaled, so it errs long
 * (`window_latency_adj_s` takes the workers' time waiting on the sandbox out of the scaling, never going below
 * `quota_bound_s`, the floor the quotas alone set; `fits_window` uses the conservative `window_s`).
 * Violations: responses where the sandbox refused for quota/rate (HTTP 429 / RESOURCE_EXHAUSTED,
 * TikTok 40100/40016/40133, Meta 4/17/32/341/613/800xx).
 * Env: SCHEDULE_TIME_SCALE (default 5), SCHEDULE_CONCURRENCY (default SYNC_ACCOUNT.concurrency).
 * Prints `schedule accounts= orgs= concurrency= time_scale= calls= http_requests= violations= failed_syncs= wall_s= window_s=
 * window_latency_adj_s= quota_bound_s= fits_window= heavy_org_s= light_org_p95_s= light_org_max_s= google_ops_per_window=
 * google_daily_windows=` (calls = limiter tokens, one per HTTP request made inside a gateway call, as in the product; org times in real-quota seconds).
 */
import { createHash, randomUUID } from 'node:crypto';
import { DEFAULT_SETTINGS, startSandbox, createSimClock, submitConsentForm, type SandboxSettingsInput } from '@adloop/sandbox';
import {
  createGoogleAdsAdapter,
  createMetaAdapter,
  createPlatformRegistry,
  createTikTokAdapter,
  PlatformError,
  type AccountRef,
  type AdPlatform,
  type MetricsLevel,
  type MetricsRow,
  type Page,
  type PlatformId,
  type TokenSet,
} from '@adloop/platforms';
import { createSimulator } from '../packages/sandbox/src/simulator/simulator.ts';
import { testConfig } from '../apps/server/src/platform/config.ts';
import { createLogger } from '../apps/server/src/platform/logger.ts';
import { createPlatformGateway, createRequestPacer, type PlatformGateway } from '../apps/server/src/modules/connections/platform-gateway.ts';
import { interleaveByOrg } from '../apps/server/src/modules/sync/sync.scheduler.ts';
import { SYNC_ACCOUNT } from '../apps/server/src/modules/sync/sync.jobs.ts';
import { addDays, dateInZone, daysBetween } from '@adloop/engine';

const ACCOUNTS = 1000;
const ORGS = 50;
const HEAVY = 400;
const WINDOW_S = 900;
const SEED = 42;
const START = Date.parse('2026-06-15T12:00:00Z');
const REDIRECT = 'http://127.0.0.1:9/api/v1/oauth/callback';
const SCALE = Number(process.env.SCHEDULE_TIME_SCALE ?? 5);
const CONCURRENCY = Number(process.env.SCHEDULE_CONCURRENCY ?? SYNC_ACCOUNT.concurrency);
const PLATFORMS: PlatformId[] = ['google_ads', 'meta', 'tiktok'];
const SIM = { google_ads: 'google', meta: 'meta', tiktok: 'tiktok' } as const;
/** Mirrors AccountSync: the daily levels, and the spans a too-large report is retried in. */
const DAILY_LEVELS: MetricsLevel[] = ['campaign', 'ad_group', 'ad'];
const SHRINK_SPANS = [7, 1];

const log = (message: string) => process.stdout.write(`  ${message}\n`);
const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface RealAccount {
  platform: PlatformId;
  id: string;
}

interface Org {
  id: string;
  heavy: boolean;
  size: number;
  tokens: Partial<Record<PlatformId, TokenSet>>;
  refs: Map<string, AccountRef>;
}

interface Logical {
  index: number;
  org: Org;
  org_id: string;
  real: RealAccount;
  finishedMs: number;
}

/** Deterministic PRNG (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One heavy org of HEAVY accounts and ORGS−1 light ones sharing the rest unevenly (at least one each). */
function orgSizes(): number[] {
  const rand = random(7);
  const light = ORGS - 1;
  const rest = ACCOUNTS - HEAVY - light;
  const weights = Array.from({ length: light }, () => rand() ** 3 + 0.02);
  const total = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w / total) * rest);
  const sizes = exact.map((x) => 1 + Math.floor(x));
  let missing = ACCOUNTS - HEAVY - sizes.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r);
  for (const { i } of byRemainder) {
    if (missing-- <= 0) break;
    sizes[i]! += 1;
  }
  return [HEAVY, ...sizes];
}

/** The sandbox's queryable accounts per platform, read from a simulator with the same seed. */
function realAccounts(): Record<PlatformId, RealAccount[]> {
  const world = createSimulator({ seed: SEED, clock: createSimClock({ start: START }) }).world().platforms;
  const result = {} as Record<PlatformId, RealAccount[]>;
  for (const platform of PLATFORMS) {
    const accounts = [...world[SIM[platform]].accounts.values()] as Array<{ id: string; isManager?: boolean }>;
    result[platform] = accounts.filter((a) => !a.isManager).map((a) => ({ platform, id: a.id }));
  }
  return result;
}

type Counter = { requests: number; violations: number; samples: string[]; httpMs: number };
const META_THROTTLE = new Set([4, 17, 32, 341, 613]);
const TIKTOK_THROTTLE = new Set([40100, 40016, 40133]);

/** Why the sandbox refused for quota or rate, or null. */
async function refusal(platform: PlatformId, response: Response): Promise<string | null> {
  if (response.status === 429) return `HTTP 429 ${(await response.clone().text()).slice(0, 160)}`;
  if (platform === 'tiktok') {
    const body = (await response.clone().json().catch(() => null)) as { code?: number; message?: string } | null;
    return body?.code !== undefined && TIKTOK_THROTTLE.has(body.code) ? `${body.code} ${body.message ?? ''}` : null;
  }
  if (response.ok) return null;
  const text = await response.clone().text();
  if (platform === 'google_ads') return /RESOURCE_(TEMPORARILY_)?EXHAUSTED/.test(text) ? text.slice(0, 160) : null;
  const code = (JSON.parse(text) as { error?: { code?: number } }).error?.code;
  return code !== undefined && (META_THROTTLE.has(code) || (code >= 80000 && code <= 80014)) ? `${code} ${text.slice(0, 160)}` : null;
}

function countingFetch(platform: PlatformId, counters: Record<PlatformId, Counter>): typeof fetch {
  return async (input, init) => {
    const sent = performance.now();
    const response = await fetch(input, init);
    const counter = counters[platform];
    counter.requests += 1;
    counter.httpMs += performance.now() - sent;
    const refused = await refusal(platform, response).catch(() => null);
    if (refused) {
      counter.violations += 1;
      if (counter.samples.length < 3) counter.samples.push(refused);
    }
    return response;
  };
}

/** Collects every page of a paged list (as AccountSync does). */
async function allPages<T>(fetchPage: (page: string | null) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let page: string | null = null;
  do {
    const result: Page<T> = await fetchPage(page);
    items.push(...result.items);
    page = result.nextPage;
  } while (page);
  return items;
}

/** The platform calls of one scheduled AccountSync run (structure, hourly, daily), without the database writes. */
async function syncAccount(gateway: PlatformGateway, account: Logical, now: Date, restatementDays: Record<PlatformId, number>): Promise<void> {
  const { org, real } = account;
  const adapter = gateway.registry.get(real.platform);
  const tokens = org.tokens[real.platform]!;
  const ref = org.refs.get(`${real.platform}:${real.id}`)!;
  // Breakers are per platform account; each logical account is its own account.
  const scope = { orgId: org.id, platform: real.platform, accountKey: `${real.id}#${account.index}` };
  const call = <T>(operation: (a: AdPlatform) => Promise<T>) => gateway.call(scope, operation);

  const pullShrinking = async (level: MetricsLevel, granularity: 'day' | 'hour', since: string, until: string, spans = SHRINK_SPANS): Promise<MetricsRow[]> => {
    try {
      return await call((a) => a.metrics.pull(tokens, ref, { level, granularity, since, until }));
    } catch (error) {
      if (!(error instanceof PlatformError) || error.kind !== 'report_too_large') throw error;
      const index = spans.findIndex((s) => s < daysBetween(since, until));
      if (index < 0) throw error;
      const span = spans[index]!;
      const rows: MetricsRow[] = [];
      for (let start = since; start <= until; start = addDays(start, span)) {
        const end = addDays(start, span - 1) < until ? addDays(start, span - 1) : until;
        rows.push(...(await pullShrinking(level, granularity, start, end, spans.slice(index + 1))));
      }
      return rows;
    }
  };

  await allPages((page) => call((a) => a.campaigns.listCampaigns(tokens, ref, page)));
  await allPages((page) => call((a) => a.campaigns.listAdGroups(tokens, ref, page)));
  await allPages((page) => call((a) => a.campaigns.listAds(tokens, ref, page)));
  if (adapter.capabilities.hourlyMetrics) {
    const until = dateInZone(adapter.capabilities.hourlyTimeBasis === 'utc' ? 'UTC' : ref.timeZone, now);
    await pullShrinking('campaign', 'hour', addDays(until, -1), until);
  }
  const until = dateInZone(ref.timeZone, now);
  const since = addDays(until, -(restatementDays[real.platform] - 1));
  for (const level of DAILY_LEVELS) await pullShrinking(level, 'day', since, until);
}

/** A value per platform. */
const byPlatform = <T>(value: (platform: PlatformId) => T): Record<PlatformId, T> => ({ google_ads: value('google_ads'), meta: value('meta'), tiktok: value('tiktok') });

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

export async function run(): Promise<void> {
  // --- the fleet: orgs, logical accounts, their mapping onto the sandbox's real accounts
  const reals = realAccounts();
  const allReal = PLATFORMS.flatMap((p) => reals[p]);
  const orgs: Org[] = orgSizes().map((size, i) => ({ id: randomUUID(), heavy: i === 0, size, tokens: {}, refs: new Map() }));
  const accounts: Logical[] = [];
  for (const org of orgs) {
    for (let k = 0; k < org.size; k++) {
      const index = accounts.length;
      accounts.push({ index, org, org_id: org.id, real: allReal[index % allReal.length]!, finishedMs: 0 });
    }
  }
  const perPlatform = byPlatform((p) => accounts.filter((a) => a.real.platform === p).length);
  const metaFanIn = Math.ceil(perPlatform.meta / reals.meta.length);
  const light = orgs.filter((o) => !o.heavy).map((o) => o.size);
  log(`${ACCOUNTS} accounts in ${ORGS} orgs (heavy ${HEAVY}; light ${Math.min(...light)}–${Math.max(...light)} each) on ${allReal.length} sandbox accounts: google_ads ${perPlatform.google_ads}, meta ${perPlatform.meta}, tiktok ${perPlatform.tiktok}`);

  // --- the sandbox: real limits, with time-based ones scaled by SCALE and Meta's per-account budgets by the fan-in
  const tiktok = DEFAULT_SETTINGS.tiktok;
  const settings: SandboxSettingsInput = {
    meta: { managementCallsPerHour: DEFAULT_SETTINGS.meta.managementCallsPerHour * metaFanIn, insightsCallsPerHour: DEFAULT_SETTINGS.meta.insightsCallsPerHour * metaFanIn },
    tiktok: {
      qps: tiktok.qps * SCALE,
      qpm: tiktok.qpm * SCALE,
      endpointLimits: Object.fromEntries(Object.entries(tiktok.endpointLimits).map(([path, l]) => [path, { ...l, qps: l.qps * SCALE, qpm: l.qpm * SCALE }])),
    },
  };
  const sandbox = await startSandbox({ seed: SEED, clock: START, settings });
  const now = new Date(START);
  const counters = byPlatform((): Counter => ({ requests: 0, violations: 0, samples: [], httpMs: 0 }));
  const base = testConfig();
  const config = testConfig({ sync: { ...base.sync, quotaRps: byPlatform((p) => base.sync.quotaRps[p] * SCALE) } });
  // Like the product (runtime.ts): every HTTP request waits its organisation's turn at the platform's limiter.
  const pacer = createRequestPacer(config);
  const registry = createPlatformRegistry([
    createGoogleAdsAdapter(
      { baseUrl: sandbox.urls.googleAds, oauthBaseUrl: sandbox.urls.googleAds, authorizeBaseUrl: sandbox.urls.googleAds, clientId: DEFAULT_SETTINGS.google.clientId, clientSecret: DEFAULT_SETTINGS.google.clientSecret, developerToken: 'sandbox-developer-token', fetch: pacer.wrapFetch('google_ads', countingFetch('google_ads', counters)) },
      () => now,
    ),
    createMetaAdapter(
      {
        baseUrl: sandbox.urls.meta, authorizeBaseUrl: sandbox.urls.meta, appId: DEFAULT_SETTINGS.meta.appId, appSecret: DEFAULT_SETTINGS.meta.appSecret, fetch: pacer.wrapFetch('meta', countingFetch('meta', counters)),
        // The adapter's defaults (2 s first poll, 30 s cap, 20 min deadline), on the scaled clock.
        reportPollIntervalMs: 2_000 / SCALE, reportPollMaxIntervalMs: 30_000 / SCALE, reportTimeoutMs: (20 * 60_000) / SCALE,
      },
      () => now,
    ),
    createTikTokAdapter({ baseUrl: sandbox.urls.tiktok, authorizeBaseUrl: sandbox.urls.tiktok, appId: DEFAULT_SETTINGS.tiktok.appId, secret: DEFAULT_SETTINGS.tiktok.secret, fetch: pacer.wrapFetch('tiktok', countingFetch('tiktok', counters)) }),
  ]);
  const gateway = createPlatformGateway(registry, config, createLogger({ logLevel: 'silent' }), {
    pacer,
    sleep: (ms) => realSleep(ms / SCALE),
    breaker: { failureThreshold: 5, cooldownMs: 30_000 / SCALE },
  });
  log(`sandbox limits: google ${DEFAULT_SETTINGS.google.dailyOperationLimit} ops/24 h; meta ${DEFAULT_SETTINGS.meta.managementCallsPerHour}/${DEFAULT_SETTINGS.meta.insightsCallsPerHour} calls/h per account (× fan-in ${metaFanIn}); tiktok ${tiktok.qps} qps / ${tiktok.qpm} qpm per endpoint (× ${SCALE})`);
  log(`Adloop quotas: ${PLATFORMS.map((p) => `${p} ${base.sync.quotaRps[p]} rps`).join(', ')} (× ${SCALE}); ${CONCURRENCY} account syncs at a time`);

  try {
    // --- connecting: every org grants each platform's accounts on the consent page, through the gateway like completeConnect
    const connectStarted = performance.now();
    for (const org of orgs) {
      for (const platform of PLATFORMS) {
        const adapter = registry.get(platform);
        const grant = reals[platform].map((a) => a.id);
        const verifier = adapter.capabilities.supportsPkce ? randomUUID() + randomUUID() : undefined;
        const challenge = verifier ? createHash('sha256').update(verifier).digest('base64url') : undefined;
        const url = adapter.oauth.authorizeUrl({ state: randomUUID(), redirectUri: REDIRECT, codeChallenge: challenge });
        const { code, error } = await submitConsentForm(url, grant, 'allow');
        if (!code) throw new Error(`${platform} consent failed: ${error}`);
        const scope = { orgId: org.id, platform, accountKey: 'oauth' };
        const tokens = await gateway.call(scope, (a) => a.oauth.exchangeCode({ code, redirectUri: REDIRECT, codeVerifier: verifier }));
        const listed = await gateway.call(scope, (a) => a.accounts.list(tokens));
        org.tokens[platform] = tokens;
        for (const a of listed) org.refs.set(`${platform}:${a.platformAccountId}`, { platformAccountId: a.platformAccountId, managerId: a.managerId, currency: a.currency, timeZone: a.timeZone });
        for (const real of reals[platform]) if (!org.refs.has(`${platform}:${real.id}`)) throw new Error(`${platform} did not list granted account ${real.id}`);
      }
    }
    const connectCounts = byPlatform((p) => ({ ...counters[p] }));
    const grantedBefore = byPlatform((p) => gateway.limiter(p).granted);
    log(`connected ${ORGS} orgs × 3 platforms through the consent form in ${((performance.now() - connectStarted) / 1000).toFixed(1)} s (${PLATFORMS.map((p) => `${p} ${connectCounts[p].requests} requests, ${connectCounts[p].violations} refused`).join('; ')})`);

    // --- the window: queued fairly across orgs, worked by CONCURRENCY workers
    const queue = interleaveByOrg(accounts);
    let next = 0;
    let done = 0;
    let failed = 0;
    const failures: string[] = [];
    const started = performance.now();
    const progress = setInterval(() => {
      const calls = PLATFORMS.map((p) => `${p} ${gateway.limiter(p).granted - grantedBefore[p]}`).join(', ');
      const violations = PLATFORMS.reduce((s, p) => s + counters[p].violations - connectCounts[p].violations, 0);
      log(`${((performance.now() - started) / 1000).toFixed(0)} s: ${done}/${ACCOUNTS} synced; calls ${calls}; violations ${violations}`);
    }, 10_000);
    const worker = async () => {
      while (next < queue.length) {
        const account = queue[next++]!;
        try {
          await syncAccount(gateway, account, now, config.sync.restatementDays);
        } catch (error) {
          failed += 1;
          if (failures.length < 3) failures.push(`${account.real.platform}: ${error instanceof PlatformError ? `${error.kind} ${error.details.platformMessage ?? error.message}` : String(error)}`);
        }
        account.finishedMs = performance.now() - started;
        done += 1;
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    clearInterval(progress);
    const wallS = (performance.now() - started) / 1000;

    // --- figures
    const calls = byPlatform((p) => gateway.limiter(p).granted - grantedBefore[p]);
    const requests = byPlatform((p) => counters[p].requests - connectCounts[p].requests);
    const violations = PLATFORMS.reduce((s, p) => s + counters[p].violations - connectCounts[p].violations, 0);
    const totalCalls = PLATFORMS.reduce((s, p) => s + calls[p], 0);
    const totalRequests = PLATFORMS.reduce((s, p) => s + requests[p], 0);
    const windowS = wallS * SCALE;
    /** The floor the quotas alone set: each platform's calls at its real QUOTA_*_RPS. */
    const quotaBoundS = Math.max(...PLATFORMS.map((p) => calls[p] / base.sync.quotaRps[p]));
    // Waiting on a sandbox answer (and on this process's CPU) is not scaled: in real time it would last as
    // long as here, not SCALE times longer. Taking each worker's share of it out of the scaling gives an
    // estimate for when the workers, not the limiters, are the bottleneck; it never goes below the quota floor.
    const httpS = PLATFORMS.reduce((s, p) => s + counters[p].httpMs - connectCounts[p].httpMs, 0) / 1000 / CONCURRENCY;
    const adjustedS = Math.max(quotaBoundS, windowS - (SCALE - 1) * httpS);
    const orgDone = (org: Org) => Math.max(...accounts.filter((a) => a.org === org).map((a) => a.finishedMs)) / 1000;
    const heavyS = orgDone(orgs[0]!) * SCALE;
    const lightS = orgs.filter((o) => !o.heavy).map((o) => orgDone(o) * SCALE).sort((a, b) => a - b);
    const googleOpsWindow = requests.google_ads;
    const windowsPerDay = (24 * 60) / config.sync.intervalMinutes;
    const googleBudgetWindows = DEFAULT_SETTINGS.google.dailyOperationLimit / googleOpsWindow;

    for (const p of PLATFORMS) {
      log(`${p}: ${perPlatform[p]} accounts, ${calls[p]} limiter tokens (${(calls[p] / perPlatform[p]).toFixed(1)}/account), ${requests[p]} HTTP requests, ${counters[p].violations - connectCounts[p].violations} refused${counters[p].samples.length ? `: ${counters[p].samples.join(' | ')}` : ''}; at ${base.sync.quotaRps[p]} rps that is ${(calls[p] / base.sync.quotaRps[p]).toFixed(0)} s`);
    }
    if (failures.length) log(`failed syncs (first ${failures.length}): ${failures.join(' | ')}`);
    log(`wall ${wallS.toFixed(1)} s × ${SCALE} = ${windowS.toFixed(0)} s at real quotas; ${httpS.toFixed(1)} s of each worker's wall time was waiting on sandbox answers, so ≈ ${adjustedS.toFixed(0)} s with this sandbox's latency (the quotas alone: ${quotaBoundS.toFixed(0)} s); window ${WINDOW_S} s`);
    log(`Google Ads: ${googleOpsWindow} operations a window; the ${DEFAULT_SETTINGS.google.dailyOperationLimit} a day of basic access cover ${googleBudgetWindows.toFixed(1)} of the ${windowsPerDay} windows a day`);
    log(`fairness: heavy org done at ${heavyS.toFixed(0)} s; light orgs p50 ${pct(lightS, 50).toFixed(0)} s, p95 ${pct(lightS, 95).toFixed(0)} s, slowest ${lightS[lightS.length - 1]!.toFixed(0)} s (real-quota seconds)`);
    process.stdout.write(
      `schedule accounts=${ACCOUNTS} orgs=${ORGS} concurrency=${CONCURRENCY} time_scale=${SCALE} calls=${totalCalls} http_requests=${totalRequests} violations=${violations} failed_syncs=${failed} wall_s=${wallS.toFixed(1)} window_s=${windowS.toFixed(0)} window_latency_adj_s=${adjustedS.toFixed(0)} quota_bound_s=${quotaBoundS.toFixed(0)} fits_window=${windowS <= WINDOW_S && failed === 0 && violations === 0} heavy_org_s=${heavyS.toFixed(0)} light_org_p95_s=${pct(lightS, 95).toFixed(0)} light_org_max_s=${lightS[lightS.length - 1]!.toFixed(0)} google_ops_per_window=${googleOpsWindow} google_daily_windows=${googleBudgetWindows.toFixed(1)}\n`,
    );
  } finally {
    gateway.close();
    await sandbox.close();
  }
}
