import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { AiConfigError, loadAiConfig, type AiConfig } from '@adloop/ai';
import { isLoopbackHost, isValidTrustProxy, parseTrustProxy, type TrustProxy } from './http/trust-proxy.ts';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);

/**
 * Every setting Adloop reads, parsed once at start-up from the environment.
 * Nothing else in the code base reads `process.env`; `.env.example` documents each key.
 */
const ConfigSchema = z
  .object({
    ADLOOP_MODE: z.enum(['sandbox', 'production']).default('sandbox'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default('127.0.0.1'),
    PUBLIC_URL: z.url().optional(),
    DATA_DIR: z.string().min(1).default('./data'),
    DATABASE_URL: z.preprocess(emptyAsUndefined, z.url().optional()),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    SECRET_KEY: z.preprocess(
      emptyAsUndefined,
      z.string().regex(/^[0-9a-f]{64}$/i, 'must be 64 hex characters (32 bytes)').optional(),
    ),
    ADLOOP_BACKUP_KEY: z.preprocess(
      emptyAsUndefined,
      z.string().regex(/^[0-9a-f]{64}$/i, 'must be 64 hex characters (32 bytes)').optional(),
    ),
    TOKEN_KEYS: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .regex(/^\d+:[0-9a-fA-F]{64}(,\d+:[0-9a-fA-F]{64})*$/, 'must be "<version>:<64 hex>" entries separated by commas')
        .optional(),
    ),
    TOKEN_KEY_VERSION: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).optional()),
    SMTP_URL: z.preprocess(emptyAsUndefined, z.url().optional()),
    SMTP_SINK_PORT: z.coerce.number().int().min(0).max(65535).default(0),
    MAIL_FROM: z.string().min(3).default('Adloop <no-reply@adloop.local>'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    REQUEST_LOG: z.preprocess(emptyAsUndefined, z.enum(['all', 'slow', 'off']).optional()),
    SLOW_REQUEST_MS: z.coerce.number().int().min(1).default(1000),
    SESSION_IDLE_MINUTES: z.coerce.number().int().min(5).default(60 * 24 * 7),
    SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).default(24 * 30),
    BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1024 * 1024),
    /** Proxies in front of Adloop: `false`, a hop count, or their addresses/CIDRs (comma-separated). */
    TRUST_PROXY: z.preprocess(emptyAsUndefined, z.string().refine(isValidTrustProxy, 'must be false, a number of proxy hops, or proxy addresses/CIDRs separated by commas').optional()),
    /** A MaxMind Country or City database (.mmdb) that places sign-ins in a country; default: the bundled GeoLite2 Country data. */
    GEOIP_COUNTRY_DB: z.preprocess(emptyAsUndefined, z.string().refine((path) => existsSync(path), 'must be the path of a MaxMind .mmdb file that exists').optional()),
    SEED_DEMO: z.preprocess(emptyAsUndefined, bool.optional()),
    SANDBOX_PLATFORMS: z.preprocess(emptyAsUndefined, bool.optional()),
    SANDBOX_SEED: z.coerce.number().int().min(0).default(42),
    SANDBOX_KEEP_STATE: z.preprocess(emptyAsUndefined, bool.optional()),
    /** The ad-platform sandboxes run in their own process (`npm run sandbox`) at the fixed SANDBOX_*_PORT ports: API processes use them instead of starting their own. */
    SANDBOX_EXTERNAL: z.preprocess(emptyAsUndefined, bool.optional()),
    SANDBOX_GOOGLE_PORT: z.coerce.number().int().min(0).max(65535).default(0),
    SANDBOX_META_PORT: z.coerce.number().int().min(0).max(65535).default(0),
    SANDBOX_TIKTOK_PORT: z.coerce.number().int().min(0).max(65535).default(0),
    SANDBOX_CONTROL_PORT: z.coerce.number().int().min(0).max(65535).default(0),
    /** The LLM sandbox (OpenAI and Anthropic wire formats), started beside the ad-platform sandboxes. */
    SANDBOX_LLM_PORT: z.coerce.number().int().min(0).max(65535).default(0),
    /** The Slack sandbox (Web API and install page), started in sandbox mode when no Slack app is configured. */
    SANDBOX_SLACK_PORT: z.coerce.number().int().min(0).max(65535).default(0),
    /** Adloop's own Slack app ("Add to Slack"); without it, sandbox mode uses the Slack sandbox and production offers no Slack. */
    SLACK_CLIENT_ID: z.preprocess(emptyAsUndefined, z.string().optional()),
    SLACK_CLIENT_SECRET: z.preprocess(emptyAsUndefined, z.string().optional()),
    /** Each organisation's monthly AI spending limit unless an admin sets its own (USD). */
    AI_MONTHLY_CAP_USD: z.coerce.number().min(0).max(1_000_000).default(20),
    /** Operators (comma-separated emails): may read every organisation's AI usage. */
    ADLOOP_OPERATOR_EMAILS: z.preprocess(emptyAsUndefined, z.string().optional()),
    GOOGLE_ADS_CLIENT_ID: z.preprocess(emptyAsUndefined, z.string().optional()),
    GOOGLE_ADS_CLIENT_SECRET: z.preprocess(emptyAsUndefined, z.string().optional()),
    GOOGLE_ADS_DEVELOPER_TOKEN: z.preprocess(emptyAsUndefined, z.string().optional()),
    META_APP_ID: z.preprocess(emptyAsUndefined, z.string().optional()),
    META_APP_SECRET: z.preprocess(emptyAsUndefined, z.string().optional()),
    TIKTOK_APP_ID: z.preprocess(emptyAsUndefined, z.string().optional()),
    TIKTOK_APP_SECRET: z.preprocess(emptyAsUndefined, z.string().optional()),
    GOOGLE_SIGNIN_CLIENT_ID: z.preprocess(emptyAsUndefined, z.string().optional()),
    GOOGLE_SIGNIN_CLIENT_SECRET: z.preprocess(emptyAsUndefined, z.string().optional()),
    GOOGLE_SIGNIN_ISSUER: z.preprocess(emptyAsUndefined, z.url().default('https://accounts.google.com')),
    SYNC_INTERVAL_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
    RESTATEMENT_DAYS_GOOGLE_ADS: z.coerce.number().int().min(1).max(90).default(30),
    RESTATEMENT_DAYS_META: z.coerce.number().int().min(1).max(90).default(28),
    RESTATEMENT_DAYS_TIKTOK: z.coerce.number().int().min(1).max(90).default(7),
    /** Calls per second each platform gets from this installation (shared by every organisation). */
    QUOTA_GOOGLE_ADS_RPS: z.coerce.number().min(0.1).max(1000).default(10),
    QUOTA_META_RPS: z.coerce.number().min(0.1).max(1000).default(5),
    QUOTA_TIKTOK_RPS: z.coerce.number().min(0.1).max(1000).default(10),
    /** Daily reference exchange rates, answering GET ?date=YYYY-MM-DD with {base, date, rates}. Sandbox mode uses the sandbox's. */
    FX_RATES_URL: z.preprocess(emptyAsUndefined, z.url().optional()),
    TOKEN_FAILURES_BEFORE_RECONNECT: z.coerce.number().int().min(1).max(100).default(3),
    /** Seconds between a live-update stream's heartbeats; each also re-checks the reader's access. */
    LIVE_HEARTBEAT_SECONDS: z.coerce.number().min(0.05).max(300).default(20),
    /** Whole request (headers and body) must arrive within this; a trickling client is cut. */
    HTTP_REQUEST_TIMEOUT_SECONDS: z.coerce.number().min(0.1).max(3600).default(30),
    HTTP_HEADERS_TIMEOUT_SECONDS: z.coerce.number().min(0.1).max(600).default(10),
    HTTP_KEEP_ALIVE_SECONDS: z.coerce.number().min(0.1).max(600).default(5),
    /** security.txt (RFC 9116): contacts (comma-separated mailto:/https: URIs), expiry, policy page, languages. */
    SECURITY_CONTACT: z.preprocess(emptyAsUndefined, z.string().regex(/^(mailto:|https:\/\/)[^,\s]+(\s*,\s*(mailto:|https:\/\/)[^,\s]+)*$/, 'must be mailto: or https:// URIs, comma-separated').optional()),
    SECURITY_TXT_EXPIRES: z.preprocess(emptyAsUndefined, z.coerce.date().optional()),
    SECURITY_POLICY_URL: z.preprocess(emptyAsUndefined, z.url().optional()),
    OPERATOR_COMPANY_NAME: z.string().min(1).default('[Company name]'),
    OPERATOR_ADDRESS: z.string().min(1).default('[Registered address]'),
    OPERATOR_CONTACT_EMAIL: z.string().min(1).default('[Contact email]'),
    DATA_REGION: z.string().min(1).default('[Data region]'),
    PREFERRED_LANGUAGES: z.string().regex(/^[a-zA-Z-]+(\s*,\s*[a-zA-Z-]+)*$/, 'must be language tags, comma-separated').default('en'),
    /** Bearer token for GET /metrics; without it /metrics is open in sandbox mode and closed in production. */
    METRICS_TOKEN: z.preprocess(emptyAsUndefined, z.string().min(16, 'must be at least 16 characters').optional()),
    /** A worker process (no HTTP API) serves GET /metrics on this port; unset: no listener. */
    METRICS_PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(65535).optional()),
    /** Error tracking: errors logged by any process are also sent to this Sentry-compatible DSN; unset: off. */
    SENTRY_DSN: z.preprocess(emptyAsUndefined, z.url().optional()),
    SENTRY_ENVIRONMENT: z.preprocess(emptyAsUndefined, z.string().max(64).optional()),
    /** Plan limits (accounts, campaigns, users, rules, exports, API access, AI generations): `enforce` (default) or `off`. */
    PLAN_LIMITS: z.enum(['enforce', 'off']).default('enforce'),
    /** Stripe: a secret key switches billing from the local Stripe sandbox to Stripe (with the webhook endpoint's signing secret). */
    STRIPE_SECRET_KEY: z.preprocess(emptyAsUndefined, z.string().regex(/^(sk|rk)_(test|live)_\w+$/, 'a Stripe secret or restricted key (sk_… / rk_…)').optional()),
    STRIPE_WEBHOOK_SECRET: z.preprocess(emptyAsUndefined, z.string().startsWith('whsec_').optional()),
    STRIPE_API_URL: z.preprocess(emptyAsUndefined, z.url().default('https://api.stripe.com')),
    /** Sandbox mode on a non-loopback HOST exposes demo sign-ins to the network: must be acknowledged. */
    SANDBOX_ALLOW_REMOTE: z.preprocess(emptyAsUndefined, bool.optional()),
    /** Outbound webhooks: first retry delay (doubled per attempt), attempts per event, failed attempts in a row before an endpoint is turned off, per-request timeout. */
    WEBHOOK_RETRY_BASE_SECONDS: z.coerce.number().min(0.01).max(3600).default(30),
    WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(10),
    WEBHOOK_DISABLE_AFTER_FAILURES: z.coerce.number().int().min(1).max(1000).default(20),
    WEBHOOK_TIMEOUT_SECONDS: z.coerce.number().min(0.1).max(60).default(10),
    /** Webhook endpoints on private, loopback or link-local addresses (the local receiver): sandbox mode only. */
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: z.preprocess(emptyAsUndefined, bool.optional()),
  })
  .superRefine((env, ctx) => {
    if (env.ADLOOP_MODE !== 'production' && !isLoopbackHost(env.HOST) && !env.SANDBOX_ALLOW_REMOTE) {
      ctx.addIssue({ code: 'custom', path: ['HOST'], message: 'sandbox mode listens on loopback only (demo sign-ins and generated keys); set SANDBOX_ALLOW_REMOTE=true to accept the risk' });
    }
    if (env.STRIPE_SECRET_KEY && !env.STRIPE_WEBHOOK_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['STRIPE_WEBHOOK_SECRET'], message: "is required with STRIPE_SECRET_KEY (the webhook endpoint's signing secret, whsec_…)" });
    }
    if (env.ADLOOP_MODE !== 'production') return;
    if (!env.SECRET_KEY) ctx.addIssue({ code: 'custom', path: ['SECRET_KEY'], message: 'is required in production mode (no generated keys)' });
    if (!env.TOKEN_KEYS) ctx.addIssue({ code: 'custom', path: ['TOKEN_KEYS'], message: 'is required in production mode (no generated keys)' });
    if (!env.SMTP_URL) ctx.addIssue({ code: 'custom', path: ['SMTP_URL'], message: 'is required in production mode (no local mail sink)' });
    if (!env.PUBLIC_URL) ctx.addIssue({ code: 'custom', path: ['PUBLIC_URL'], message: 'is required in production mode' });
    if (env.SANDBOX_PLATFORMS) ctx.addIssue({ code: 'custom', path: ['SANDBOX_PLATFORMS'], message: 'the ad-platform sandboxes never run in production mode' });
    if (env.SEED_DEMO) ctx.addIssue({ code: 'custom', path: ['SEED_DEMO'], message: 'demo data is never created in production mode' });
    if (env.WEBHOOK_ALLOW_PRIVATE_NETWORKS) ctx.addIssue({ code: 'custom', path: ['WEBHOOK_ALLOW_PRIVATE_NETWORKS'], message: 'webhooks never reach private networks in production mode' });
  });

export interface Config {
  mode: 'sandbox' | 'production';
  isProduction: boolean;
  port: number;
  host: string;
  /** Base URL used in emails and redirects; derived from the port when not set. */
  publicUrl: string;
  isHttps: boolean;
  dataDir: string;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  /** 32-byte hex key; in sandbox mode generated into the data folder when absent. */
  secretKey: string | undefined;
  /** What the operator publishes about security contacts (security.txt). */
  legal: { securityContacts: string[]; securityTxtExpires: Date | undefined; securityPolicyUrl: string | undefined; preferredLanguages: string[] };
  /** Who runs this installation, shown on the legal pages; placeholders in brackets until the operator sets them. */
  operator: { companyName: string; address: string; contactEmail: string; dataRegion: string };
  /** 32-byte hex key for `adloop backup` / `adloop restore`; SECRET_KEY when absent. */
  backupKey: string | undefined;
  /** Key-encryption keys for platform tokens by version (hex), and the version new secrets use. */
  tokenKeys: { keys: Map<number, string>; currentVersion: number | undefined } | undefined;
  smtpUrl: string | undefined;
  /** Credentials of Adloop's own app at each platform (production); absent ones are not offered. */
  platformCredentials: {
    googleAds: { clientId: string; clientSecret: string; developerToken: string } | undefined;
    meta: { appId: string; appSecret: string } | undefined;
    tiktok: { appId: string; secret: string } | undefined;
  };
  /** Sign in with Google (OpenID Connect) with Adloop's own Google client; absent: the sandbox's in sandbox mode, else not offered. */
  googleSignIn: { issuer: string; clientId: string; clientSecret: string } | undefined;
  /** Where daily exchange rates come from; null = the sandbox's (sandbox mode) or none. */
  fxRatesUrl: string | null;
  sync: {
    intervalMinutes: number;
    /** Days of daily metrics re-pulled on every sync, catching restated conversions. */
    restatementDays: { google_ads: number; meta: number; tiktok: number };
    quotaRps: { google_ads: number; meta: number; tiktok: number };
    tokenFailuresBeforeReconnect: number;
  };
  smtpSinkPort: number;
  mailFrom: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /**
   * One log line per HTTP request: `all` (info; slow ones and 5xx at warn), `slow` (only requests
   * slower than `slowMs` and 5xx answers), `off`. Default `slow` in sandbox mode, `all` in production.
   */
  requestLog: { mode: 'all' | 'slow' | 'off'; slowMs: number };
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  liveHeartbeatMs: number;
  bodyLimitBytes: number;
  /** Which X-Forwarded-For entries to believe: the right-most address not among these is the client. */
  trustProxy: TrustProxy;
  /** The .mmdb file sign-ins are placed in a country with; null: the bundled GeoLite2 Country data. */
  geoipCountryDb: string | null;
  /** Node HTTP server timeouts, milliseconds. */
  httpTimeouts: { requestMs: number; headersMs: number; keepAliveMs: number };
  metricsToken: string | undefined;
  /** Whether the plan's limits refuse actions past them (off: usage is still shown, nothing is refused). */
  planLimitsEnforced: boolean;
  /** Port of a worker process's own /metrics listener (API processes serve /metrics on the API port). */
  metricsPort: number | undefined;
  /** Stripe itself (STRIPE_SECRET_KEY); null: the local Stripe sandbox in sandbox mode, billing unavailable in production. */
  stripe: { secretKey: string; webhookSecret: string; apiUrl: string } | null;
  /** Sentry-compatible error tracking: off without a DSN. */
  errorTracking: { dsn: string | undefined; environment: string };
  seedDemo: boolean;
  /**
   * Language models: the providers (the LLM sandbox unless OPENAI_API_KEY / ANTHROPIC_API_KEY is set),
   * whether AI is offered at all (not in production mode without a provider key: copy then comes from
   * the template grammar), the default monthly cap per organisation, and the operators' emails.
   */
  ai: {
    providers: AiConfig;
    available: boolean;
    defaultMonthlyCapMicros: number;
    operatorEmails: string[];
    sandboxPort: number;
  };
  /** Outbound webhooks: retries (`retryBaseMs` doubled per attempt), auto-disable, timeout, and whether private addresses are allowed (sandbox mode only). */
  webhooks: { retryBaseMs: number; maxAttempts: number; disableAfterFailures: number; timeoutMs: number; allowPrivateNetworks: boolean };
  /**
   * Slack: Adloop's Slack app (`credentials`) posts to real Slack; without one, sandbox mode uses the
   * local Slack sandbox (`sandboxPort`, 0 = random) and production mode offers no Slack.
   */
  slack: { credentials: { clientId: string; clientSecret: string } | undefined; sandboxPort: number };
  /** Local Google Ads, Meta and TikTok sandboxes (sandbox mode): started by the process serving the API. */
  sandboxPlatforms: {
    enabled: boolean;
    /** Run elsewhere (several API processes share one set): reached at `ports`, never started here. */
    external: boolean;
    seed: number;
    ports: { googleAds: number; meta: number; tiktok: number; control: number };
    /** Where the sandboxes keep their platforms across restarts (DATA_DIR/sandbox-state.json); null: a fresh world each start. */
    stateFile: string | null;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function parseTokenKeys(value: string, version: number | undefined) {
  const keys = new Map(value.split(',').map((entry) => {
    const [v = '', hex = ''] = entry.split(':');
    return [Number(v), hex.toLowerCase()] as const;
  }));
  if (version !== undefined && !keys.has(version)) {
    throw new ConfigError([`TOKEN_KEY_VERSION: ${version} is not one of the versions in TOKEN_KEYS`]);
  }
  return { keys, currentVersion: version };
}

/** Builds the config from an environment map; throws ConfigError listing every bad key. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`));
  }
  const e = parsed.data;
  let aiProviders: AiConfig;
  try {
    aiProviders = loadAiConfig(env);
  } catch (error) {
    if (error instanceof AiConfigError) throw new ConfigError(error.message.split('\n').slice(1).map((line) => line.replace(/^\s*-\s*/, '')));
    throw error;
  }
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  return {
    mode: e.ADLOOP_MODE,
    isProduction: e.ADLOOP_MODE === 'production',
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    isHttps: publicUrl.startsWith('https://'),
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    secretKey: e.SECRET_KEY?.toLowerCase(),
    backupKey: e.ADLOOP_BACKUP_KEY?.toLowerCase(),
    tokenKeys: e.TOKEN_KEYS ? parseTokenKeys(e.TOKEN_KEYS, e.TOKEN_KEY_VERSION) : undefined,
    smtpUrl: e.SMTP_URL,
    platformCredentials: {
      googleAds:
        e.GOOGLE_ADS_CLIENT_ID && e.GOOGLE_ADS_CLIENT_SECRET && e.GOOGLE_ADS_DEVELOPER_TOKEN
          ? { clientId: e.GOOGLE_ADS_CLIENT_ID, clientSecret: e.GOOGLE_ADS_CLIENT_SECRET, developerToken: e.GOOGLE_ADS_DEVELOPER_TOKEN }
          : undefined,
      meta: e.META_APP_ID && e.META_APP_SECRET ? { appId: e.META_APP_ID, appSecret: e.META_APP_SECRET } : undefined,
      tiktok: e.TIKTOK_APP_ID && e.TIKTOK_APP_SECRET ? { appId: e.TIKTOK_APP_ID, secret: e.TIKTOK_APP_SECRET } : undefined,
    },
    googleSignIn: e.GOOGLE_SIGNIN_CLIENT_ID && e.GOOGLE_SIGNIN_CLIENT_SECRET
      ? { issuer: e.GOOGLE_SIGNIN_ISSUER.replace(/\/$/, ''), clientId: e.GOOGLE_SIGNIN_CLIENT_ID, clientSecret: e.GOOGLE_SIGNIN_CLIENT_SECRET }
      : undefined,
    fxRatesUrl: e.FX_RATES_URL ?? null,
    sync: {
      intervalMinutes: e.SYNC_INTERVAL_MINUTES,
      restatementDays: { google_ads: e.RESTATEMENT_DAYS_GOOGLE_ADS, meta: e.RESTATEMENT_DAYS_META, tiktok: e.RESTATEMENT_DAYS_TIKTOK },
      quotaRps: { google_ads: e.QUOTA_GOOGLE_ADS_RPS, meta: e.QUOTA_META_RPS, tiktok: e.QUOTA_TIKTOK_RPS },
      tokenFailuresBeforeReconnect: e.TOKEN_FAILURES_BEFORE_RECONNECT,
    },
    smtpSinkPort: e.SMTP_SINK_PORT,
    mailFrom: e.MAIL_FROM,
    logLevel: e.LOG_LEVEL,
    requestLog: { mode: e.REQUEST_LOG ?? (e.ADLOOP_MODE === 'production' ? 'all' : 'slow'), slowMs: e.SLOW_REQUEST_MS },
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    sessionAbsoluteHours: e.SESSION_ABSOLUTE_HOURS,
    liveHeartbeatMs: Math.round(e.LIVE_HEARTBEAT_SECONDS * 1000),
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    geoipCountryDb: e.GEOIP_COUNTRY_DB ?? null,
    httpTimeouts: {
      requestMs: Math.round(e.HTTP_REQUEST_TIMEOUT_SECONDS * 1000),
      headersMs: Math.round(Math.min(e.HTTP_HEADERS_TIMEOUT_SECONDS, e.HTTP_REQUEST_TIMEOUT_SECONDS) * 1000),
      keepAliveMs: Math.round(e.HTTP_KEEP_ALIVE_SECONDS * 1000),
    },
    metricsToken: e.METRICS_TOKEN,
    planLimitsEnforced: e.PLAN_LIMITS === 'enforce',
    stripe: e.STRIPE_SECRET_KEY ? { secretKey: e.STRIPE_SECRET_KEY, webhookSecret: e.STRIPE_WEBHOOK_SECRET ?? '', apiUrl: e.STRIPE_API_URL } : null,
    metricsPort: e.METRICS_PORT,
    errorTracking: { dsn: e.SENTRY_DSN, environment: e.SENTRY_ENVIRONMENT ?? e.ADLOOP_MODE },
    legal: {
      securityContacts: e.SECURITY_CONTACT ? e.SECURITY_CONTACT.split(',').map((c) => c.trim()) : [`mailto:security@${new URL(publicUrl).hostname}`],
      securityTxtExpires: e.SECURITY_TXT_EXPIRES,
      securityPolicyUrl: e.SECURITY_POLICY_URL,
      preferredLanguages: e.PREFERRED_LANGUAGES.split(',').map((l) => l.trim()),
    },
    operator: { companyName: e.OPERATOR_COMPANY_NAME, address: e.OPERATOR_ADDRESS, contactEmail: e.OPERATOR_CONTACT_EMAIL, dataRegion: e.DATA_REGION },
    seedDemo: e.SEED_DEMO ?? e.ADLOOP_MODE === 'sandbox',
    ai: {
      providers: aiProviders,
      available: aiProviders.mode === 'live' || e.ADLOOP_MODE === 'sandbox',
      defaultMonthlyCapMicros: Math.round(e.AI_MONTHLY_CAP_USD * 1_000_000),
      operatorEmails: (e.ADLOOP_OPERATOR_EMAILS ?? '').split(',').map((v) => v.trim().toLowerCase()).filter(Boolean),
      sandboxPort: e.SANDBOX_LLM_PORT,
    },
    webhooks: {
      retryBaseMs: Math.round(e.WEBHOOK_RETRY_BASE_SECONDS * 1000),
      maxAttempts: e.WEBHOOK_MAX_ATTEMPTS,
      disableAfterFailures: e.WEBHOOK_DISABLE_AFTER_FAILURES,
      timeoutMs: Math.round(e.WEBHOOK_TIMEOUT_SECONDS * 1000),
      allowPrivateNetworks: e.WEBHOOK_ALLOW_PRIVATE_NETWORKS ?? e.ADLOOP_MODE === 'sandbox',
    },
    slack: {
      credentials: e.SLACK_CLIENT_ID && e.SLACK_CLIENT_SECRET ? { clientId: e.SLACK_CLIENT_ID, clientSecret: e.SLACK_CLIENT_SECRET } : undefined,
      sandboxPort: e.SANDBOX_SLACK_PORT,
    },
    sandboxPlatforms: {
      enabled: e.SANDBOX_PLATFORMS ?? e.ADLOOP_MODE === 'sandbox',
      external: e.SANDBOX_EXTERNAL ?? false,
      seed: e.SANDBOX_SEED,
      ports: { googleAds: e.SANDBOX_GOOGLE_PORT, meta: e.SANDBOX_META_PORT, tiktok: e.SANDBOX_TIKTOK_PORT, control: e.SANDBOX_CONTROL_PORT },
      stateFile: (e.SANDBOX_KEEP_STATE ?? true) ? join(e.DATA_DIR, 'sandbox-state.json') : null,
    },
  };
}

/** A config for tests: sandbox mode, quiet logs, a fixed secret key. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...loadConfig({ LOG_LEVEL: 'silent', SECRET_KEY: 'ab'.repeat(32), TOKEN_KEYS: `1:${'cd'.repeat(32)}`, SEED_DEMO: 'false', SANDBOX_KEEP_STATE: 'false', PORT: '0' }),
    publicUrl: 'http://localhost:3000',
    // Test organisations are unbilled (Free): suites that test the limits turn them on.
    planLimitsEnforced: false,
    ...overrides,
  };
}
