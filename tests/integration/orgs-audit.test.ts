import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { signUpVerifiedUser, uniqueEmail, type SignedUpUser } from '../setup/auth-helpers.ts';
import { TestClient } from '../setup/http-client.ts';
import { createKey, inviteByEmail } from '../setup/org-helpers.ts';

interface Entry {
  id: string;
  action: string;
  actorType: string;
  actorLabel: string;
  targetType: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  userAgent: string | null;
  createdAt: string;
}

describe('audit log', () => {
  let server: TestServer;
  let owner: SignedUpUser;
  let orgId: string;
  let keySecret: string;
  let joinerEmail = '';
  beforeAll(async () => {
    server = await startTestServer();
    owner = await signUpVerifiedUser(server, { name: 'Audrey' });
    orgId = (await owner.client.post('/api/v1/orgs', { name: 'Audit Co' })).body.id;
    await owner.client.patch(`/api/v1/orgs/${orgId}`, { name: 'Audit Co 2' });
    const email = uniqueEmail('joiner');
    joinerEmail = email;
    const { token } = await inviteByEmail(server, owner, orgId, email, 'member');
    const joiner = await signUpVerifiedUser(server, { email });
    await joiner.client.post('/api/v1/invitations/accept', { token });
    await owner.client.patch(`/api/v1/orgs/${orgId}/members/${joiner.user.id}`, { role: 'viewer' });
    await owner.client.delete(`/api/v1/orgs/${orgId}/members/${joiner.user.id}`);
    const revoked = await inviteByEmail(server, owner, orgId, uniqueEmail('gone'), 'viewer');
    await owner.client.delete(`/api/v1/orgs/${orgId}/invitations/${revoked.invitationId}`);
    const key = await createKey(owner, orgId, 'read');
    keySecret = key.secret;
    await owner.client.delete(`/api/v1/orgs/${orgId}/api-keys/${key.id}`);
    keySecret = (await createKey(owner, orgId, 'read')).secret;
  });
  afterAll(async () => server?.close());

  const list = async (query = '') => (await owner.client.get<{ items: Entry[]; nextCursor: string | null }>(`/api/v1/orgs/${orgId}/audit-log${query}`)).body;

  it('records every change with its actor, newest first', async () => {
    const { items } = await list('?limit=100');
    expect(items.map((e) => e.action).reverse()).toEqual([
      'org.created',
      'org.updated',
      'invitation.created',
      'invitation.accepted',
      'member.role_changed',
      'member.removed',
      'invitation.created',
      'invitation.revoked',
      'api_key.created',
      'api_key.revoked',
      'api_key.created',
    ]);
    const updated = items.find((e) => e.action === 'org.updated');
    expect(updated).toMatchObject({ actorType: 'user', actorLabel: owner.email, before: { name: 'Audit Co' }, after: { name: 'Audit Co 2' }, ip: expect.any(String) });
    expect(items.find((e) => e.action === 'member.role_changed')).toMatchObject({ before: { role: 'member' }, after: { role: 'viewer' } });
    expect(JSON.stringify(items)).not.toContain(keySecret);
    expect(JSON.stringify(items)).not.toMatch(/token|keyHash|key_hash/i);
  });

  it('names what each event is about, by its name now (never only an id)', async () => {
    const { items } = await list('?limit=100');
    const labelOf = (action: string) => (items.find((e) => e.action === action) as (Entry & { targetLabel: string | null }) | undefined)?.targetLabel;
    expect(labelOf('org.updated')).toBe('Audit Co 2');
    expect(labelOf('member.role_changed')).toContain(joinerEmail);
    expect(labelOf('invitation.created')).toMatch(/@/);
    expect(labelOf('api_key.created')).toEqual(expect.any(String));
  });

  it('filters by action, actor type, target type and time', async () => {
    expect((await list('?action=api_key.created')).items).toHaveLength(2);
    expect((await list('?action=invitation.*')).items.map((e) => e.action)).toEqual(['invitation.revoked', 'invitation.created', 'invitation.accepted', 'invitation.created']);
    expect((await list('?targetType=member')).items.map((e) => e.action)).toEqual(['member.removed', 'member.role_changed']);
    expect((await list('?actorType=system')).items).toEqual([]);
    const all = (await list('?limit=100')).items;
    const oldest = all.at(-1)?.createdAt ?? '';
    expect((await list(`?to=${encodeURIComponent(oldest)}`)).items).toEqual([]);
    expect((await list(`?from=${encodeURIComponent(oldest)}&limit=100`)).items).toHaveLength(all.length);
    expect((await owner.client.get(`/api/v1/orgs/${orgId}/audit-log?actorType=robot`)).status).toBe(400);
    expect((await owner.client.get(`/api/v1/orgs/${orgId}/audit-log?from=yesterday`)).status).toBe(400);
  });

  it('pages with an opaque cursor', async () => {
    const all = (await list('?limit=100')).items.map((e) => e.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Entry[]; nextCursor: string | null } = await list(`?limit=4${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(4);
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
    expect((await list()).items).toHaveLength(Math.min(25, all.length));
    expect((await owner.client.get(`/api/v1/orgs/${orgId}/audit-log?limit=0`)).status).toBe(400);
    expect((await owner.client.get(`/api/v1/orgs/${orgId}/audit-log?cursor=abc`)).status).toBe(400);
  });

  it('is readable with a read key and hidden from non-members', async () => {
    const key = TestClient.withApiKey(server.url, keySecret);
    const page = await key.get(`/api/v1/orgs/${orgId}/audit-log?actorType=user&limit=1`);
    expect(page.status).toBe(200);
    expect(page.body.items).toHaveLength(1);
    const member = await signUpVerifiedUser(server);
    expect((await member.client.get(`/api/v1/orgs/${orgId}/audit-log`)).status).toBe(404);
  });

  it('shows a person their own account activity, and nobody else\'s', async () => {
    const mine = await owner.client.get<{ items: Entry[] }>('/api/v1/me/activity');
    expect(mine.status).toBe(200);
    const actions = mine.body.items.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['user.signed_up', 'user.signed_in']));
    expect(actions.some((a) => a.startsWith('member.') || a.startsWith('org.'))).toBe(false);
    const other = await signUpVerifiedUser(server, { name: 'Outsider' });
    const theirs = await other.client.get<{ items: Entry[] }>('/api/v1/me/activity?action=user.*');
    expect(theirs.body.items.every((e) => e.actorLabel !== owner.email)).toBe(true);
    const byKey = await TestClient.withApiKey(server.url, keySecret).get('/api/v1/me/activity');
    expect(byKey.status).toBe(403);
  });

  it('cannot be changed: the database refuses UPDATE and DELETE', async () => {
    for (const statement of [
      sql`UPDATE audit_log SET action = 'tampered' WHERE org_id = ${orgId}`,
      sql`DELETE FROM audit_log WHERE org_id = ${orgId}`,
    ]) {
      const failure: unknown = await server.ctx.db.execute(statement).then(() => null, (error: unknown) => error);
      expect(failure).not.toBeNull();
      expect(String((failure as { cause?: unknown }).cause ?? failure)).toMatch(/append-only/);
    }
    expect((await list('?limit=100')).items.some((e) => e.action === 'tampered')).toBe(false);
  });
});
