import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '@adloop/db';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { signUpVerifiedUser, uniqueEmail, type SignedUpUser } from '../setup/auth-helpers.ts';
import { TestClient } from '../setup/http-client.ts';
import { createKey, inviteByEmail, joinAs, orgWithTeam } from '../setup/org-helpers.ts';

/**
 * Tenancy: every organisation route, called by anyone outside the organisation, answers 404 and
 * shows nothing of it. Routes are read from the running app (Fastify's route tree, which includes
 * routes hidden from the OpenAPI document), so a route added later is walked too.
 */

/**
 * A valid body for each org route that takes one: a body that fails validation would be refused
 * with 400 before the access check runs, and the test could not tell whether the check exists.
 */
const SAMPLE_BODIES: Record<string, unknown> = {
  'PATCH /api/v1/orgs/:orgId': { name: 'Renamed by an intruder' },
  'PATCH /api/v1/orgs/:orgId/members/:userId': { role: 'owner' },
  'PUT /api/v1/orgs/:orgId/members/:userId/ad-accounts': { adAccountIds: [] },
  'POST /api/v1/orgs/:orgId/invitations': { email: 'intruder@example.test', role: 'owner' },
  'POST /api/v1/orgs/:orgId/api-keys': { name: 'intruder', scope: 'read_write' },
  'POST /api/v1/orgs/:orgId/connections/authorize': { platform: 'google_ads' },
  'PUT /api/v1/orgs/:orgId/connections/:connectionId/accounts': { accountIds: [] },
  'POST /api/v1/orgs/:orgId/ad-accounts/:accountId/sync': {},
  'POST /api/v1/orgs/:orgId/ad-accounts/:accountId/images': { fileName: 'intruder.png', contentType: 'image/png', dataBase64: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==' },
  'POST /api/v1/orgs/:orgId/ad-accounts/:accountId/videos': { fileName: 'intruder.mp4', contentType: 'video/mp4', dataBase64: 'AAAAGGZ0eXBtcDQyAAAAAG1wNDJpc29t' },
  'POST /api/v1/orgs/:orgId/notifications/read': {},
  'PUT /api/v1/orgs/:orgId/utm-template': { template: { utm_source: 'intruder', utm_medium: 'paid', utm_campaign: '{campaign_name}', utm_content: '{ad_name}' } },
  'POST /api/v1/orgs/:orgId/campaign-changes': { idempotencyKey: 'intruder-key-1', changes: [{ campaignId: '00000000-0000-4000-8000-000000000001', action: 'pause', expected: { status: 'active' } }] },
  'POST /api/v1/orgs/:orgId/campaign-changes/:changeId/undo': { idempotencyKey: 'intruder-key-2' },
  'POST /api/v1/orgs/:orgId/campaigns': {
    adAccountId: '00000000-0000-4000-8000-000000000002',
    name: 'Intruder',
    objective: 'OUTCOME_TRAFFIC',
    budget: { kind: 'daily', amountMicros: 10_000_000 },
    adGroup: { name: 'x', countries: ['US'] },
    ad: { name: 'x', headline: 'x', description: 'x', finalUrl: 'https://example.com' },
  },
};
const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

interface RouteEntry {
  method: string;
  path: string;
}

/** Flattens `app.printRoutes({ commonPrefix: false })`, a radix tree drawn four characters per level. */
function parseRouteTree(tree: string): RouteEntry[] {
  const stack: string[] = [];
  const routes: RouteEntry[] = [];
  for (const line of tree.split('\n')) {
    const match = /^((?:│ {3}| {4})*)[├└]── (.*?)(?: \(([^)]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = (match[1] ?? '').length / 4;
    stack.length = depth;
    const path = stack.join('') + (match[2] ?? '');
    stack.push(match[2] ?? '');
    for (const method of (match[3] ?? '').split(',').map((m) => m.trim()).filter(Boolean)) {
      if (method !== 'HEAD' && method !== 'OPTIONS') routes.push({ method, path });
    }
  }
  return routes;
}

describe('tenancy: other organisations see nothing', () => {
  let server: TestServer;
  let target: { orgId: string; owner: SignedUpUser; member: SignedUpUser; invitationId: string; invitedEmail: string; key: { id: string; secret: string } };
  let callers: { label: string; client: TestClient }[];
  let orgRoutes: RouteEntry[];

  beforeAll(async () => {
    server = await startTestServer();
    const owner = await signUpVerifiedUser(server, { organizationName: 'Target Corp', name: 'Tara Target' });
    const orgId = owner.orgId ?? '';
    const member = await joinAs(server, owner, orgId, 'member');
    const invitedEmail = uniqueEmail('pending');
    const { invitationId } = await inviteByEmail(server, owner, orgId, invitedEmail, 'admin');
    const key = await createKey(owner, orgId, 'read_write', 'Target key');
    target = { orgId, owner, member, invitationId, invitedEmail, key };

    const intruders = await orgWithTeam(server, 'Intruder LLC');
    const intruderKeys = await Promise.all([createKey(intruders.team.owner, intruders.orgId, 'read'), createKey(intruders.team.owner, intruders.orgId, 'read_write')]);
    callers = [
      ...ROLES.map((role) => ({ label: `${role} of another organisation`, client: intruders.team[role].client })),
      { label: 'read key of another organisation', client: TestClient.withApiKey(server.url, intruderKeys[0].secret) },
      { label: 'read_write key of another organisation', client: TestClient.withApiKey(server.url, intruderKeys[1].secret) },
    ];

    orgRoutes = parseRouteTree(server.app?.printRoutes({ commonPrefix: false }) ?? '').filter((r) => r.path.includes(':orgId'));
  });
  afterAll(async () => server?.close());

  it('finds the organisation routes, and each is in the OpenAPI document', async () => {
    const keys = orgRoutes.map((r) => `${r.method} ${r.path}`);
    // The routes this module ships; others join the walk automatically when they are added.
    expect(keys).toEqual(expect.arrayContaining([
      'GET /api/v1/orgs/:orgId',
      'PATCH /api/v1/orgs/:orgId',
      'GET /api/v1/orgs/:orgId/members',
      'PATCH /api/v1/orgs/:orgId/members/:userId',
      'DELETE /api/v1/orgs/:orgId/members/:userId',
      'GET /api/v1/orgs/:orgId/invitations',
      'POST /api/v1/orgs/:orgId/invitations',
      'DELETE /api/v1/orgs/:orgId/invitations/:invitationId',
      'GET /api/v1/orgs/:orgId/api-keys',
      'POST /api/v1/orgs/:orgId/api-keys',
      'DELETE /api/v1/orgs/:orgId/api-keys/:keyId',
      'GET /api/v1/orgs/:orgId/audit-log',
    ]));
    const doc = await server.client().get<{ paths: Record<string, Record<string, unknown>> }>('/api/v1/openapi.json');
    for (const route of orgRoutes) {
      const documented = doc.body.paths[route.path.replace(/:(\w+)/g, '{$1}')]?.[route.method.toLowerCase()];
      expect(documented, `${route.method} ${route.path} is missing from the OpenAPI document`).toBeDefined();
    }
  });

  it('answers 404 with no data to every member role and API key of another organisation', async () => {
    const params: Record<string, string> = {
      orgId: target.orgId,
      userId: target.member.user.id,
      invitationId: target.invitationId,
      keyId: target.key.id,
    };
    const secrets = ['Target Corp', 'Tara Target', target.orgId, target.owner.email, target.member.email, target.member.user.id, target.invitedEmail, target.invitationId, target.key.id, target.key.secret.slice(0, 12)];
    const before = (await target.owner.client.get(`/api/v1/orgs/${target.orgId}/audit-log?limit=100`)).body.items.length;

    for (const route of orgRoutes) {
      const name = `${route.method} ${route.path}`;
      const body = METHODS_WITH_BODY.has(route.method) ? SAMPLE_BODIES[name] : undefined;
      if (METHODS_WITH_BODY.has(route.method) && body === undefined) {
        throw new Error(`No sample body for ${name}: add a valid one to SAMPLE_BODIES in tests/integration/tenancy.test.ts`);
      }
      const url = route.path.replace(/:(\w+)/g, (_, param: string) => params[param] ?? randomUUID());
      for (const caller of callers) {
        const response = await caller.client.request(route.method, url, body);
        const where = `${name} as ${caller.label}: HTTP ${response.status} ${response.text}`;
        expect(response.status, where).toBe(404);
        expect(response.body?.error?.code, where).toBe('not_found');
        for (const secret of secrets) expect(response.text, where).not.toContain(secret);
      }
    }

    // Nothing changed: same name, same members, the invitation and key still live, no new audit rows.
    const owner = target.owner.client;
    expect((await owner.get(`/api/v1/orgs/${target.orgId}`)).body.name).toBe('Target Corp');
    expect((await owner.get(`/api/v1/orgs/${target.orgId}/members`)).body.items).toHaveLength(2);
    expect((await owner.get(`/api/v1/orgs/${target.orgId}/invitations`)).body.items.map((i: { id: string }) => i.id)).toEqual([target.invitationId]);
    expect((await TestClient.withApiKey(server.url, target.key.secret).get(`/api/v1/orgs/${target.orgId}`)).status).toBe(200);
    expect((await owner.get(`/api/v1/orgs/${target.orgId}/audit-log?limit=100`)).body.items).toHaveLength(before);
  });

  it('answers 404 for an organisation that does not exist, and 401 to strangers', async () => {
    const [caller] = callers;
    expect((await caller?.client.get(`/api/v1/orgs/${randomUUID()}`))?.status).toBe(404);
    const anonymous = await server.client().get(`/api/v1/orgs/${target.orgId}`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.text).not.toContain('Target Corp');
  });
});
