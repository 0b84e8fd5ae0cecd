import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { signUpVerifiedUser, uniqueEmail, type SignedUpUser } from '../setup/auth-helpers.ts';
import { inviteByEmail, joinAs } from '../setup/org-helpers.ts';

const DAY = 24 * 60 * 60 * 1000;

describe('invitations', () => {
  let server: TestServer;
  let owner: SignedUpUser;
  let orgId: string;
  beforeAll(async () => {
    // Sessions outlive the 8-day clock jump of the expiry test.
    server = await startTestServer({ sessionIdleMinutes: 60 * 24 * 30 });
    owner = await signUpVerifiedUser(server, { organizationName: 'Invite Co', name: 'Olive Owner' });
    orgId = owner.orgId ?? '';
  });
  afterAll(async () => server?.close());

  it('goes invite → email → preview → accept → listed as member', async () => {
    const email = uniqueEmail('ivy');
    const created = await owner.client.post(`/api/v1/orgs/${orgId}/invitations`, { email, role: 'member' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email, role: 'member', status: 'valid', invitedBy: { email: owner.email, name: 'Olive Owner' } });
    expect(created.text).not.toMatch(/token/i);

    const mail = await server.waitForEmail(email, /invited to join Invite Co/);
    expect(mail.html).toContain('accept-invitation?token=');
    const link = mail.links.find((l) => l.includes('/accept-invitation?token='));
    expect(link?.startsWith('http://localhost:3000/accept-invitation?token=')).toBe(true);
    const token = new URL(link ?? '').searchParams.get('token') ?? '';

    const pending = await owner.client.get(`/api/v1/orgs/${orgId}/invitations`);
    expect(pending.body.items.map((i: { email: string }) => i.email)).toContain(email);

    const preview = await server.client().get(`/api/v1/invitations/${token}`);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ organization: { id: orgId, name: 'Invite Co' }, inviter: { name: 'Olive Owner', email: owner.email }, email, role: 'member', status: 'valid' });

    const ivy = await signUpVerifiedUser(server, { email, name: 'Ivy' });
    const accept = await ivy.client.post('/api/v1/invitations/accept', { token });
    expect(accept.status).toBe(200);
    expect(accept.body).toEqual({ organization: { id: orgId, name: 'Invite Co' }, role: 'member' });

    const members = await owner.client.get(`/api/v1/orgs/${orgId}/members`);
    expect(members.body.items).toContainEqual(expect.objectContaining({ userId: ivy.user.id, email, name: 'Ivy', role: 'member', mfaEnabled: false }));
    expect((await ivy.client.get(`/api/v1/orgs/${orgId}`)).body).toMatchObject({ id: orgId, role: 'member' });

    expect((await server.client().get(`/api/v1/invitations/${token}`)).body.status).toBe('used');
    const again = await ivy.client.post('/api/v1/invitations/accept', { token });
    expect(again.status).toBe(410);
    expect((await owner.client.get(`/api/v1/orgs/${orgId}/invitations`)).body.items.map((i: { email: string }) => i.email)).not.toContain(email);
  });

  it('answers 410 for an invitation accepted after 7 days', async () => {
    const email = uniqueEmail('late');
    const { token } = await inviteByEmail(server, owner, orgId, email, 'viewer');
    const late = await signUpVerifiedUser(server, { email });
    server.clock.advance(8 * DAY);
    try {
      expect((await server.client().get(`/api/v1/invitations/${token}`)).body.status).toBe('expired');
      const accept = await late.client.post('/api/v1/invitations/accept', { token });
      expect(accept.status).toBe(410);
      expect(accept.body.error).toMatchObject({ code: 'gone', message: expect.stringMatching(/expired/) });
    } finally {
      server.clock.advance(-8 * DAY);
    }
  });

  it('refuses an invitation accepted by someone else (403) and an unknown token (404)', async () => {
    const { token } = await inviteByEmail(server, owner, orgId, uniqueEmail('meant'), 'member');
    const other = await signUpVerifiedUser(server);
    const accept = await other.client.post('/api/v1/invitations/accept', { token });
    expect(accept.status).toBe(403);
    expect(accept.body.error.message).toMatch(/was sent to .*Sign in with that address/);
    expect((await server.client().get('/api/v1/invitations/not-a-real-token')).status).toBe(404);
    expect((await other.client.post('/api/v1/invitations/accept', { token: 'nope' })).status).toBe(404);
    expect((await server.client().post('/api/v1/invitations/accept', { token })).status).toBe(401);
  });

  it('replaces an older pending invitation to the same email, and revokes on request', async () => {
    const email = uniqueEmail('twice');
    const first = await inviteByEmail(server, owner, orgId, email, 'viewer');
    const second = await owner.client.post(`/api/v1/orgs/${orgId}/invitations`, { email, role: 'member' });
    expect(second.status).toBe(201);
    expect((await server.client().get(`/api/v1/invitations/${first.token}`)).body.status).toBe('revoked');
    const listed = (await owner.client.get(`/api/v1/orgs/${orgId}/invitations`)).body.items.filter((i: { email: string }) => i.email === email);
    expect(listed).toEqual([expect.objectContaining({ id: second.body.id, role: 'member' })]);

    expect((await owner.client.delete(`/api/v1/orgs/${orgId}/invitations/${second.body.id}`)).status).toBe(204);
    expect((await owner.client.delete(`/api/v1/orgs/${orgId}/invitations/${second.body.id}`)).status).toBe(409);
    const user = await signUpVerifiedUser(server, { email });
    const accept = await user.client.post('/api/v1/invitations/accept', { token: first.token });
    expect(accept.status).toBe(410);
  });

  it('refuses to invite an existing member (409), and checks who may invite whom', async () => {
    const admin = await joinAs(server, owner, orgId, 'admin');
    const viewer = await joinAs(server, owner, orgId, 'viewer');
    const existing = await owner.client.post(`/api/v1/orgs/${orgId}/invitations`, { email: viewer.email.toUpperCase(), role: 'member' });
    expect(existing.status).toBe(409);
    const byViewer = await viewer.client.post(`/api/v1/orgs/${orgId}/invitations`, { email: uniqueEmail(), role: 'member' });
    expect(byViewer.status).toBe(403);
    expect((await viewer.client.get(`/api/v1/orgs/${orgId}/invitations`)).status).toBe(403);
    const ownerByAdmin = await admin.client.post(`/api/v1/orgs/${orgId}/invitations`, { email: uniqueEmail(), role: 'owner' });
    expect(ownerByAdmin.status).toBe(403);
    expect((await admin.client.post(`/api/v1/orgs/${orgId}/invitations`, { email: uniqueEmail(), role: 'admin' })).status).toBe(201);
  });

  it('validates bodies strictly', async () => {
    const extra = await owner.client.post(`/api/v1/orgs/${orgId}/invitations`, { email: uniqueEmail(), role: 'member', isAdmin: true });
    expect(extra.status).toBe(400);
    expect(extra.body.error.details.issues).toContainEqual({ location: 'body', field: 'isAdmin', message: 'Unknown field' });
    const badEmail = await owner.client.post(`/api/v1/orgs/${orgId}/invitations`, { email: 'nope', role: 'member' });
    expect(badEmail.status).toBe(400);
    expect((await owner.client.get('/api/v1/orgs/not-a-uuid/invitations')).status).toBe(400);
  });

  it('pages pending invitations', async () => {
    for (let i = 0; i < 3; i++) await owner.client.post(`/api/v1/orgs/${orgId}/invitations`, { email: uniqueEmail('page'), role: 'viewer' });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=2&cursor=${cursor}` : '?limit=2';
      const page = await owner.client.get(`/api/v1/orgs/${orgId}/invitations${query}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((i: { id: string }) => i.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    const all = await owner.client.get(`/api/v1/orgs/${orgId}/invitations?limit=100`);
    expect(seen).toEqual(all.body.items.map((i: { id: string }) => i.id));
    expect(new Set(seen).size).toBe(seen.length);
    expect((await owner.client.get(`/api/v1/orgs/${orgId}/invitations?cursor=garbage`)).status).toBe(400);
  });
});
