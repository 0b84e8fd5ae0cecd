import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { auditLog, memberships, users } from '@adloop/db';
import type { DeletionStatus } from '@adloop/contracts';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { signUpVerifiedUser, type SignedUpUser } from '../setup/auth-helpers.ts';
import { purgeDueErasures } from '../../apps/server/src/modules/privacy/index.ts';
import { archiveAuditRows } from '../../apps/server/src/modules/privacy/audit-archive.ts';
import { RUN_REPORT } from '../../apps/server/src/modules/reports/index.ts';
import { seedReportData } from './support/report-data.ts';
import { rowsReferencing } from './support/reference-count.ts';

const NOW = new Date('2026-03-11T09:00:00Z');

/** Moving the clock by weeks ends idle sessions: sign in again. */
async function signIn(user: SignedUpUser): Promise<void> {
  expect((await user.client.post('/api/v1/auth/sign-in', { email: user.email, password: user.password })).status).toBe(200);
}
const DAY = 24 * 60 * 60 * 1000;

/** Deleting an organisation or an account: 30 days restorable, then a purge that leaves nothing naming it. */
describe('privacy: erasure', () => {
  let server: TestServer;
  let owner: SignedUpUser;
  let admin: SignedUpUser;
  let orgId: string;

  beforeAll(async () => {
    server = await startTestServer();
    server.clock.set(NOW);
    owner = await signUpVerifiedUser(server, { organizationName: 'Erase Me Ltd' });
    orgId = owner.orgId!;
    admin = await signUpVerifiedUser(server, {});
    await server.ctx.db.insert(memberships).values({ orgId, userId: admin.user.id, role: 'admin' });
    await seedReportData(server.ctx.db, orgId, { today: '2026-03-11', days: 10, now: NOW, accounts: [{ name: 'Bakery', platform: 'meta', currency: 'USD', campaigns: 3 }] });
    expect((await owner.client.patch(`/api/v1/orgs/${orgId}`, { name: 'Erase Me Ltd' })).status).toBe(200);
    expect((await owner.client.post(`/api/v1/orgs/${orgId}/exports`, {})).status).toBe(202);
    await server.ctx.jobs.enqueue(RUN_REPORT, { orgId, runId: randomUUID() }, { startAfter: new Date(Date.now() + 365 * DAY) });
  }, 120_000);
  afterAll(async () => server?.close());

  it('refuses a wrong confirmation (400 naming confirmName) and a non-owner (403)', async () => {
    const wrong = await owner.client.post(`/api/v1/orgs/${orgId}/deletion`, { confirmName: 'Erase Me' });
    expect(wrong.status).toBe(400);
    expect(JSON.stringify(wrong.body)).toContain('confirmName');
    expect((await admin.client.post(`/api/v1/orgs/${orgId}/deletion`, { confirmName: 'Erase Me Ltd' })).status).toBe(403);
  });

  it('schedules the deletion for 30 days later and restores it within the grace', async () => {
    const res = await owner.client.post<DeletionStatus>(`/api/v1/orgs/${orgId}/deletion`, { confirmName: 'Erase Me Ltd', reason: 'closing down' });
    expect(res.status).toBe(202);
    expect(new Date(res.body.scheduled!.purgeAfter).getTime() - NOW.getTime()).toBe(30 * DAY);
    expect((await owner.client.get<DeletionStatus>(`/api/v1/orgs/${orgId}/deletion`)).body.scheduled?.id).toBe(res.body.scheduled!.id);
    server.clock.set(new Date(NOW.getTime() + 29 * DAY));
    expect((await purgeDueErasures(server.ctx)).purged).toBe(0);
    await signIn(owner);
    expect((await owner.client.post(`/api/v1/orgs/${orgId}/deletion/restore`, {})).status).toBe(200);
    expect((await owner.client.get<DeletionStatus>(`/api/v1/orgs/${orgId}/deletion`)).body.scheduled).toBeNull();
    server.clock.set(new Date(NOW.getTime() + 40 * DAY));
    expect((await purgeDueErasures(server.ctx)).purged).toBe(0);
  });

  it('a last owner must transfer or delete the organisation before deleting their account (409 naming it)', async () => {
    await signIn(owner);
    const res = await owner.client.post('/api/v1/me/deletion', {});
    expect(res.status).toBe(409);
    expect(JSON.stringify(res.body)).toContain('Erase Me Ltd');
  });

  it('after the grace the purge leaves no row naming the organisation in any table or the job queue; audit events stay without personal data', async () => {
    const start = server.clock.now();
    expect((await owner.client.post(`/api/v1/orgs/${orgId}/deletion`, { confirmName: 'Erase Me Ltd' })).status).toBe(202);
    // Some of the organisation's audit rows are already in the compressed archive.
    await archiveAuditRows(server.ctx.db, new Date(start.getTime() - 1), start);
    expect(Object.keys(await rowsReferencing(server.ctx.db, orgId)).length).toBeGreaterThan(5);
    const auditBefore = (await server.ctx.db.execute(sql`SELECT count(*)::int AS n FROM audit_log WHERE org_id = ${orgId}::uuid`)) as unknown as { rows: { n: number }[] };
    server.clock.set(new Date(start.getTime() + 30 * DAY + 1000));
    expect((await purgeDueErasures(server.ctx)).purged).toBe(1);
    expect(await rowsReferencing(server.ctx.db, orgId)).toEqual({});
    const kept = await server.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'organization.deletion_scheduled'));
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.every((row) => row.orgId === null && row.ip === null && row.actorId === null)).toBe(true);
    expect(auditBefore.rows[0]!.n).toBeGreaterThan(0);
    // People stay: the owner and the admin keep their accounts.
    expect((await server.ctx.db.select().from(users).where(eq(users.id, admin.user.id))).length).toBe(1);
    expect((await purgeDueErasures(server.ctx)).purged).toBe(0);
  });

  it('deleting my account: restorable, then purged with nothing naming me (id or email) left', async () => {
    const person = await signUpVerifiedUser(server, {});
    const scheduled = await person.client.post<DeletionStatus>('/api/v1/me/deletion', { reason: 'bye' });
    expect(scheduled.status).toBe(202);
    expect((await person.client.post('/api/v1/me/deletion/restore', {})).status).toBe(200);
    expect((await person.client.get<DeletionStatus>('/api/v1/me/deletion')).body.scheduled).toBeNull();
    expect((await person.client.post('/api/v1/me/deletion', {})).status).toBe(202);
    expect((await person.client.post('/api/v1/me/exports', {})).status).toBe(202);
    server.clock.set(new Date(server.clock.now().getTime() + 31 * DAY));
    expect((await purgeDueErasures(server.ctx)).purged).toBe(1);
    expect(await rowsReferencing(server.ctx.db, person.user.id)).toEqual({});
    expect(await rowsReferencing(server.ctx.db, person.email)).toEqual({});
    expect((await person.client.get('/api/v1/me')).status).toBe(401);
  });
});
