import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { signUpVerifiedUser, type SignedUpUser } from '../setup/auth-helpers.ts';
import { joinAs } from '../setup/org-helpers.ts';

describe('organisations and members', () => {
  let server: TestServer;
  let owner: SignedUpUser;
  let orgId: string;
  beforeAll(async () => {
    server = await startTestServer();
    owner = await signUpVerifiedUser(server, { name: 'Owen' });
    const created = await owner.client.post('/api/v1/orgs', { name: '  Members Ltd ' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Members Ltd', requireMfa: false, role: 'owner' });
    orgId = created.body.id;
  });
  afterAll(async () => server?.close());

  it('lets one person belong to several organisations', async () => {
    const second = await owner.client.post('/api/v1/orgs', { name: 'Second' });
    expect(second.status).toBe(201);
    const me = await owner.client.get('/api/v1/me');
    expect(me.body.organizations.map((o: { id: string }) => o.id)).toEqual(expect.arrayContaining([orgId, second.body.id]));
    expect((await owner.client.post('/api/v1/orgs', { name: 'x', plan: 'pro' })).status).toBe(400);
    expect((await server.client().post('/api/v1/orgs', { name: 'anon' })).status).toBe(401);
  });

  it('reads and updates the organisation', async () => {
    expect((await owner.client.get(`/api/v1/orgs/${orgId}`)).body).toMatchObject({ id: orgId, name: 'Members Ltd', role: 'owner' });
    const renamed = await owner.client.patch(`/api/v1/orgs/${orgId}`, { name: 'Members Ltd.' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe('Members Ltd.');
    expect((await owner.client.patch(`/api/v1/orgs/${orgId}`, {})).status).toBe(400);
    // Without MFA of their own, an owner would lock themselves out.
    const mfa = await owner.client.patch(`/api/v1/orgs/${orgId}`, { requireMfa: true });
    expect(mfa.status).toBe(422);
    expect(mfa.body.error.message).toMatch(/two-factor/);
  });

  it('lists members with their details and protects the last owner', async () => {
    const admin = await joinAs(server, owner, orgId, 'admin');
    const member = await joinAs(server, owner, orgId, 'member');
    const list = await member.client.get(`/api/v1/orgs/${orgId}/members`);
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(3);
    expect(list.body.items[0]).toEqual({ userId: expect.any(String), email: expect.any(String), name: expect.any(String), role: expect.any(String), mfaEnabled: false, joinedAt: expect.any(String), adAccountIds: null });

    const lastOwnerLeaves = await owner.client.delete(`/api/v1/orgs/${orgId}/members/${owner.user.id}`);
    expect(lastOwnerLeaves.status).toBe(409);
    expect(lastOwnerLeaves.body.error.message).toMatch(/last owner cannot leave/);
    const selfDemote = await owner.client.patch(`/api/v1/orgs/${orgId}/members/${owner.user.id}`, { role: 'admin' });
    expect(selfDemote.status).toBe(409);

    expect((await admin.client.patch(`/api/v1/orgs/${orgId}/members/${member.user.id}`, { role: 'owner' })).status).toBe(403);
    expect((await admin.client.patch(`/api/v1/orgs/${orgId}/members/${owner.user.id}`, { role: 'member' })).status).toBe(403);
    expect((await admin.client.delete(`/api/v1/orgs/${orgId}/members/${owner.user.id}`)).status).toBe(403);
    expect((await member.client.patch(`/api/v1/orgs/${orgId}/members/${admin.user.id}`, { role: 'viewer' })).status).toBe(403);

    const promoted = await admin.client.patch(`/api/v1/orgs/${orgId}/members/${member.user.id}`, { role: 'admin' });
    expect(promoted.status).toBe(200);
    expect(promoted.body).toMatchObject({ userId: member.user.id, role: 'admin' });

    expect((await owner.client.patch(`/api/v1/orgs/${orgId}/members/${admin.user.id}`, { role: 'owner' })).status).toBe(200);
    // Two owners now: the first may step down, and then the second is the last one.
    expect((await owner.client.patch(`/api/v1/orgs/${orgId}/members/${owner.user.id}`, { role: 'admin' })).status).toBe(200);
    const lastRemoved = await owner.client.delete(`/api/v1/orgs/${orgId}/members/${admin.user.id}`);
    expect(lastRemoved.status).toBe(403);
    expect((await admin.client.delete(`/api/v1/orgs/${orgId}/members/${admin.user.id}`)).status).toBe(409);
    expect((await admin.client.patch(`/api/v1/orgs/${orgId}/members/${owner.user.id}`, { role: 'owner' })).status).toBe(200);
  });

  it('lets a member leave and an admin remove someone', async () => {
    const leaver = await joinAs(server, owner, orgId, 'viewer');
    const removed = await joinAs(server, owner, orgId, 'member');
    expect((await leaver.client.delete(`/api/v1/orgs/${orgId}/members/${leaver.user.id}`)).status).toBe(204);
    expect((await leaver.client.get(`/api/v1/orgs/${orgId}`)).status).toBe(404);
    expect((await owner.client.delete(`/api/v1/orgs/${orgId}/members/${removed.user.id}`)).status).toBe(204);
    expect((await removed.client.get(`/api/v1/orgs/${orgId}/members`)).status).toBe(404);
    expect((await owner.client.delete(`/api/v1/orgs/${orgId}/members/${removed.user.id}`)).status).toBe(404);
    const actions = (await owner.client.get(`/api/v1/orgs/${orgId}/audit-log?action=member.*`)).body.items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['member.left', 'member.removed', 'member.role_changed']));
  });

  it('pages members by email', async () => {
    const all = (await owner.client.get(`/api/v1/orgs/${orgId}/members?limit=100`)).body.items.map((m: { email: string }) => m.email);
    expect(all).toEqual([...all].sort());
    const first = await owner.client.get(`/api/v1/orgs/${orgId}/members?limit=1`);
    expect(first.body.items).toHaveLength(1);
    const second = await owner.client.get(`/api/v1/orgs/${orgId}/members?limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body.items[0].email).toBe(all[1]);
    expect((await owner.client.get(`/api/v1/orgs/${orgId}/members?limit=101`)).status).toBe(400);
  });
});
