import { AsyncLocalStorage } from 'node:async_hooks';
import {
  BreakerRegistry,
  createGoogleAdsAdapter,
  createMetaAdapter,
  createPlatformRegistry,
  createTikTokAdapter,
  DEFAULT_BACKOFF,
  withRetry,
  type AdPlatform,
  type BackoffPolicy,
  type BreakerState,
  type PlatformId,
  type PlatformRegistry,
} from '@adloop/platforms';
import { DEFAULT_SETTINGS, type SandboxUrls } from '@adloop/sandbox';
import type { Config } from '../../platform/config.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Logger } from '../../platform/logger.ts';
import { FairLimiter } from './fair-limiter.ts';

/**
 * The platforms' request budgets, spent per HTTP request: one adapter call may make several
 * (pages, report polls, token exchange), and the platforms count requests, not calls. A request
 * made inside `PlatformGateway.call` waits for its organisation's turn at the platform's
 * `FairLimiter`; one made outside a call (none in the product) is not held back.
 */
export interface RequestPacer {
  limiter(platform: PlatformId): FairLimiter;
  /** `base` (default: global fetch) behind the platform's limiter, for an adapter's `fetch` option. */
  wrapFetch(platform: PlatformId, base?: typeof fetch): typeof fetch;
  /** Runs `work` as `orgId`'s: the requests it makes are paced under that organisation. */
  run<T>(orgId: string, work: () => Promise<T>): Promise<T>;
  close(): void;
}

export function createRequestPacer(config: Config): RequestPacer {
  const limiters = new Map<PlatformId, FairLimiter>();
  const scope = new AsyncLocalStorage<{ orgId: string }>();
  const limiter = (platform: PlatformId) => {
    let found = limiters.get(platform);
    if (!found) {
      // No bursts: platforms count in fixed one-second windows, so requests are spread evenly.
      found = new FairLimiter(config.sync.quotaRps[platform], 1);
      limiters.set(platform, found);
    }
    return found;
  };
  return {
    limiter,
    wrapFetch: (platform, base = fetch) =>
      (async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
        const current = scope.getStore();
        if (current) await limiter(platform).acquire(current.orgId);
        return base(input, init);
      }) as typeof fetch,
    run: (orgId, work) => scope.run({ orgId }, work),
    close() {
      for (const found of limiters.values()) found.close();
    },
  };
}

export interface CallScope {
  orgId: string;
  platform: PlatformId;
  /** The platform account the call is about (circuit breaker key). */
  accountKey: string;
}

/**
 * Every call Adloop makes to an ad platform goes through here: the platform's request budget
 * (shared fairly across organisations), a circuit breaker per platform + account, and retries
 * with capped exponential backoff and full jitter that honour the platform's hints.
 */
export interface PlatformGateway {
  registry: PlatformRegistry;
  call<T>(scope: CallScope, operation: (adapter: AdPlatform) => Promise<T>): Promise<T>;
  breakerState(platform: PlatformId, accountKey: string): BreakerState;
  limiter(platform: PlatformId): FairLimiter;
  /** Counts of calls made and retries, per platform, since start. */
  stats(): Record<PlatformId, { calls: number; retries: number }>;
  /** The latest circuit-breaker state changes (newest last, at most 200). */
  breakerChanges(): Array<{ key: string; from: BreakerState; to: BreakerState; at: Date }>;
  close(): void;
}

/**
 * Adapters for the platforms this installation can reach: the local sandboxes, or configured
 * credentials. With `pacer`, every HTTP request they make goes through its limiters.
 */
export function buildPlatformRegistry(config: Config, sandboxUrls: SandboxUrls | null, clock: Clock, pacer?: RequestPacer): PlatformRegistry {
  const adapters: AdPlatform[] = [];
  const paced = (platform: PlatformId) => (pacer ? { fetch: pacer.wrapFetch(platform) } : {});
  const creds = config.platformCredentials;
  const google = sandboxUrls
    ? { base: sandboxUrls.googleAds, oauth: sandboxUrls.googleAds, authorize: sandboxUrls.googleAds, clientId: DEFAULT_SETTINGS.google.clientId, clientSecret: DEFAULT_SETTINGS.google.clientSecret, developerToken: 'sandbox-developer-token' }
    : creds.googleAds
      ? { base: 'https://googleads.googleapis.com', oauth: 'https://oauth2.googleapis.com', authorize: 'https://accounts.google.com', ...creds.googleAds }
      : null;
  if (google) {
    adapters.push(
      createGoogleAdsAdapter(
        { baseUrl: google.base, oauthBaseUrl: google.oauth, authorizeBaseUrl: google.authorize, clientId: google.clientId, clientSecret: google.clientSecret, developerToken: google.developerToken, ...paced('google_ads') },
        () => clock.now(),
      ),
    );
  }
  const meta = sandboxUrls
    ? { base: sandboxUrls.meta, authorize: sandboxUrls.meta, appId: DEFAULT_SETTINGS.meta.appId, appSecret: DEFAULT_SETTINGS.meta.appSecret }
    : creds.meta
      ? { base: 'https://graph.facebook.com', authorize: 'https://www.facebook.com', ...creds.meta }
      : null;
  if (meta) adapters.push(createMetaAdapter({ baseUrl: meta.base, authorizeBaseUrl: meta.authorize, appId: meta.appId, appSecret: meta.appSecret, ...paced('meta') }, () => clock.now()));
  const tiktok = sandboxUrls
    ? { base: sandboxUrls.tiktok, authorize: sandboxUrls.tiktok, appId: DEFAULT_SETTINGS.tiktok.appId, secret: DEFAULT_SETTINGS.tiktok.secret }
    : creds.tiktok
      ? { base: 'https://business-api.tiktok.com', authorize: 'https://business-api.tiktok.com', ...creds.tiktok }
      : null;
  if (tiktok) adapters.push(createTikTokAdapter({ baseUrl: tiktok.base, authorizeBaseUrl: tiktok.authorize, appId: tiktok.appId, secret: tiktok.secret, ...paced('tiktok') }, () => clock.now()));
  return createPlatformRegistry(adapters);
}

export interface GatewayOptions {
  /**
   * The pacer the registry's adapters were built with (`buildPlatformRegistry(…, pacer)`): requests
   * are then paced one by one. Without it, each adapter call takes one token before it starts.
   */
  pacer?: RequestPacer;
  backoff?: BackoffPolicy;
  breaker?: { failureThreshold: number; cooldownMs: number };
  sleep?: (ms: number) => Promise<void>;
}

export function createPlatformGateway(registry: PlatformRegistry, config: Config, logger: Logger, options: GatewayOptions = {}): PlatformGateway {
  const pacer = options.pacer ?? createRequestPacer(config);
  const perRequest = options.pacer !== undefined;
  const changes: Array<{ key: string; from: BreakerState; to: BreakerState; at: Date }> = [];
  const breakers = new BreakerRegistry({
    ...(options.breaker ?? { failureThreshold: 5, cooldownMs: 30_000 }),
    onStateChange: (key, from, to) => {
      changes.push({ key, from, to, at: new Date() });
      if (changes.length > 200) changes.shift();
      logger.warn({ breaker: key, from, to }, 'platform circuit breaker changed state');
    },
  });
  const stats = { google_ads: { calls: 0, retries: 0 }, meta: { calls: 0, retries: 0 }, tiktok: { calls: 0, retries: 0 } };

  return {
    registry,
    async call(scope, operation) {
      const adapter = registry.get(scope.platform);
      const breaker = breakers.for(scope.platform, scope.accountKey);
      return withRetry(
        async () => {
          if (!perRequest) await pacer.limiter(scope.platform).acquire(scope.orgId);
          stats[scope.platform].calls++;
          return breaker.run(() => pacer.run(scope.orgId, () => operation(adapter)));
        },
        options.backoff ?? DEFAULT_BACKOFF,
        {
          ...(options.sleep ? { sleep: options.sleep } : {}),
          onRetry: (error, attempt, delayMs) => {
            stats[scope.platform].retries++;
            logger.debug({ platform: scope.platform, kind: error.kind, attempt, delayMs }, 'retrying a platform call');
          },
        },
      );
    },
    breakerState: (platform, accountKey) => breakers.for(platform, accountKey).currentState,
    limiter: (platform) => pacer.limiter(platform),
    stats: () => structuredClone(stats),
    breakerChanges: () => [...changes],
    close() {
      pacer.close();
    },
  };
}
