import { startLlmSandbox, startSandbox, startSlackSandbox, startSmtpSink, type LlmSandboxUrls, type RunningLlmSandbox, type RunningSandbox, type RunningSlackSandbox, type SandboxUrls, type SlackSandboxUrls, type SmtpSink } from '@adloop/sandbox';
import type { DbHandle } from '@adloop/db';
import type { Config } from './platform/config.ts';
import type { AppContext } from './platform/context.ts';
import type { Clock } from './platform/clock.ts';
import type { Logger } from './platform/logger.ts';
import { resolveKeyring } from './platform/vault/keyring.ts';
import type { Keyring } from './platform/vault/envelope.ts';
import { buildApp, type App } from './platform/http/app.ts';
import { createContext } from './runtime.ts';
import { startMetricsListener, type MetricsListener } from './platform/observability/metrics-listener.ts';
import { createDevMailboxRepository } from './modules/mail/dev-mailbox.repository.ts';
import { scheduleModuleJobs } from './modules/index.ts';
import type { GatewayOptions } from './modules/connections/platform-gateway.ts';

export type ProcessRole = 'all' | 'api' | 'worker';

export interface StartOptions {
  config: Config;
  dbHandle: DbHandle;
  secretKey: string;
  /** Defaults to the configured keys (or, in sandbox mode, the data folder's generated key file). */
  keyring?: Keyring;
  role: ProcessRole;
  clock?: Clock;
  logger?: Logger;
  /** Folder of the built web app to serve, if any. */
  webDist?: string | null;
  /** Close the database when the server stops. */
  ownsDatabase?: boolean;
  /** Retry and circuit-breaker timings of platform calls (tests shorten them). */
  gateway?: GatewayOptions;
}

export interface RunningServer {
  ctx: AppContext;
  app: App | null;
  /** Base URL the API listens on ('' for a worker). */
  url: string;
  smtpSink: SmtpSink | null;
  /** The local ad-platform sandboxes, when this process runs them. */
  sandbox: RunningSandbox | null;
  /** The LLM sandbox, when this process runs it (sandbox mode without provider keys). */
  llmSandbox: RunningLlmSandbox | null;
  /** The Slack sandbox, when this process runs it (sandbox mode without a Slack app). */
  slackSandbox: RunningSlackSandbox | null;
  close(): Promise<void>;
}

/** A worker reaches sandboxes started by the API process when their ports are fixed in configuration. */
function configuredSandboxUrls(config: Config): SandboxUrls | null {
  const { enabled, ports } = config.sandboxPlatforms;
  if (!enabled || !ports.googleAds || !ports.meta || !ports.tiktok || !ports.control) return null;
  const at = (port: number) => `http://127.0.0.1:${port}`;
  return { googleAds: at(ports.googleAds), meta: at(ports.meta), tiktok: at(ports.tiktok), control: at(ports.control) };
}

/** A worker reaches the LLM sandbox started by the API process when its port is fixed in configuration. */
function configuredLlmSandboxUrls(config: Config): LlmSandboxUrls | null {
  if (!usesLlmSandbox(config) || !config.ai.sandboxPort) return null;
  const base = `http://127.0.0.1:${config.ai.sandboxPort}`;
  return { openai: `${base}/v1`, anthropic: base, control: `${base}/sandbox` };
}

/** Sandbox mode without provider keys: the language models are the local LLM sandbox. */
const usesLlmSandbox = (config: Config) => !config.isProduction && config.ai.providers.mode === 'sandbox';

/** Sandbox mode without Adloop's own Slack app: "Slack" is the local Slack sandbox. */
const usesSlackSandbox = (config: Config) => !config.isProduction && !config.slack.credentials;

/** A worker reaches the Slack sandbox started by the API process when its port is fixed in configuration. */
function configuredSlackSandboxUrls(config: Config): SlackSandboxUrls | null {
  if (!usesSlackSandbox(config) || !config.slack.sandboxPort) return null;
  const base = `http://127.0.0.1:${config.slack.sandboxPort}`;
  return { api: `${base}/api/`, authorize: `${base}/oauth/v2/authorize`, page: `${base}/`, control: `${base}/sandbox` };
}

/**
 * Starts one Adloop process: the HTTP API, the job workers, or both. With no SMTP server
 * configured, a process that serves the API also starts the local SMTP sink (dev mailbox).
 */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  const { config, dbHandle, role } = options;
  const servesApi = role !== 'worker';
  const runsWorkers = role !== 'api';
  const useSink = !config.smtpUrl;

  let smtpSink: SmtpSink | null = null;
  if (useSink && servesApi) {
    const mailbox = createDevMailboxRepository(dbHandle.db);
    smtpSink = await startSmtpSink({
      port: config.smtpSinkPort,
      onMessage: (message) => mailbox.insert(message),
      onError: (error) => options.logger?.error({ err: error }, 'mail sink error'),
    });
  }
  const sandbox =
    servesApi && config.sandboxPlatforms.enabled && !config.sandboxPlatforms.external
      ? await startSandbox({ seed: config.sandboxPlatforms.seed, ports: config.sandboxPlatforms.ports, ...(config.sandboxPlatforms.stateFile ? { stateFile: config.sandboxPlatforms.stateFile } : {}) })
      : null;
  if (sandbox?.state === 'restored') options.logger?.info({ file: config.sandboxPlatforms.stateFile }, 'ad-platform sandboxes took back their platforms from the last run');
  if (sandbox?.state === 'unreadable') options.logger?.warn({ file: config.sandboxPlatforms.stateFile }, 'the sandboxes’ state file could not be read; moved aside, starting a fresh world');
  const llmSandbox = servesApi && usesLlmSandbox(config)
    ? await startLlmSandbox({ seed: config.sandboxPlatforms.seed, port: config.ai.sandboxPort }).catch(async (error: unknown) => {
        await sandbox?.close();
        throw error;
      })
    : null;
  const slackSandbox = servesApi && usesSlackSandbox(config)
    ? await startSlackSandbox({ port: config.slack.sandboxPort }).catch(async (error: unknown) => {
        await sandbox?.close();
        await llmSandbox?.close();
        throw error;
      })
    : null;
  const smtpUrl = () => config.smtpUrl ?? smtpSink?.url ?? `smtp://127.0.0.1:${config.smtpSinkPort}`;
  const ctx = await createContext({
    config,
    dbHandle,
    secretKey: options.secretKey,
    keyring: options.keyring ?? resolveKeyring(config),
    smtpUrl,
    devMailbox: useSink,
    sandboxUrls: sandbox?.urls ?? configuredSandboxUrls(config),
    llmSandboxUrls: llmSandbox?.urls ?? configuredLlmSandboxUrls(config),
    slackSandboxUrls: slackSandbox?.urls ?? configuredSlackSandboxUrls(config),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.gateway ? { gateway: options.gateway } : {}),
  });

  let app: App | null = null;
  let metricsListener: MetricsListener | null = null;
  let url = '';
  try {
    await ctx.jobs.prepare();
    if (servesApi) {
      app = await buildApp(ctx, { webDist: options.webDist ?? null, role });
      // The one address people should open (PUBLIC_URL), never the bind address: see canonical-origin.ts.
      await app.listen({ port: config.port, host: config.host, listenTextResolver: () => `Adloop is running at ${config.publicUrl}` });
      const address = app.server.address();
      const port = typeof address === 'object' && address ? address.port : config.port;
      url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
    }
    if (runsWorkers) {
      await ctx.jobs.startWorkers();
      await scheduleModuleJobs(ctx);
    }
    if (!servesApi && config.metricsPort) metricsListener = await startMetricsListener(ctx, config.metricsPort, config.host);
  } catch (error) {
    await app?.close();
    await metricsListener?.close();
    await ctx.jobs.stop();
    await ctx.live.close();
    await smtpSink?.close();
    await sandbox?.close();
    await llmSandbox?.close();
    await slackSandbox?.close();
    throw error;
  }

  return {
    ctx,
    app,
    url,
    smtpSink,
    sandbox,
    llmSandbox,
    slackSandbox,
    async close() {
      await app?.close();
      await metricsListener?.close();
      await ctx.jobs.stop();
      await ctx.live.close();
      ctx.platforms.close();
      await smtpSink?.close();
      await sandbox?.close();
      await llmSandbox?.close();
      await slackSandbox?.close();
      if (options.ownsDatabase) await dbHandle.close();
    },
  };
}
