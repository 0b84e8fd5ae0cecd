import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebhookEndpoint, WebhookEndpoints, WebhookEndpointWithSecret } from '@adloop/contracts';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { orgWithTeam, type OrgWithTeam } from '../setup/org-helpers.ts';

/**
 * Webhook endpoints outside sandbox mode (private networks not allowed): addresses inside a network are
 * refused with a 400 naming `url`, malformed input is a 400 naming the field, only owners and admins
 * manage endpoints, and the secret is answered once.
 */
describe('webhook endpoints (private networks refused)', () => {
  let server: TestServer;
  let org: OrgWithTeam;
  const api = (path = '') => `/api/v1/orgs/${org.orgId}/webhooks${path}`;
  const create = (body: unknown) => org.team.owner.client.post<WebhookEndpointWithSecret & { error?: { message: string; details?: { issues?: { field: string }[] } } }>(api(), body);

  beforeAll(async () => {
    const base = (await import('../../apps/server/src/platform/config.ts')).testConfig().webhooks;
    server = await startTestServer({ webhooks: { ...base, allowPrivateNetworks: false } });
    org = await orgWithTeam(server, 'Guarded Co');
  });
  afterAll(async () => {
    await server?.close();
  });

  it.each([
    ['loopback', 'https://127.0.0.1/hook', /loopback/],
    ['a private network', 'https://10.20.30.40/hook', /private network/],
    ['the cloud metadata service', 'https://169.254.169.254/latest/meta-data', /metadata/],
    ['IPv6 loopback', 'https://[::1]/hook', /loopback/],
    ['IPv4-mapped IPv6 private', 'https://[::ffff:192.168.1.1]/hook', /private network/],
    ['a name resolving to loopback', 'https://localhost/hook', /resolves to .*loopback/],
    ['plain http', 'http://hooks.example.com/adloop', /https/],
    ['credentials in the address', 'https://user:pw@hooks.example.com/', /user name or password/],
  ])('refuses %s with a 400 naming url', async (_, url, why) => {
    const res = await create({ url, kinds: ['rule.acted'] });
    expect(res.status, res.text).toBe(400);
    expect(res.body.error?.message).toMatch(why);
    expect(res.body.error?.details?.issues?.[0]?.field).toBe('url');
  });

  it('refuses a private address on update too, and nothing is stored for refused ones', async () => {
    const ok = await create({ url: 'https://hooks.example.com/adloop', kinds: ['rule.acted', 'anomaly.opened'], description: 'CRM' });
    expect(ok.status, ok.text).toBe(201);
    expect(ok.body.secret).toMatch(/^whsec_[\w-]{43}$/);
    const moved = await org.team.owner.client.patch(api(`/${ok.body.id}`), { url: 'https://192.168.0.10/hook' });
    expect(moved.status).toBe(400);
    expect(moved.body.error.details.issues[0].field).toBe('url');
    const list = await org.team.owner.client.get<WebhookEndpoints>(api());
    expect(list.body.allowsPrivateNetworks).toBe(false);
    expect(list.body.items.map((e) => e.url)).toEqual(['https://hooks.example.com/adloop']);
    expect(JSON.stringify(list.body)).not.toContain(ok.body.secret);
    expect(list.body.items[0]!.secretHint).toBe(ok.body.secret.slice(-4));
  });

  it.each([
    ['no url', { kinds: ['rule.acted'] }, 'url'],
    ['a url that is not one', { url: 'not a url', kinds: ['rule.acted'] }, 'url'],
    ['a javascript: url', { url: 'javascript:alert(1)', kinds: ['rule.acted'] }, 'url'],
    ['no kinds', { url: 'https://hooks.example.com/a', kinds: [] }, 'kinds'],
    ['an unknown kind', { url: 'https://hooks.example.com/a', kinds: ['rule.exploded'] }, 'kinds.0'],
    ['kinds not a list', { url: 'https://hooks.example.com/a', kinds: 'rule.acted' }, 'kinds'],
    ['a long description', { url: 'https://hooks.example.com/a', kinds: ['rule.acted'], description: 'x'.repeat(201) }, 'description'],
    ['an unknown field', { url: 'https://hooks.example.com/a', kinds: ['rule.acted'], secret: 'mine' }, ''],
  ])('refuses %s with a 400 naming the field', async (_, body, field) => {
    const res = await create(body);
    expect(res.status, res.text).toBe(400);
    const fields = (res.body.error?.details?.issues ?? []).map((i) => i.field);
    if (field) expect(fields).toContain(field);
    else expect(res.body.error?.message).toMatch(/secret|unrecognized|unknown/i);
  });

  it('refuses malformed ids, cursors, bodies and empty updates with a 400, never a 500', async () => {
    const c = org.team.owner.client;
    expect((await c.get(api('/not-a-uuid/deliveries'))).status).toBe(400);
    const endpoint = (await create({ url: 'https://hooks.example.com/b', kinds: ['rule.acted'] })).body;
    expect((await c.get(api(`/${endpoint.id}/deliveries?cursor=garbage`))).body.error.details.issues[0].field).toBe('cursor');
    expect((await c.get(api(`/${endpoint.id}/deliveries?limit=0`))).status).toBe(400);
    expect((await c.patch(api(`/${endpoint.id}`), {})).status).toBe(400);
    expect((await c.patch(api(`/${endpoint.id}`), { enabled: 'yes' })).body.error.details.issues[0].field).toBe('enabled');
    expect((await c.request('POST', api(), [1, 2])).status).toBe(400);
    expect((await c.request('POST', api(), '{"url":', { 'content-type': 'application/json' })).status).toBe(400);
    expect((await c.post(api(`/${endpoint.id}/test`), { surprise: true })).status).toBe(400);
    expect((await c.get(api(`/${endpoint.id}/deliveries/00000000-0000-4000-8000-000000000000`))).status).toBe(404);
    expect((await c.post(api('/00000000-0000-4000-8000-000000000000/rotate-secret'))).status).toBe(404);
  });

  it('only owners and admins manage endpoints; the admin can, a manager, member and viewer get 403', async () => {
    const byAdmin = await org.team.admin.client.post<WebhookEndpointWithSecret>(api(), { url: 'https://hooks.example.com/admin', kinds: ['ai.usage_80'] });
    expect(byAdmin.status).toBe(201);
    for (const role of ['manager', 'member', 'viewer'] as const) {
      expect((await org.team[role].client.get(api())).status).toBe(403);
      expect((await org.team[role].client.post(api(), { url: 'https://hooks.example.com/x', kinds: ['rule.acted'] })).status).toBe(403);
    }
    const off = await org.team.admin.client.patch<WebhookEndpoint>(api(`/${byAdmin.body.id}`), { enabled: false, kinds: ['ai.usage_80', 'ai.usage_100', 'ai.usage_100'] });
    expect(off.body).toMatchObject({ enabled: false, kinds: ['ai.usage_80', 'ai.usage_100'] });
    expect((await org.team.admin.client.delete(api(`/${byAdmin.body.id}`))).status).toBe(204);
    expect((await org.team.admin.client.delete(api(`/${byAdmin.body.id}`))).status).toBe(404);
    const audit = await org.team.owner.client.get<{ items: { action: string }[] }>(`/api/v1/orgs/${org.orgId}/audit-log?limit=100`);
    expect(audit.body.items.map((i) => i.action)).toEqual(expect.arrayContaining(['webhook.created', 'webhook.updated', 'webhook.deleted']));
  });
});
