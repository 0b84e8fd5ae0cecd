import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OperatorRole } from '@adloop/db';
import { findOrganisationErasure } from '../../apps/server/src/modules/privacy/erasure.service.ts';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { signUpVerifiedUser, type SignedUpUser } from '../setup/auth-helpers.ts';
import { addOperator, operatorCode, signedInOperator, type OpsClient } from '../setup/ops-helpers.ts';

const STEP = 30_000;

/**
 * The operators' console over the real server: MFA at every sign-in, each role kept to its area,
 * tenant search, detail and suspension, deletion with a second operator, and impersonation.
 */
describe('operators console', () => {
  let server: TestServer;
  let tenant: SignedUpUser;
  let other: SignedUpUser;
  let ops: Record<OperatorRole, OpsClient>;
  const orgId = () => tenant.orgId!;

  beforeAll(async () => {
    server = await startTestServer();
    tenant = await signUpVerifiedUser(server, { organizationName: 'Northwind Bikes' });
    other = await signUpVerifiedUser(server, { organizationName: 'Contoso Kites' });
    ops = {
      platform_admin: await signedInOperator(server, 'platform_admin'),
      support: await signedInOperator(server, 'support'),
      finance: await signedInOperator(server, 'finance'),
      on_call: await signedInOperator(server, 'on_call'),
    };
  }, 300_000);
  afterAll(async () => server?.close());

  it('needs a TOTP code at every sign-in, once per code, and its own session', async () => {
    const account = await addOperator(server, 'support');
    const client = server.client();
    const noCode = await client.post('/api/ops/session', { email: account.email, password: account.password });
    expect(noCode.status).toBe(400);
    expect(noCode.text).toContain('code');
    const wrong = await client.post('/api/ops/session', { email: account.email, password: account.password, code: '000000' });
    expect(wrong.status).toBe(401);
    const code = await operatorCode(server, account.totpSecret);
    const badPassword = await client.post('/api/ops/session', { email: account.email, password: 'not the password', code });
    expect(badPassword.status).toBe(401);
    expect((await client.post('/api/ops/session', { email: account.email, password: account.password, code })).status).toBe(200);
    const replay = await server.client().post('/api/ops/session', { email: account.email, password: account.password, code });
    expect(replay.status).toBe(401);
    expect((await client.get('/api/ops/session')).body.operator.role).toBe('support');

    // A tenant session is not an operator session, and an operator session is not a tenant one.
    expect((await tenant.client.get('/api/ops/tenants?q=north')).status).toBe(401);
    expect((await client.get(`/api/v1/orgs/${orgId()}`)).status).toBe(401);
    // Writes need the console's CSRF header.
    expect((await client.post(`/api/ops/tenants/${orgId()}/impersonate`, { reason: 'no header' })).status).toBe(403);
    server.clock.advance(STEP);
  });

  it('throttles guessing at an operator’s password and code', async () => {
    const account = await addOperator(server, 'finance');
    const client = server.client();
    for (let i = 0; i < 10; i += 1) {
      expect((await client.post('/api/ops/session', { email: account.email, password: 'a wrong guess', code: '123456' })).status).toBe(401);
    }
    const refused = await client.post('/api/ops/session', { email: account.email, password: account.password, code: await operatorCode(server, account.totpSecret) });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBeTruthy();
  });

  it('keeps each role to its area (403 elsewhere)', async () => {
    const reason = { reason: 'role walk' };
    const calls: Array<{ area: string; call: (c: OpsClient) => Promise<{ status: number }> }> = [
      { area: 'tenants:read', call: (c) => c.get('/api/ops/tenants?q=north') },
      { area: 'tenants:read', call: (c) => c.get(`/api/ops/tenants/${other.orgId}`) },
      { area: 'tenants:manage', call: (c) => c.post(`/api/ops/tenants/${other.orgId}/unsuspend`, reason) },
      { area: 'tenants:manage', call: (c) => c.get('/api/ops/deletion-requests') },
      { area: 'impersonate', call: (c) => c.post(`/api/ops/tenants/${other.orgId}/impersonate`, { reason: 'role walk', mode: 'read_write' }) },
      { area: 'billing', call: (c) => c.get(`/api/ops/billing/tenants/${other.orgId}`) },
      { area: 'billing', call: (c) => c.get('/api/ops/billing/tenants?q=contoso') },
      { area: 'system', call: (c) => c.get('/api/ops/system/queues') },
      { area: 'system', call: (c) => c.get('/api/ops/system/dead-letters') },
      { area: 'audit', call: (c) => c.get('/api/ops/audit') },
    ];
    const reach: Record<OperatorRole, string[]> = {
      platform_admin: ['tenants:read', 'tenants:manage', 'impersonate', 'billing', 'system', 'audit'],
      support: ['tenants:read', 'impersonate'],
      finance: ['billing'],
      on_call: ['system'],
    };
    for (const [role, client] of Object.entries(ops) as Array<[OperatorRole, OpsClient]>) {
      for (const { area, call } of calls) {
        const { status } = await call(client);
        // Support may impersonate, but only read-only: asking for writes is refused too.
        const allowed = reach[role].includes(area) && !(role === 'support' && area === 'impersonate');
        if (allowed) expect(status, `${role} → ${area}`).not.toBe(403);
        else expect(status, `${role} → ${area}`).toBe(403);
      }
    }
    const audit = await ops.platform_admin.get('/api/ops/audit');
    expect(audit.body.items.some((e: { action: string; operatorEmail: string }) => e.action === 'operator.refused' && e.operatorEmail === ops.finance.account.email)).toBe(true);
  });

  it('finds tenants by member email, organisation name and id, and shows their detail', async () => {
    const byEmail = await ops.support.get(`/api/ops/tenants?q=${encodeURIComponent(tenant.email)}`);
    expect(byEmail.body.items.map((t: { id: string }) => t.id)).toEqual([orgId()]);
    expect(byEmail.body.items[0].ownerEmail).toBe(tenant.email);
    const byName = await ops.support.get('/api/ops/tenants?q=northwind');
    expect(byName.body.items.map((t: { name: string }) => t.name)).toEqual(['Northwind Bikes']);
    const byId = await ops.support.get(`/api/ops/tenants?q=${other.orgId}`);
    expect(byId.body.items.map((t: { name: string }) => t.name)).toEqual(['Contoso Kites']);
    expect((await ops.support.get('/api/ops/tenants?q=')).status).toBe(400);

    const detail = await ops.support.get(`/api/ops/tenants/${orgId()}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ id: orgId(), name: 'Northwind Bikes', usage: { users: 1, adAccounts: 0, campaigns: 0, rules: 0 }, suspension: null, deletion: null });
    expect(detail.body.members).toEqual([{ email: tenant.email, role: 'owner' }]);
    expect(detail.body.ai).toMatchObject({ calls: 0, costMicros: 0 });
    expect(detail.body.storageBytes).toBeGreaterThanOrEqual(0);
    expect((await ops.support.get('/api/ops/tenants/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    const viewed = await ops.platform_admin.get(`/api/ops/audit?orgId=${orgId()}`);
    expect(viewed.body.items.some((e: { action: string }) => e.action === 'tenant.viewed')).toBe(true);
  });

  it('suspends a tenant: its members see why, writes are refused, automation stops; unsuspending undoes it', async () => {
    const reason = 'Payment fraud under review';
    expect((await ops.platform_admin.post(`/api/ops/tenants/${orgId()}/suspend`, { reason: '' })).status).toBe(400);
    expect((await ops.platform_admin.post(`/api/ops/tenants/${orgId()}/suspend`, { reason })).status).toBe(204);
    expect((await ops.platform_admin.post(`/api/ops/tenants/${orgId()}/suspend`, { reason })).status).toBe(409);

    const notice = await tenant.client.get(`/api/v1/orgs/${orgId()}/suspension`);
    expect(notice.body.suspension.reason).toBe(reason);
    const write = await tenant.client.patch(`/api/v1/orgs/${orgId()}`, { name: 'Renamed' });
    expect(write.status).toBe(403);
    expect(write.body.error.code).toBe('organization_suspended');
    expect(write.body.error.message).toContain(reason);
    expect((await tenant.client.get(`/api/v1/orgs/${orgId()}`)).status).toBe(200);
    const settings = await tenant.client.get(`/api/v1/orgs/${orgId()}/change-settings`);
    expect(settings.body.automation.stopped).toBe(true);
    // Someone outside the organisation learns nothing of the suspension.
    expect((await other.client.patch(`/api/v1/orgs/${orgId()}`, { name: 'Renamed' })).status).toBe(404);

    expect((await ops.platform_admin.post(`/api/ops/tenants/${orgId()}/unsuspend`, { reason: 'Cleared' })).status).toBe(204);
    expect((await tenant.client.get(`/api/v1/orgs/${orgId()}/suspension`)).body.suspension).toBeNull();
    expect((await tenant.client.get(`/api/v1/orgs/${orgId()}/change-settings`)).body.automation.stopped).toBe(false);
    expect((await tenant.client.patch(`/api/v1/orgs/${orgId()}`, { name: 'Northwind Bikes' })).status).toBe(200);
    const tenantAudit = await tenant.client.get(`/api/v1/orgs/${orgId()}/audit-log`);
    const actions = tenantAudit.body.items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['organization.suspended', 'organization.unsuspended']));
  });

  it('deletes a tenant only with a second, different operator’s approval', async () => {
    const victim = await signUpVerifiedUser(server, { organizationName: 'Doomed Widgets' });
    const second = await signedInOperator(server, 'platform_admin');
    const asked = await ops.platform_admin.post(`/api/ops/tenants/${victim.orgId}/deletion-requests`, { reason: 'Customer asked in ticket 4411' });
    expect(asked.status).toBe(201);
    expect(asked.body.state).toBe('pending');
    expect((await ops.platform_admin.post(`/api/ops/tenants/${victim.orgId}/deletion-requests`, { reason: 'again' })).status).toBe(409);

    const self = await ops.platform_admin.post(`/api/ops/deletion-requests/${asked.body.id}/approve`);
    expect(self.status).toBe(403);
    expect(await findOrganisationErasure(server.ctx, victim.orgId!)).toBeNull();
    expect((await ops.support.post(`/api/ops/deletion-requests/${asked.body.id}/approve`)).status).toBe(403);

    const approved = await second.post(`/api/ops/deletion-requests/${asked.body.id}/approve`);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ state: 'approved', requestedByEmail: ops.platform_admin.account.email, decidedByEmail: second.account.email });
    expect(await findOrganisationErasure(server.ctx, victim.orgId!)).not.toBeNull();
    expect((await second.post(`/api/ops/deletion-requests/${asked.body.id}/approve`)).status).toBe(409);
  });

  it('impersonates read-only for at most an hour, audited in both logs', async () => {
    const start = await ops.support.post(`/api/ops/tenants/${orgId()}/impersonate`, { reason: 'Ticket 981: dashboard empty', minutes: 90 });
    expect(start.status).toBe(400);
    const started = await ops.support.post(`/api/ops/tenants/${orgId()}/impersonate`, { reason: 'Ticket 981: dashboard empty' });
    expect(started.status).toBe(201);
    expect(started.body.mode).toBe('read_only');
    expect(new Date(started.body.expiresAt).getTime() - new Date(started.body.startedAt).getTime()).toBe(3_600_000);
    const browser = ops.support.http;

    const banner = await browser.get('/api/v1/impersonation');
    expect(banner.body.impersonation).toMatchObject({ orgId: orgId(), operatorEmail: ops.support.account.email, reason: 'Ticket 981: dashboard empty' });
    expect((await tenant.client.get('/api/v1/impersonation')).body.impersonation).toBeNull();
    expect((await browser.get(`/api/v1/orgs/${orgId()}`)).status).toBe(200);
    const write = await browser.patch(`/api/v1/orgs/${orgId()}`, { name: 'Changed by support' });
    expect(write.status).toBe(403);
    expect(write.body.error.code).toBe('impersonation_read_only');
    expect((await browser.post('/api/v1/me/mfa/setup')).status).toBe(403);
    expect((await browser.get(`/api/v1/orgs/${other.orgId}`)).status).toBe(404);

    const tenantAudit = await tenant.client.get(`/api/v1/orgs/${orgId()}/audit-log`);
    const support = tenantAudit.body.items.filter((e: { action: string }) => e.action.startsWith('support.'));
    expect(support.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['support.impersonation_started', 'support.viewed', 'support.write_refused']));
    expect(JSON.stringify(support)).toContain('Adloop support');
    const opsAudit = await ops.platform_admin.get(`/api/ops/audit?orgId=${orgId()}`);
    const opsActions = opsAudit.body.items.map((e: { action: string }) => e.action);
    expect(opsActions).toEqual(expect.arrayContaining(['tenant.impersonation_started', 'tenant.impersonation_request']));

    server.clock.advance(61 * 60_000);
    expect((await browser.get(`/api/v1/orgs/${orgId()}`)).status).toBe(401);
    expect((await browser.get('/api/v1/impersonation')).body.impersonation).toBeNull();
  });

  it('ends an impersonation from the tenant banner', async () => {
    const admin = await signedInOperator(server, 'platform_admin');
    const started = await admin.post(`/api/ops/tenants/${orgId()}/impersonate`, { reason: 'Check a rule for the customer', mode: 'read_write', minutes: 5 });
    expect(started.status).toBe(201);
    expect((await admin.http.patch(`/api/v1/orgs/${orgId()}`, { name: 'Northwind Bikes Ltd' })).status).toBe(200);
    expect((await admin.http.post('/api/v1/impersonation/end')).status).toBe(204);
    expect((await admin.http.get(`/api/v1/orgs/${orgId()}`)).status).toBe(401);
    const tenantAudit = await tenant.client.get(`/api/v1/orgs/${orgId()}/audit-log`);
    expect(tenantAudit.body.items.map((e: { action: string }) => e.action)).toContain('support.impersonation_ended');
  });
});
