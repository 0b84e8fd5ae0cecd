import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CampaignChange, CampaignRow, Connection } from '@adloop/contracts';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { signUpVerifiedUser, type SignedUpUser } from '../setup/auth-helpers.ts';
import { connectThroughConsent, eventually, sandboxAccounts } from '../setup/connect-helpers.ts';
import { createKey } from '../setup/org-helpers.ts';
import { TestClient } from '../setup/http-client.ts';
import { openEventStream, type EventStream } from '../setup/sse.ts';
import { MAX_STREAMS_PER_HOLDER } from '../../apps/server/src/modules/live/live.routes.ts';

/** Live updates over Server-Sent Events, read incrementally from real sockets. */
describe('live updates (GET /orgs/:orgId/events)', () => {
  let server: TestServer;
  let alice: SignedUpUser;
  let bob: SignedUpUser;
  let streamA: EventStream;
  let streamB: EventStream;
  const streams: EventStream[] = [];
  const events = (orgId: string) => `/api/v1/orgs/${orgId}/events`;

  beforeAll(async () => {
    // Heartbeats (each re-checking the reader's access) every 200 ms rather than 20 s.
    server = await startTestServer({ liveHeartbeatMs: 200 });
    alice = await signUpVerifiedUser(server, { organizationName: 'Alice Ads' });
    bob = await signUpVerifiedUser(server, { organizationName: 'Bob Ads' });
    streamA = await openEventStream(alice.client, events(alice.orgId!));
    streamB = await openEventStream(bob.client, events(bob.orgId!));
    streams.push(streamA, streamB);
  }, 60_000);
  afterAll(async () => {
    for (const stream of streams) stream.close();
    await server?.close();
  });

  it('opens an event stream with the streaming headers and a first comment', () => {
    expect(streamA.status).toBe(200);
    expect(streamA.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(streamA.headers.get('cache-control')).toMatch(/no-cache/);
    expect(streamA.headers.get('x-accel-buffering')).toBe('no');
    expect(streamA.headers.get('x-request-id')).toBeTruthy();
    expect(streamA.comments).toContain('connected');
  });

  it('refuses strangers (401) and members of other organisations (404) with a JSON error before any stream', async () => {
    const anonymous = await openEventStream(server.client(), events(alice.orgId!));
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toMatch(/json/);
    expect(anonymous.body).toMatchObject({ error: { code: 'unauthenticated' } });

    const intruder = await openEventStream(bob.client, events(alice.orgId!));
    expect(intruder.status).toBe(404);
    expect(intruder.body).toMatchObject({ error: { code: 'not_found' } });
    expect(JSON.stringify(intruder.body)).not.toContain('Alice Ads');

    const bobsKey = await createKey(bob, bob.orgId!, 'read');
    const withKey = await openEventStream(TestClient.withApiKey(server.url, bobsKey.secret), events(alice.orgId!));
    expect(withKey.status).toBe(404);
  });

  it('an API key with read scope can follow its own organisation', async () => {
    const key = await createKey(alice, alice.orgId!, 'read');
    const stream = await openEventStream(TestClient.withApiKey(server.url, key.secret), events(alice.orgId!));
    streams.push(stream);
    expect(stream.status).toBe(200);
    stream.close();
  });

  it('ends a stream once its reader loses access: a revoked API key, a signed-out session', async () => {
    const key = await createKey(alice, alice.orgId!, 'read');
    const byKey = await openEventStream(TestClient.withApiKey(server.url, key.secret), events(alice.orgId!));
    streams.push(byKey);
    expect(byKey.status).toBe(200);
    await byKey.waitFor(() => false, 700).catch(() => undefined);
    expect(byKey.comments.filter((c) => c === 'heartbeat').length).toBeGreaterThanOrEqual(2);
    expect((await alice.client.delete(`/api/v1/orgs/${alice.orgId}/api-keys/${key.id}`)).status).toBe(204);
    await expect(byKey.waitFor(() => false, 5000, 'the end')).rejects.toThrow(/stream ended before the end/);

    const dana = await signUpVerifiedUser(server, { organizationName: 'Dana Ads' });
    const own = await openEventStream(dana.client, events(dana.orgId!));
    streams.push(own);
    expect(own.status).toBe(200);
    expect((await dana.client.post('/api/v1/auth/sign-out', {})).status).toBe(204);
    await expect(own.waitFor(() => false, 5000, 'the end')).rejects.toThrow(/stream ended before the end/);
    // Reconnecting with the old cookie is refused.
    expect((await openEventStream(dana.client, events(dana.orgId!))).status).toBe(401);
  });

  it('streams sync events while a connected account syncs, and change events as a campaign change moves', async () => {
    const orgId = alice.orgId!;
    const grant = sandboxAccounts(server, 'tiktok').filter((a) => !a.isManager).slice(0, 1).map((a) => a.id);
    const connected = await connectThroughConsent(alice, orgId, 'tiktok', grant);
    const connection = (await alice.client.get<Connection>(`/api/v1/orgs/${orgId}/connections/${connected.connectionId}`)).body;
    const account = connection.accounts.find((a) => grant.includes(a.platformAccountId))!;
    expect((await alice.client.put(`/api/v1/orgs/${orgId}/connections/${connected.connectionId}/accounts`, { accountIds: [account.id] })).status).toBe(200);

    const running = await streamA.waitFor((e) => e.event === 'sync' && (e.data as { state: string }).state === 'running', 60_000, 'sync running');
    expect(running.data).toEqual({ type: 'sync', adAccountId: account.id, state: 'running' });
    expect(running.id).toMatch(/^\d+$/);
    await streamA.waitFor((e) => e.event === 'sync' && (e.data as { state: string }).state === 'succeeded', 120_000, 'sync succeeded');

    const campaigns = await eventually(async () => {
      const page = (await alice.client.get<{ items: CampaignRow[] }>(`/api/v1/orgs/${orgId}/campaigns?status=active&limit=1`)).body;
      return page.items.length ? page.items : null;
    }, 30_000, 'an active campaign');
    const campaign = campaigns[0]!;
    const asked = await alice.client.post<{ items: CampaignChange[] }>(`/api/v1/orgs/${orgId}/campaign-changes`, {
      idempotencyKey: randomUUID(),
      changes: [{ campaignId: campaign.id, action: 'pause', expected: { status: campaign.status } }],
    });
    expect(asked.status).toBe(202);
    const changeId = asked.body.items[0]!.id;
    const pending = await streamA.waitFor((e) => e.event === 'change' && (e.data as { changeId: string }).changeId === changeId, 10_000, 'change requested');
    expect(pending.data).toEqual({ type: 'change', changeId, campaignId: campaign.id, status: 'pending' });
    const settled = await streamA.waitFor((e) => e.event === 'change' && (e.data as { changeId: string; status: string }).changeId === changeId && (e.data as { status: string }).status !== 'pending', 30_000, 'change settled');
    expect(settled.data).toMatchObject({ status: 'applied' });

    // Undo: requested (pending), then the undo applies and the original becomes undone.
    const undo = await alice.client.post<CampaignChange>(`/api/v1/orgs/${orgId}/campaign-changes/${changeId}/undo`, { idempotencyKey: randomUUID() });
    expect(undo.status).toBe(202);
    await streamA.waitFor((e) => e.event === 'change' && (e.data as { changeId: string }).changeId === undo.body.id, 10_000, 'undo requested');
    await streamA.waitFor((e) => e.event === 'change' && (e.data as { changeId: string; status: string }).changeId === changeId && (e.data as { status: string }).status === 'undone', 30_000, 'original undone');

    const ids = streamA.events.map((e) => Number(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  }, 180_000);

  it('never carries one organisation’s events to another’s stream', async () => {
    expect(streamA.events.length).toBeGreaterThan(3);
    // Bob's stream carries only his own organisation's news (the notice of the API key he created), none of Alice's events.
    expect(streamB.events.map((e) => e.event)).toEqual(streamB.events.map(() => 'notification'));
    expect(streamB.events.length).toBeLessThan(streamA.events.length);
    const aliceIds = new Set(streamA.events.flatMap((e) => Object.values(e.data as Record<string, string>)));
    for (const id of [alice.orgId!, ...aliceIds].filter((v) => v.length > 20)) expect(JSON.stringify(streamB.events)).not.toContain(id);
  });

  it(`caps open streams per person at ${MAX_STREAMS_PER_HOLDER}, and frees a place when one closes`, async () => {
    const carol = await signUpVerifiedUser(server, { organizationName: 'Carol Co' });
    const path = events(carol.orgId!);
    const open: EventStream[] = [];
    for (let i = 0; i < MAX_STREAMS_PER_HOLDER; i++) open.push(await openEventStream(carol.client, path));
    streams.push(...open);
    expect(open.every((s) => s.status === 200)).toBe(true);
    const refused = await openEventStream(carol.client, path);
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ error: { code: 'rate_limited' } });

    open[0]!.close();
    const again = await eventually(async () => {
      const stream = await openEventStream(carol.client, path);
      if (stream.status === 200) return stream;
      return null;
    }, 10_000, 'a freed place');
    streams.push(again);
    expect(again.status).toBe(200);
  });
});
