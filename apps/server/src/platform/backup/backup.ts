import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { openDatabase, type DbHandle } from '@adloop/db';
import { BackupError, decryptBackup, writeEncryptedBackup, type BackupHeader } from './backup-file.ts';

/** Where a backup is restored: an empty PostgreSQL database, or a PGlite data folder that does not exist yet. */
export type RestoreTarget = { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string };

async function migrationCount(handle: DbHandle): Promise<number> {
  const { rows } = await handle.sql.query<{ count: string | number }>('SELECT count(*) AS count FROM drizzle.__drizzle_migrations').catch(() => ({ rows: [] as { count: number }[] }));
  return Number(rows[0]?.count ?? 0);
}

function missingTool(tool: string): BackupError {
  return new BackupError(`${tool} was not found on PATH. Install the PostgreSQL client tools (the same major version as the server or newer), e.g. "apt-get install postgresql-client".`);
}

/** Runs a PostgreSQL client tool; resolves with its stdout stream's end, rejects with its stderr on failure. */
function runTool(tool: string, args: string[], stdout: 'pipe' | 'ignore'): { output: Readable | null; done: Promise<void> } {
  const child = spawn(tool, args, { stdio: ['ignore', stdout, 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const done = new Promise<void>((resolve, reject) => {
    child.on('error', (error: NodeJS.ErrnoException) => reject(error.code === 'ENOENT' ? missingTool(tool) : error));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new BackupError(`${tool} failed (exit ${code}): ${stderr.trim() || 'no message'}`))));
  });
  return { output: child.stdout, done };
}

/**
 * Writes an encrypted backup of the open database to `file`: pg_dump (custom format, one consistent
 * snapshot) on PostgreSQL, a copy of the data folder on PGlite (taken between queries, so consistent).
 */
export async function createBackup(handle: DbHandle, file: string, keyHex: string): Promise<BackupHeader['kind']> {
  const header = { kind: handle.kind, createdAt: new Date().toISOString(), migrations: await migrationCount(handle) };
  if (handle.kind === 'postgres') {
    if (!handle.url) throw new BackupError('No database URL to back up.');
    const dump = runTool('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--dbname=${handle.url}`], 'pipe');
    const written = writeEncryptedBackup(file, keyHex, header, dump.output as Readable);
    const [dumped, wrote] = await Promise.allSettled([dump.done, written]);
    if (dumped.status === 'rejected') {
      await rm(file, { force: true });
      throw dumped.reason;
    }
    if (wrote.status === 'rejected') throw wrote.reason;
    return 'postgres';
  }
  if (!handle.pglite) throw new BackupError('No embedded database to back up.');
  const tarball = await handle.pglite.dumpDataDir('gzip');
  await writeEncryptedBackup(file, keyHex, header, Readable.from([Buffer.from(await tarball.arrayBuffer())]));
  return 'pglite';
}

async function assertEmptyPostgres(url: string): Promise<void> {
  let handle: DbHandle | null = null;
  try {
    handle = await openDatabase({ kind: 'postgres', url, poolSize: 1 });
    const { rows } = await handle.sql.query<{ count: string }>("SELECT count(*) AS count FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')");
    if (Number(rows[0]?.count ?? 0) > 0) throw new BackupError('The restore target database is not empty: restore into a freshly created database.');
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`Cannot use the restore target: ${(error as Error).message}. Create an empty database first (createdb).`);
  } finally {
    await handle?.close();
  }
}

/** Verifies and decrypts `file`, then restores it into `target`. Nothing is written unless the file is authentic. */
export async function restoreBackup(file: string, keyHex: string, target: RestoreTarget): Promise<BackupHeader> {
  if (target.kind === 'pglite' && existsSync(target.dataDir) && readdirSync(target.dataDir).length > 0) {
    throw new BackupError(`The embedded database folder ${target.dataDir} already exists: move it away (or set DATA_DIR to a new folder) and restore again.`);
  }
  if (target.kind === 'postgres') await assertEmptyPostgres(target.url);
  const work = await mkdtemp(join(tmpdir(), 'adloop-restore-'));
  try {
    const plain = join(work, 'backup.dump');
    const header = await decryptBackup(file, keyHex, plain);
    if (header.kind !== target.kind) {
      const where = header.kind === 'postgres' ? 'a PostgreSQL server (set DATABASE_URL)' : 'the embedded database (unset DATABASE_URL)';
      throw new BackupError(`This backup was made from ${header.kind === 'postgres' ? 'PostgreSQL' : 'the embedded database'}; restore it into ${where}.`);
    }
    if (target.kind === 'postgres') {
      await runTool('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${target.url}`, plain], 'ignore').done;
    } else {
      const restored = await openDatabase({ kind: 'pglite', dataDir: target.dataDir, loadDataDir: new Blob([await readFile(plain)]) });
      await restored.sql.query('SELECT 1');
      await restored.close();
    }
    return header;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
