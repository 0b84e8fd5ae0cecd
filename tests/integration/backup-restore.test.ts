import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, type DbHandle } from '@adloop/db';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { signUpVerifiedUser } from '../setup/auth-helpers.ts';
import { connectAndAdd, eventually, sandboxAccounts } from '../setup/connect-helpers.ts';
import { createKey } from '../setup/org-helpers.ts';
import { createBackup, restoreBackup, type RestoreTarget } from '../../apps/server/src/platform/backup/backup.ts';

const KEY = '5e'.repeat(32);
const KEY_TABLES = ['organizations', 'users', 'campaigns', 'audit_log'];

/** Rows in every table of every schema the product owns (public, migrations, job queue). */
async function rowCounts(handle: DbHandle): Promise<Record<string, number>> {
  const { rows: tables } = await handle.sql.query<{ schemaname: string; tablename: string }>(
    "SELECT schemaname, tablename FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2",
  );
  const counts: Record<string, number> = {};
  for (const t of tables) {
    const { rows } = await handle.sql.query<{ count: string | number }>(`SELECT count(*) AS count FROM "${t.schemaname}"."${t.tablename}"`);
    counts[`${t.schemaname}.${t.tablename}`] = Number(rows[0]?.count ?? 0);
  }
  return counts;
}

async function checksums(handle: DbHandle): Promise<Record<string, string>> {
  const sums: Record<string, string> = {};
  for (const table of KEY_TABLES) {
    const { rows } = await handle.sql.query<{ sum: string }>(`SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS sum FROM "${table}" t`);
    sums[table] = rows[0]!.sum;
  }
  return sums;
}

describe('backup and restore', () => {
  let server: TestServer;
  let work: string;
  let file: string;
  let source: { counts: Record<string, number>; sums: Record<string, string> };
  const cleanups: Array<() => Promise<void>> = [];

  /** A fresh restore target: a new empty database on the same PostgreSQL server, or a new PGlite folder. */
  async function freshTarget(): Promise<{ target: RestoreTarget; open(): Promise<DbHandle> }> {
    const handle = server.ctx.dbHandle;
    if (handle.kind === 'postgres') {
      const url = new URL(handle.url!);
      const name = `${url.pathname.slice(1)}_r${cleanups.length}`;
      const admin = new pg.Client({ connectionString: handle.url! });
      await admin.connect();
      await admin.query(`CREATE DATABASE "${name}"`);
      await admin.end();
      const adminUrl = new URL(handle.url!);
      adminUrl.pathname = '/postgres';
      cleanups.push(async () => {
        const c = new pg.Client({ connectionString: adminUrl.toString() });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await c.end();
      });
      url.pathname = `/${name}`;
      return { target: { kind: 'postgres', url: url.toString() }, open: () => openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 2 }) };
    }
    const dataDir = join(work, `restored-${cleanups.length}`);
    cleanups.push(async () => {});
    return { target: { kind: 'pglite', dataDir }, open: () => openDatabase({ kind: 'pglite', dataDir }) };
  }

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'adloop-backup-test-'));
    file = join(work, 'adloop.backup');
    server = await startTestServer();
    const owner = await signUpVerifiedUser(server, { name: 'Bea Backup' });
    const orgId = (await owner.client.post('/api/v1/orgs', { name: 'Backup Co' })).body.id as string;
    await owner.client.patch(`/api/v1/orgs/${orgId}`, { name: 'Backup Co Ltd' });
    await createKey(owner, orgId, 'read');
    const account = sandboxAccounts(server, 'meta').find((a) => !a.isManager)!;
    await connectAndAdd(owner, orgId, 'meta', [account.id]);
    const db = server.ctx.dbHandle;
    await eventually(async () => (await rowCounts(db))['public.campaigns']! > 0, 120_000, 'campaigns synced');
    // Back up once the data is still: the counts before and after the backup must agree.
    for (let attempt = 0; ; attempt++) {
      const before = await rowCounts(db);
      await createBackup(db, file, KEY);
      const after = await rowCounts(db);
      if (JSON.stringify(before) === JSON.stringify(after) || attempt >= 20) {
        source = { counts: after, sums: await checksums(db) };
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }, 180_000);
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
    await server?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('restores into a fresh database with the same rows in every table and the same key tables', async () => {
    expect(source.counts['public.organizations']).toBeGreaterThan(0);
    expect(source.counts['public.audit_log']).toBeGreaterThan(0);
    const { target, open } = await freshTarget();
    const header = await restoreBackup(file, KEY, target);
    expect(header.kind).toBe(server.ctx.dbHandle.kind);
    const restored = await open();
    try {
      expect(await rowCounts(restored)).toEqual(source.counts);
      expect(await checksums(restored)).toEqual(source.sums);
    } finally {
      await restored.close();
    }
  });

  it('keeps the contents unreadable without the key', () => {
    const bytes = readFileSync(file);
    expect(bytes.includes(Buffer.from('Backup Co Ltd'))).toBe(false);
    expect(bytes.includes(Buffer.from('Bea Backup'))).toBe(false);
  });

  it('refuses a file with one altered byte, and restores nothing', async () => {
    const bytes = readFileSync(file);
    bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
    const tampered = join(work, 'tampered.backup');
    writeFileSync(tampered, bytes);
    const { target, open } = await freshTarget();
    await expect(restoreBackup(tampered, KEY, target)).rejects.toThrow(/altered or damaged/);
    if (target.kind === 'postgres') {
      const db = await open();
      try {
        expect(Object.keys(await rowCounts(db))).toEqual([]);
      } finally {
        await db.close();
      }
    }
  });

  it('refuses the wrong key clearly', async () => {
    const { target } = await freshTarget();
    await expect(restoreBackup(file, 'a1'.repeat(32), target)).rejects.toThrow(/different key/);
  });

  it('refuses to restore over a database that already has data', async () => {
    const handle = server.ctx.dbHandle;
    const target: RestoreTarget = handle.kind === 'postgres' ? { kind: 'postgres', url: handle.url! } : { kind: 'pglite', dataDir: work };
    await expect(restoreBackup(file, KEY, target)).rejects.toThrow(/not empty|already exists/);
  });
});
