import type { Db, DbHandle } from '@adloop/db';
import type { SandboxUrls, LlmSandboxUrls, SlackSandboxUrls } from '@adloop/sandbox';
import type { LlmClient } from '@adloop/ai';
import type { Clock } from './clock.ts';
import type { Keyring } from './vault/envelope.ts';
import type { Config } from './config.ts';
import type { Logger } from './logger.ts';
import type { JobQueue } from './jobs/jobs.types.ts';
import type { LiveBus } from './live/live.types.ts';
import type { PlatformGateway } from '../modules/connections/platform-gateway.ts';

/** A message Adloop sends; always with a text and an HTML part. */
export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Files sent with the message (a report's PDF and CSV), their content base64-encoded. */
  attachments?: { filename: string; contentType: string; contentBase64: string }[];
  /** Extra headers, e.g. `List-Unsubscribe` and `List-Unsubscribe-Post` (RFC 8058) on notification emails. */
  headers?: Record<string, string>;
}

export interface Mailer {
  /**
   * Queues an email for delivery (job `email.send`, retried on failure).
   * Pass `db` (a transaction) to enqueue inside the transaction that decided to send it.
   */
  send(email: OutgoingEmail, options?: { db?: Db }): Promise<void>;
  /**
   * Hands the email to the SMTP server now and throws if it refuses or is unreachable: for senders
   * that keep their own delivery record and retries (notification deliveries).
   */
  sendNow(email: OutgoingEmail): Promise<void>;
}

/** Language models as this process reaches them. */
export interface AiRuntime {
  /** null: no provider configured (production mode without a key); copy then comes from the template grammar. */
  client: LlmClient | null;
  /** The LLM sandbox's URLs when the providers are the sandbox (sandbox mode), else null. */
  sandboxUrls: LlmSandboxUrls | null;
}

/** Everything a module needs, passed in explicitly (no globals). */
export interface AppContext {
  config: Config;
  /** 32-byte hex application key (encrypts MFA secrets); resolved at start-up. */
  secretKey: string;
  /** Key-encryption keys for platform tokens (platform/vault). */
  keyring: Keyring;
  db: Db;
  dbHandle: DbHandle;
  clock: Clock;
  logger: Logger;
  jobs: JobQueue;
  mailer: Mailer;
  /** True when emails go to the local SMTP sink and can be read in the dev mailbox. */
  devMailbox: boolean;
  /** Base URLs of the local ad-platform sandboxes when they run (sandbox mode), else null. */
  sandboxUrls: SandboxUrls | null;
  /** The ad-platform adapters and the one path every platform call takes (budgets, breakers, retries). */
  platforms: PlatformGateway;
  /** Live-update fan-out to the organisation's open event streams (platform/live). */
  live: LiveBus;
  /** The LLM client (metered calls go through modules/ai/metering.ts). */
  ai: AiRuntime;
  /** The Slack sandbox's URLs when Slack is the sandbox (sandbox mode without a Slack app), else null/absent. */
  slackSandboxUrls?: SlackSandboxUrls | null;
}
