import type { Db, DbHandle } from '@adloop/db';
import type { SandboxUrls } from '@adloop/sandbox';
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
}

export interface Mailer {
  /**
   * Queues an email for delivery (job `email.send`, retried on failure).
   * Pass `db` (a transaction) to enqueue inside the transaction that decided to send it.
   */
  send(email: OutgoingEmail, options?: { db?: Db }): Promise<void>;
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
}
