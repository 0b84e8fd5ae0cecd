/**
 * The benchmark's throw-away PostgreSQL database, dropped however the run ends. A normal end or a
 * signal drops it from here; but tsx answers Ctrl-C by killing this process outright when it does
 * not acknowledge within 30 ms (easily missed on a busy machine), so a small detached watchdog
 * process also drops it once this process is gone.
 */
import { spawn } from 'node:child_process';
import pg from 'pg';
import { createRunDatabase, dropRunDatabase } from '@adloop/db/testing';

/** Waits for the benchmark process to disappear, then drops the database (CommonJS, run with `node -e`). */
const WATCHDOG = `
const [url, pid] = process.argv.slice(1);
process.on('SIGINT', () => {});
const alive = () => { try { process.kill(Number(pid), 0); return true; } catch { return false; } };
const timer = setInterval(async () => {
  if (alive()) return;
  clearInterval(timer);
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  target.pathname = '/postgres';
  const client = new (require('pg').Client)({ connectionString: target.toString() });
  try { await client.connect(); await client.query('DROP DATABASE IF EXISTS "' + name.replace(/"/g, '""') + '" WITH (FORCE)'); } finally { await client.end().catch(() => {}); }
}, 500);
`;

export interface ThrowAwayDatabase {
  url: string;
  drop(): Promise<void>;
}

/** Creates and migrates a database on `serverUrl` (see createRunDatabase) with its watchdog. */
export async function throwAwayDatabase(serverUrl: string): Promise<ThrowAwayDatabase> {
  const url = await createRunDatabase(serverUrl);
  const watchdog = spawn(process.execPath, ['-e', WATCHDOG, url, String(process.pid)], { detached: true, stdio: 'ignore' });
  watchdog.unref();
  return {
    url,
    async drop() {
      await dropRunDatabase(url);
      watchdog.kill();
    },
  };
}

/** Whether a PostgreSQL server answers at `url` (the benchmarks that need one say so when it does not). */
export async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
