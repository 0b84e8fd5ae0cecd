import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { eq } from 'drizzle-orm';
import type { DataExport } from '@adloop/contracts';
import { auditLog, sessions, tenantSuspensions } from '@adloop/db';
import { exportTables, readExportRows } from '../../apps/server/src/modules/privacy/export.collect.ts';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { signUpVerifiedUser, waitForNextEmail, type SignedUpUser } from '../setup/auth-helpers.ts';
import { joinAs } from '../setup/org-helpers.ts';
import { seedReportData } from './support/report-data.ts';

const NOW = new Date('2026-03-11T09:00:00Z');
const DAY = 24 * 60 * 60 * 1000;

interface Manifest {
  format: string;
  version: number;
  scope: string;
  subjectId: string;
  tables: { name: string; key: string; columns: string[]; rows: number }[];
}

/** Polls the export until the job has built it (or failed). */
async function waitReady(user: SignedUpUser, id: string): Promise<DataExport> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const res = await user.client.get<DataExport>(`/api/v1/me/exports/${id}`);
    expect(res.status).toBe(200);
    if (res.body.state === 'ready' || res.body.state === 'failed') return res.body;
    if (Date.now() > deadline) throw new Error(`export ${id} still ${res.body.state} after 30 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function download(user: SignedUpUser, url: string): Promise<{ status: number; type: string | null; files: Record<string, Uint8Array> | null }> {
  const res = await fetch(new URL(url, user.client.baseUrl), { headers: user.client.authHeaders() });
  const bytes = new Uint8Array(await res.arrayBuffer());
  return { status: res.status, type: res.headers.get('content-type'), files: res.status === 200 ? unzipSync(bytes) : null };
}

const json = <T>(files: Record<string, Uint8Array>, name: string): T => JSON.parse(strFromU8(files[name]!)) as T;

/** The layout every export shares: manifest, then one JSON and one CSV per listed table with the listed columns. */
function expectLayout(files: Record<string, Uint8Array>, scope: string, subjectId: string): Manifest {
  const manifest = json<Manifest>(files, 'manifest.json');
  expect(manifest).toMatchObject({ format: 'adloop-data-export', version: 1, scope, subjectId });
  for (const table of manifest.tables) {
    const rows = json<Record<string, unknown>[]>(files, `json/${table.name}.json`);
    expect(rows.length, table.name).toBe(table.rows);
    const csv = strFromU8(files[`csv/${table.name}.csv`]!);
    expect(csv.split('\r\n')[0], table.name).toBe(table.columns.join(','));
    for (const row of rows) {
      expect(Object.keys(row).sort(), table.name).toEqual([...table.columns].sort());
      expect(String(row[table.key]), `${table.name}.${table.key}`).toBe(subjectId);
    }
  }
  const names = Object.keys(files).sort();
  expect(names).toEqual(['manifest.json', ...manifest.tables.flatMap((t) => [`csv/${t.name}.csv`, `json/${t.name}.json`])].sort());
  return manifest;
}

/** Data exports: a person's and an owner's organisation's, built by the job, emailed, and gone after 7 days. */
describe('privacy: data exports', () => {
  let server: TestServer;
  let owner: SignedUpUser;
  let other: SignedUpUser;
  let orgId: string;
  let otherOrgId: string;

  beforeAll(async () => {
    server = await startTestServer();
    server.clock.set(NOW);
    owner = await signUpVerifiedUser(server, { organizationName: 'Export Bakery' });
    orgId = owner.orgId!;
    other = await signUpVerifiedUser(server, { organizationName: 'Neighbour Florist' });
    otherOrgId = other.orgId!;
    await seedReportData(server.ctx.db, orgId, { today: '2026-03-11', days: 5, now: NOW, accounts: [{ name: 'Bakery', platform: 'meta', currency: 'USD', campaigns: 2 }] });
    await seedReportData(server.ctx.db, otherOrgId, { today: '2026-03-11', days: 5, now: NOW, accounts: [{ name: 'Florist', platform: 'meta', currency: 'USD', campaigns: 2 }] });
  }, 120_000);
  afterAll(async () => server?.close());

  it("a person's export holds their own rows only, as JSON and CSV per table with a manifest, and the link is emailed", async () => {
    const asked = await owner.client.post<DataExport>('/api/v1/me/exports', {});
    expect(asked.status).toBe(202);
    expect(asked.body).toMatchObject({ scope: 'user', orgId: null, expired: false });
    expect(new Date(asked.body.expiresAt).getTime() - NOW.getTime()).toBe(7 * DAY);
    const ready = await waitReady(owner, asked.body.id);
    expect(ready).toMatchObject({ state: 'ready', progress: 100, downloadUrl: `/api/v1/me/exports/${asked.body.id}/download` });
    expect(ready.sizeBytes).toBeGreaterThan(0);

    const got = await download(owner, ready.downloadUrl!);
    expect(got.status).toBe(200);
    expect(got.type).toContain('application/zip');
    const manifest = expectLayout(got.files!, 'user', owner.user.id);
    const users = json<Record<string, unknown>[]>(got.files!, 'json/users.json');
    expect(users).toHaveLength(1);
    expect(users[0]).toMatchObject({ id: owner.user.id, email: owner.email });
    // Secrets are never exported.
    expect(manifest.tables.flatMap((t) => t.columns).filter((c) => /password|secret|token|hash/.test(c))).toEqual([]);
    const everything = Object.values(got.files!).map((file) => strFromU8(file)).join('\n');
    expect(everything).not.toContain(other.user.id);
    expect(everything).not.toContain(other.email);
    expect(everything).not.toContain(otherOrgId);

    const mail = await server.waitForEmail(owner.email, /data export is ready/);
    const link = mail.links.find((l) => l.includes(`/api/v1/me/exports/${asked.body.id}/download`));
    expect(link).toBeDefined();
    const viaLink = await download(owner, new URL(link!).pathname);
    expect(viaLink.status).toBe(200);
    expect(json<Manifest>(viaLink.files!, 'manifest.json').subjectId).toBe(owner.user.id);

    const list = await owner.client.get<{ items: DataExport[] }>('/api/v1/me/exports');
    expect(list.body.items.map((e) => e.id)).toContain(asked.body.id);
  });

  it("an owner's organisation export holds that organisation's rows only", async () => {
    const previous = await server.waitForEmail(owner.email, /data export is ready/);
    const asked = await owner.client.post<DataExport>(`/api/v1/orgs/${orgId}/exports`, {});
    expect(asked.status).toBe(202);
    expect(asked.body).toMatchObject({ scope: 'organization', orgId });
    const ready = await waitReady(owner, asked.body.id);
    expect(ready.state).toBe('ready');
    const got = await download(owner, ready.downloadUrl!);
    expect(got.status).toBe(200);
    const manifest = expectLayout(got.files!, 'organization', orgId);
    const byName = new Map(manifest.tables.map((t) => [t.name, t]));
    expect(byName.get('organizations')?.rows).toBe(1);
    expect(byName.get('memberships')?.rows).toBeGreaterThan(0);
    expect([...byName.values()].filter((t) => t.rows > 0).length).toBeGreaterThan(3);
    // No encrypted keys, stored files or operators' records.
    for (const table of ['platform_secrets', 'operator_audit_log', 'impersonations', 'data_exports']) expect(byName.has(table), table).toBe(false);
    expect(byName.get('report_runs')?.columns).not.toContain('pdf_bytes');
    const everything = Object.values(got.files!).map((file) => strFromU8(file)).join('\n');
    expect(everything).not.toContain(otherOrgId);
    expect(everything).not.toContain('Florist');
    const mail = await waitForNextEmail(server, owner.email, /data export is ready/, previous);
    expect(mail.text).toContain('Export Bakery');
  });

  it('a member who is not the owner is refused (403); another person cannot see or download an export (404)', async () => {
    const admin = await joinAs(server, owner, orgId, 'admin');
    const refused = await admin.client.post(`/api/v1/orgs/${orgId}/exports`, {});
    expect(refused.status).toBe(403);
    expect((await other.client.post(`/api/v1/orgs/${orgId}/exports`, {})).status).toBe(404);

    const mine = (await owner.client.get<{ items: DataExport[] }>('/api/v1/me/exports')).body.items;
    expect(mine.length).toBeGreaterThan(0);
    for (const item of mine) {
      expect((await other.client.get(`/api/v1/me/exports/${item.id}`)).status).toBe(404);
      expect((await download(admin, `/api/v1/me/exports/${item.id}/download`)).status).toBe(404);
      expect((await download(other, `/api/v1/me/exports/${item.id}/download`)).status).toBe(404);
    }
    expect((await other.client.get<{ items: DataExport[] }>('/api/v1/me/exports')).body.items).toEqual([]);
    const anonymous = await fetch(new URL(`/api/v1/me/exports/${mine[0]!.id}/download`, server.url));
    expect(anonymous.status).toBe(401);
  });

  it('operators are named "Adloop support" in exports: no operator email, id or IP in a suspension, audit row or support session', async () => {
    const operatorEmail = 'ops.person@adloop-operators.test';
    const operatorIp = '203.0.113.77';
    const support = `Adloop support (${operatorEmail})`;
    await server.ctx.db.insert(tenantSuspensions).values({ orgId, reason: 'Unpaid invoices', suspendedBy: operatorEmail, suspendedAt: NOW });
    await server.ctx.db.insert(auditLog).values({ orgId, actorType: 'system', actorLabel: support, action: 'support.viewed', targetType: 'route', targetId: 'GET /api/v1/orgs/:orgId/rules', ip: operatorIp, createdAt: NOW });
    await server.ctx.db.insert(sessions).values({ userId: owner.user.id, tokenHash: `support-${orgId}`, ip: operatorIp, userAgent: support, expiresAt: new Date(NOW.getTime() + 3_600_000) });
    try {
      const read = async (scope: 'user' | 'organization', subjectId: string) => {
        const out: Record<string, Record<string, unknown>[]> = {};
        for (const table of await exportTables(server.ctx.db, scope)) out[table.table] = await readExportRows(server.ctx.db, table, subjectId);
        return out;
      };
      const org = await read('organization', orgId);
      expect(org.tenant_suspensions).toEqual([expect.objectContaining({ org_id: orgId, reason: 'Unpaid invoices', suspended_by: 'Adloop support' })]);
      expect(org.audit_log!.filter((r) => r.action === 'support.viewed')).toEqual([expect.objectContaining({ actor_label: 'Adloop support', ip: null, user_agent: null })]);
      const person = await read('user', owner.user.id);
      expect(person.sessions!.filter((r) => r.user_agent === 'Adloop support')).toEqual([expect.objectContaining({ ip: null })]);
      for (const text of [JSON.stringify(org), JSON.stringify(person)]) {
        expect(text).not.toContain(operatorEmail);
        expect(text).not.toContain(operatorIp);
      }
      // Members' own rows keep what is theirs.
      expect(org.audit_log!.some((r) => r.actor_label === owner.email)).toBe(true);
    } finally {
      await server.ctx.db.delete(tenantSuspensions).where(eq(tenantSuspensions.orgId, orgId));
      await server.ctx.db.delete(sessions).where(eq(sessions.tokenHash, `support-${orgId}`));
    }
  });

  it('after 7 days the link answers 410 and the export says it has expired', async () => {
    const [first] = (await owner.client.get<{ items: DataExport[] }>('/api/v1/me/exports')).body.items.slice(-1);
    const expiresAt = new Date(first!.expiresAt);
    server.clock.set(new Date(expiresAt.getTime() - 60_000));
    await signIn(owner);
    expect((await download(owner, `/api/v1/me/exports/${first!.id}/download`)).status).toBe(200);
    server.clock.set(new Date(expiresAt.getTime() + 1000));
    await signIn(owner);
    const gone = await download(owner, `/api/v1/me/exports/${first!.id}/download`);
    expect(gone.status).toBe(410);
    const shown = await owner.client.get<DataExport>(`/api/v1/me/exports/${first!.id}`);
    expect(shown.body).toMatchObject({ expired: true, downloadUrl: null });
  });
});

/** Moving the clock by days ends idle sessions: sign in again. */
async function signIn(user: SignedUpUser): Promise<void> {
  expect((await user.client.post('/api/v1/auth/sign-in', { email: user.email, password: user.password })).status).toBe(200);
}
