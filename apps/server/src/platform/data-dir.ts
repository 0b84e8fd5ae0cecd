import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Config } from './config.ts';

export class DataDirLockedError extends Error {
  constructor(readonly lockPath: string, readonly pid: number) {
    super(
      `Another Adloop process (pid ${pid}) is already using the data folder ${resolve(lockPath, '..')}.\n` +
        'The embedded database allows one process per folder. Stop the other process, or set DATA_DIR to another folder.',
    );
    this.name = 'DataDirLockedError';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the exclusive lock on the data folder (a lock file holding our pid). A lock left by a
 * process that no longer runs is taken over. Returns the release function.
 */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lockPath = join(dataDir, 'adloop.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx', 0o600);
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        rmSync(lockPath, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number.parseInt(readFileSync(lockPath, 'utf8'), 10);
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) throw new DataDirLockedError(lockPath, pid);
      rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not lock ${lockPath}`);
}

/**
 * The application secret key: from configuration, or (sandbox mode only) generated once into
 * the data folder with 0600 permissions. Production mode never gets here without SECRET_KEY.
 */
export function resolveSecretKey(config: Config): { key: string; generated: boolean } {
  if (config.secretKey) return { key: config.secretKey, generated: false };
  if (config.isProduction) throw new Error('SECRET_KEY is required in production mode');
  mkdirSync(config.dataDir, { recursive: true });
  const path = join(config.dataDir, 'secret.key');
  if (existsSync(path)) {
    const key = readFileSync(path, 'utf8').trim();
    if (/^[0-9a-f]{64}$/.test(key)) return { key, generated: false };
    throw new Error(`${path} does not hold a 64-character hex key; fix or remove it`);
  }
  const key = randomBytes(32).toString('hex');
  writeFileSync(path, `${key}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
  return { key, generated: true };
}
