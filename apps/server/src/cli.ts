import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate, openDatabase, type DbHandle } from '@adloop/db';
import { ConfigError, loadConfig, type Config } from './platform/config.ts';
import { DataDirLockedError, lockDataDir, resolveSecretKey } from './platform/data-dir.ts';
import { createLogger } from './platform/logger.ts';
import { startServer, type ProcessRole } from './server.ts';
import { connectDemoSandboxes } from './modules/demo/demo-connections.ts';
import { subscribeDemoOrganisation } from './modules/billing/index.ts';
import { seedDemoIfEmpty } from './modules/demo/demo.seed.ts';
import { findDemoAccount } from './modules/demo/demo-credentials.ts';
import { listenForShutdown } from './platform/shutdown.ts';
import { startupBanner } from './startup-banner.ts';
import { rotateSecrets } from './modules/connections/secrets.repository.ts';
import { addGeneratedKeyVersion, resolveKeyring } from './platform/vault/keyring.ts';
import { backupCommand, restoreCommand } from './platform/backup/backup-cli.ts';
import { BackupError } from './platform/backup/backup-file.ts';
import { operatorsCommand } from './modules/operators/operators-cli.ts';

const USAGE = `Usage: adloop <command>

Commands:
  start     Everything in one process: API, web app, job workers (embedded database unless DATABASE_URL is set)
  api       The HTTP API and web app only (needs DATABASE_URL)
  worker    The job workers only (needs DATABASE_URL)
  migrate   Apply database migrations and exit
  keys rotate [--new-key]
            Re-wrap every stored platform token with the current key version (TOKEN_KEY_VERSION).
            In sandbox mode without TOKEN_KEYS, --new-key first adds a new generated key version.
  backup <file>
            Write an encrypted backup (AES-256-GCM, key ADLOOP_BACKUP_KEY or SECRET_KEY) of the database
  restore <file>
            Restore a backup into a fresh database (an empty DATABASE_URL database, or a new DATA_DIR)
  operators add --email <email> --role platform_admin|support|finance|on_call
            Create an operators' console account; prints a one-time password and the TOTP secret to enrol
`;

const WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));

class UsageError extends Error {}

async function openConfiguredDatabase(config: Config): Promise<{ handle: DbHandle; release: () => void; isNew: boolean }> {
  if (config.databaseUrl) {
    const handle = await openDatabase({ kind: 'postgres', url: config.databaseUrl, poolSize: config.databasePoolSize });
    return { handle, release: () => {}, isNew: false };
  }
  const release = lockDataDir(config.dataDir);
  const folder = join(config.dataDir, 'db');
  const isNew = !existsSync(folder);
  try {
    return { handle: await openDatabase({ kind: 'pglite', dataDir: folder }), release, isNew };
  } catch (error) {
    release();
    throw error;
  }
}

async function run(command: string | undefined): Promise<void> {
  if (!command || command === 'help' || command === '--help') {
    process.stdout.write(USAGE);
    return;
  }
  if (command === 'keys') {
    await rotateKeys(process.argv.slice(3));
    return;
  }
  if (command === 'backup' || command === 'restore') {
    const file = process.argv[3];
    if (!file) throw new UsageError(`Usage: adloop ${command} <file>`);
    const config = loadConfig();
    const say = (line: string) => process.stdout.write(`${line}\n`);
    if (command === 'backup') await backupCommand(config, file, openConfiguredDatabase, say);
    else await restoreCommand(config, file, say);
    return;
  }
  if (command === 'operators') {
    const config = loadConfig();
    const usage = await operatorsCommand(process.argv.slice(3), async () => {
      const { handle, release } = await openConfiguredDatabase(config);
      await migrate(handle);
      return { db: handle.db, secretKey: resolveSecretKey(config).key, close: async () => { await handle.close(); release(); } };
    }, (line) => process.stdout.write(`${line}\n`));
    if (usage) throw new UsageError(usage);
    return;
  }
  const roles: Record<string, ProcessRole> = { start: 'all', api: 'api', worker: 'worker' };
  if (command !== 'migrate' && !(command in roles)) throw new UsageError(`Unknown command "${command}".\n\n${USAGE}`);
  const config = loadConfig();
  const logger = createLogger(config);
  const role = roles[command];
  if ((role === 'api' || role === 'worker') && !config.databaseUrl) {
    throw new UsageError(`"adloop ${command}" runs beside other processes, so it needs a PostgreSQL server: set DATABASE_URL. For one process on the embedded database use "adloop start".`);
  }

  const shutdown = listenForShutdown();
  const { handle, release } = await openConfiguredDatabase(config);
  const stopOnError = async (error: unknown) => {
    await handle.close().catch(() => {});
    release();
    throw error;
  };
  await migrate(handle).catch(stopOnError);
  if (command === 'migrate' || !role || shutdown.isRequested()) {
    if (!shutdown.isRequested()) logger.info('migrations applied');
    await handle.close();
    release();
    return;
  }

  const { key, generated } = resolveSecretKey(config);
  if (generated) logger.warn({ path: join(config.dataDir, 'secret.key') }, 'generated a new secret key (sandbox mode)');
  const demo = role === 'all' && config.seedDemo ? await seedDemoIfEmpty(handle.db, key).catch(stopOnError) : null;
  const server = await startServer({ config, dbHandle: handle, secretKey: key, role, logger, webDist: WEB_DIST, ownsDatabase: true }).catch(stopOnError);
  const stop = async (signal: NodeJS.Signals) => {
    logger.info({ signal }, 'shutting down');
    await server.close().catch((error: unknown) => logger.error({ err: error }, 'error while stopping'));
    release();
    process.exit(0);
  };
  if (shutdown.isRequested()) return stop(await shutdown.requested);

  if (demo && server.app && !shutdown.isRequested()) {
    await subscribeDemoOrganisation(server.ctx, server.app, demo.orgId)
      .catch((error: unknown) => logger.warn({ err: error }, 'the demo organisation could not subscribe in the Stripe sandbox; it stays on the Free plan'));
  }
  const demoPlatforms = demo && server.sandbox && !shutdown.isRequested() ? await connectDemoSandboxes(server.ctx, server.sandbox, demo) : [];
  const demoAccount = server.url && !config.isProduction ? await findDemoAccount(handle.db, key) : { kind: 'absent' as const };
  process.stdout.write(
    startupBanner({
      publicUrl: server.url ? config.publicUrl : null,
      hasDevMailbox: server.smtpSink !== null,
      sandboxUrls: server.sandbox?.urls ?? null,
      llmSandboxUrls: server.llmSandbox?.urls ?? null,
      slackSandboxUrls: server.slackSandbox?.urls ?? null,
      aiAvailable: server.ctx.ai.client !== null,
      demoPlatforms,
      demo: demoAccount,
    }),
  );
  await stop(await shutdown.requested);
}

/** `adloop keys rotate`: resumable, prints progress; safe to run again after an interruption. */
async function rotateKeys(args: string[]): Promise<void> {
  if (args[0] !== 'rotate') throw new UsageError(`Unknown keys command "${args[0] ?? ''}". Use: adloop keys rotate [--new-key]`);
  const config = loadConfig();
  if (args.includes('--new-key')) {
    const version = addGeneratedKeyVersion(config);
    process.stdout.write(`Added token key version ${version}\n`);
  }
  const keyring = resolveKeyring(config);
  const { handle, release } = await openConfiguredDatabase(config);
  try {
    await migrate(handle);
    process.stdout.write(`Re-wrapping platform secrets to key version ${keyring.currentVersion}\n`);
    const result = await rotateSecrets(handle.db, keyring, {
      onProgress: ({ rewrapped, remaining }) => process.stdout.write(`  re-wrapped ${rewrapped}, ${remaining} left\n`),
    });
    process.stdout.write(`Done: ${result.rewrapped} re-wrapped, ${result.remaining} on an older version\n`);
  } finally {
    await handle.close();
    release();
  }
}

run(process.argv[2]).catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DataDirLockedError || error instanceof UsageError || error instanceof BackupError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Adloop could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
