/** What every platform's sandbox can be set to. */
interface PlatformCommon {
  /** Added to every answer of this platform's API, as the round trip to the real one (100 ms–1 s); 0 = answer at once. */
  latencyMs: number;
}

/** Settings of the three sandboxes; every field has a realistic default. */
export interface SandboxSettings {
  google: PlatformCommon & {
    clientId: string;
    clientSecret: string;
    /** Access-token lifetime; the real value is 3599 s. */
    accessTokenTtlSeconds: number;
    /** Pre-2026-09-09 behaviour: the developer-token header is required. */
    requireDeveloperToken: boolean;
    /** Operations per 24 h (Explorer 2,880 / Basic 15,000). */
    dailyOperationLimit: number;
    /** Tests: sign id_tokens for this audience instead of the requesting client, as a token minted for another app. */
    idTokenAudience: string | null;
  };
  meta: PlatformCommon & {
    appId: string;
    appSecret: string;
    shortTokenTtlSeconds: number;
    longTokenTtlSeconds: number;
    requireAppSecretProof: boolean;
    acceptLegacyObjectives: boolean;
    /** Business-use-case call budgets per ad account per rolling hour (100 % usage at these counts). */
    managementCallsPerHour: number;
    insightsCallsPerHour: number;
    /** Polls until an async report run completes. */
    asyncPollsToComplete: number;
    expiredVersions: number[];
    /** Insights answers with more rows than this fail as "reduce the amount of data" (sync) or a failed job (async); 0 = no limit. */
    maxInsightsRows: number;
  };
  tiktok: PlatformCommon & {
    appId: string;
    secret: string;
    /** App-level limiter per endpoint (Basic tier 10 / 600 / 864,000; TikTok's own sandbox uses 1 / 30 / 1,000) → 40100. */
    qps: number;
    qpm: number;
    qpd: number;
    /** Stricter per-endpoint limits (path relative to /open_api/v1.3/); the lower of tier and override applies. */
    endpointLimits: Record<string, { qps: number; qpm: number; qpd: number }>;
    /** Requests per second per advertiser → 40133; 0 = off (TikTok does not publish the figure). */
    advertiserQps: number;
    /** auth_code lifetime (reference: 1 h, single use). */
    authCodeTtlSeconds: number;
    /** Report rows per page in CHUNK mode (no paging). */
    chunkRowLimit: number;
  };
}

export type SandboxSettingsInput = { [K in keyof SandboxSettings]?: Partial<SandboxSettings[K]> };

export const DEFAULT_SETTINGS: SandboxSettings = {
  google: {
    clientId: 'adloop-sandbox.apps.googleusercontent.com', clientSecret: 'sandbox-google-secret',
    accessTokenTtlSeconds: 3599, requireDeveloperToken: false, dailyOperationLimit: 15_000, idTokenAudience: null, latencyMs: 0,
  },
  meta: {
    appId: '1234567890123456', appSecret: 'sandbox-meta-secret', shortTokenTtlSeconds: 7_200, longTokenTtlSeconds: 5_184_000,
    requireAppSecretProof: false, acceptLegacyObjectives: false, managementCallsPerHour: 300, insightsCallsPerHour: 600,
    asyncPollsToComplete: 3, expiredVersions: [], maxInsightsRows: 0, latencyMs: 0,
  },
  tiktok: {
    appId: '7000000000000000001', secret: 'sandbox-tiktok-secret', qps: 10, qpm: 600, qpd: 864_000,
    endpointLimits: { 'ad/create/': { qps: 5, qpm: 150, qpd: 86_400 }, 'report/task/create/': { qps: 2, qpm: 60, qpd: 4_500 } },
    advertiserQps: 0, authCodeTtlSeconds: 3_600, chunkRowLimit: 20_000, latencyMs: 0,
  },
};

export function resolveSettings(input: SandboxSettingsInput = {}): SandboxSettings {
  return {
    google: { ...DEFAULT_SETTINGS.google, ...input.google },
    meta: { ...DEFAULT_SETTINGS.meta, ...input.meta },
    tiktok: { ...DEFAULT_SETTINGS.tiktok, ...input.tiktok },
  };
}
