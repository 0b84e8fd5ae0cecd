import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DbHandle } from '@adloop/db';
import type { Config } from '../config.ts';
import { lockDataDir } from '../data-dir.ts';
import { createBackup, restoreBackup } from './backup.ts';
import { BackupError } from './backup-file.ts';

/**
 * The backup key: ADLOOP_BACKUP_KEY (64 hex characters) when set, otherwise the application
 * SECRET_KEY (or, in sandbox mode, the generated key in the data folder).
 */
export function resolveBackupKey(config: Config): string {
  if (config.backupKey) return config.backupKey;
  if (config.secretKey) return config.secretKey;
  const keyFile = join(config.dataDir, 'secret.key');
  if (!config.isProduction && existsSync(keyFile)) return readFileSync(keyFile, 'utf8').trim().toLowerCase();
  throw new BackupError('No backup key: set ADLOOP_BACKUP_KEY (64 hexadecimal characters) or SECRET_KEY.');
}

type OpenDatabase = (config: Config) => Promise<{ handle: DbHandle; release: () => void }>;

/** `adloop backup <file>`. */
export async function backupCommand(config: Config, file: string, open: OpenDatabase, say: (line: string) => void): Promise<void> {
  const key = resolveBackupKey(config);
  const { handle, release } = await open(config);
  try {
    const kind = await createBackup(handle, file, key);
    say(`Backup of the ${kind === 'postgres' ? 'PostgreSQL' : 'embedded'} database written to ${file} (encrypted).`);
  } finally {
    await handle.close();
    release();
  }
}

/** `adloop restore <file>`: into the empty DATABASE_URL database, or a DATA_DIR without a database yet. */
export async function restoreCommand(config: Config, file: string, say: (line: string) => void): Promise<void> {
  const key = resolveBackupKey(config);
  if (config.databaseUrl) {
    const header = await restoreBackup(file, key, { kind: 'postgres', url: config.databaseUrl });
    say(`Restored the backup of ${header.createdAt} into the PostgreSQL database. Start Adloop to apply any newer migrations.`);
    return;
  }
  const release = lockDataDir(config.dataDir);
  try {
    const header = await restoreBackup(file, key, { kind: 'pglite', dataDir: join(config.dataDir, 'db') });
    say(`Restored the backup of ${header.createdAt} into ${join(config.dataDir, 'db')}. Start Adloop to apply any newer migrations.`);
  } finally {
    release();
  }
}
