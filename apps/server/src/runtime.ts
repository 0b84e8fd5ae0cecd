import type { DbHandle } from '@adloop/db';
import type { LlmSandboxUrls, SandboxUrls, SlackSandboxUrls } from '@adloop/sandbox';
import { createLlmClient, createLlmProviders } from '@adloop/ai';
import type { AppContext } from './platform/context.ts';
import type { Config } from './platform/config.ts';
import type { Keyring } from './platform/vault/envelope.ts';
import { systemClock, type Clock } from './platform/clock.ts';
import { createLogger, type Logger } from './platform/logger.ts';
import { createJobQueue } from './platform/jobs/job-queue.ts';
import { createLiveBus } from './platform/live/live-bus.ts';
import { createMailer } from './modules/mail/mailer.ts';
import { buildPlatformRegistry, createPlatformGateway, createRequestPacer, type GatewayOptions } from './modules/connections/platform-gateway.ts';
import { registerModuleJobs } from './modules/index.ts';

export interface ContextOptions {
  config: Config;
  dbHandle: DbHandle;
  secretKey: string;
  keyring: Keyring;
  /** Where email is delivered; read at send time (the local sink's port is known late). */
  smtpUrl: () => string;
  devMailbox: boolean;
  sandboxUrls?: SandboxUrls | null;
  /** The LLM sandbox's URLs (sandbox mode without provider keys). */
  llmSandboxUrls?: LlmSandboxUrls | null;
  /** The Slack sandbox's URLs (sandbox mode without a Slack app). */
  slackSandboxUrls?: SlackSandboxUrls | null;
  clock?: Clock;
  logger?: Logger;
  gateway?: GatewayOptions;
}

/** Wires the shared services every process needs (API, worker or both). */
export async function createContext(options: ContextOptions): Promise<AppContext> {
  const logger = options.logger ?? createLogger(options.config);
  const jobs = await createJobQueue({ dbHandle: options.dbHandle, logger });
  const clock = options.clock ?? systemClock;
  const sandboxUrls = options.sandboxUrls ?? null;
  const pacer = createRequestPacer(options.config);
  const platforms = createPlatformGateway(buildPlatformRegistry(options.config, sandboxUrls, clock, pacer), options.config, logger, { ...options.gateway, pacer });
  const llmSandboxUrls = options.llmSandboxUrls ?? null;
  const aiConfig = options.config.ai;
  // Sandbox providers need the LLM sandbox's URLs; without them (a process that does not run it) AI is off.
  const aiClient = aiConfig.available && (aiConfig.providers.mode === 'live' || llmSandboxUrls)
    ? createLlmClient(createLlmProviders(aiConfig.providers, llmSandboxUrls ?? undefined), {
        onEvent: (event) => logger.info({ llm: event }, 'llm client'),
      })
    : null;
  const ctx: AppContext = {
    config: options.config,
    secretKey: options.secretKey,
    keyring: options.keyring,
    db: options.dbHandle.db,
    dbHandle: options.dbHandle,
    clock,
    logger,
    jobs,
    mailer: createMailer({ jobs, smtpUrl: options.smtpUrl, from: options.config.mailFrom, secretKey: options.secretKey }),
    devMailbox: options.devMailbox,
    sandboxUrls,
    platforms,
    live: createLiveBus(options.dbHandle, logger),
    ai: { client: aiClient, sandboxUrls: aiConfig.providers.mode === 'sandbox' ? llmSandboxUrls : null },
    slackSandboxUrls: options.slackSandboxUrls ?? null,
  };
  registerModuleJobs(ctx);
  return ctx;
}
