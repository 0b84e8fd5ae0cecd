import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Notification, WebhookDelivery, WebhookDeliveryDetail, WebhookEndpoint, WebhookEndpoints, WebhookEndpointWithSecret } from '@adloop/contracts';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { signUpVerifiedUser, type SignedUpUser } from '../setup/auth-helpers.ts';
import { eventually } from '../setup/connect-helpers.ts';
import { queueWebhookEvent } from '../../apps/server/src/modules/webhooks/webhooks.service.ts';
import { emitNotification } from '../../apps/server/src/modules/notifications/emit.ts';

/**
 * Webhook delivery end to end over real sockets: Adloop's queue signs and POSTs events to the sandbox
 * receiver, which fails on command; retries with backoff deliver once, the log shows each attempt, a
 * replay resends the same event, and an endpoint that keeps failing is turned off with a notice to admins.
 */
interface ReceiverView {
  id: string;
  url: string;
  deliveries: { eventId: string | null; outcome: 'accepted' | 'failed' | 'timed_out'; signature: { verified: boolean } | null; headers: Record<string, string>; body: string }[];
}

describe('webhook delivery', () => {
  let server: TestServer;
  let owner: SignedUpUser;
  let orgId: string;
  let receiverUrl: string;
  const api = (path: string) => `/api/v1/orgs/${orgId}/webhooks${path}`;

  const receiver = {
    async create(secret?: string): Promise<ReceiverView> {
      const res = await fetch(`${receiverUrl}/api/endpoints`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Test', ...(secret ? { secret } : {}) }) });
      return (await res.json()) as ReceiverView;
    },
    async setSecret(id: string, secret: string): Promise<void> {
      await fetch(`${receiverUrl}/api/endpoints/${id}/secret`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ secret }) });
    },
    async fail(id: string, count: number, mode: '500' | 'timeout' = '500'): Promise<void> {
      const res = await fetch(`${receiverUrl}/api/endpoints/${id}/fail`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ count, mode }) });
      expect(res.status).toBe(200);
    },
    async view(id: string): Promise<ReceiverView> {
      return (await (await fetch(`${receiverUrl}/api/endpoints/${id}`)).json()) as ReceiverView;
    },
  };

  async function endpointTo(hook: ReceiverView, kinds: string[] = ['rule.acted']): Promise<WebhookEndpointWithSecret> {
    const created = await owner.client.post<WebhookEndpointWithSecret>(api(''), { url: hook.url, description: 'Receiver', kinds });
    expect(created.status).toBe(201);
    await receiver.setSecret(hook.id, created.body.secret);
    return created.body;
  }

  async function finished(endpointId: string, deliveryId: string): Promise<WebhookDeliveryDetail> {
    return eventually(async () => {
      const detail = await owner.client.get<WebhookDeliveryDetail>(api(`/${endpointId}/deliveries/${deliveryId}`));
      return detail.body.state !== 'pending' ? detail.body : null;
    }, 30_000, `delivery ${deliveryId} to finish`);
  }

  beforeAll(async () => {
    server = await startTestServer({
      webhooks: { retryBaseMs: 100, maxAttempts: 5, disableAfterFailures: 4, timeoutMs: 1_500, allowPrivateNetworks: true },
    });
    owner = await signUpVerifiedUser(server, { organizationName: 'Hooked Co' });
    orgId = owner.orgId!;
    receiverUrl = server.sandbox!.urls.webhooks!;
  });
  afterAll(async () => {
    await server?.close();
  });

  it('an endpoint that fails 3 times then succeeds gets the event once: the receiver accepts one request, the log shows 4 attempts', async () => {
    const hook = await receiver.create();
    const endpoint = await endpointTo(hook);
    await receiver.fail(hook.id, 3);
    const sent = await owner.client.post<WebhookDelivery>(api(`/${endpoint.id}/test`));
    expect(sent.status).toBe(202);
    const detail = await finished(endpoint.id, sent.body.id);
    expect(detail.state).toBe('succeeded');
    expect(detail.attempts).toBe(4);
    expect(detail.attemptLog.map((a) => a.responseStatus)).toEqual([500, 500, 500, 200]);
    expect(detail.attemptLog.map((a) => a.attempt)).toEqual([1, 2, 3, 4]);
    expect(detail.attemptLog[0]!.responseBody).toContain('failing on purpose');
    expect(detail.attemptLog.every((a) => a.durationMs >= 0 && a.requestHeaders['adloop-event-id'] === detail.eventId)).toBe(true);

    const seen = await receiver.view(hook.id);
    expect(seen.deliveries).toHaveLength(4);
    expect(seen.deliveries.filter((d) => d.outcome === 'accepted')).toHaveLength(1);
    expect(new Set(seen.deliveries.map((d) => d.eventId))).toEqual(new Set([detail.eventId]));
    expect(seen.deliveries.every((d) => d.signature?.verified === true)).toBe(true);
    expect(JSON.parse(seen.deliveries[0]!.body)).toMatchObject({ id: detail.eventId, type: 'webhook.test', organizationId: orgId, test: true });
    expect(seen.deliveries.map((d) => d.headers['adloop-attempt']).sort()).toEqual(['1', '2', '3', '4']);

    const listed = await owner.client.get<WebhookEndpoints>(api(''));
    expect(listed.body.items.find((e) => e.id === endpoint.id)).toMatchObject({ consecutiveFailures: 0, lastDelivery: { state: 'succeeded', status: 200 } });
  });

  it('a request that times out is retried; the log says it got no answer', async () => {
    const hook = await receiver.create();
    const endpoint = await endpointTo(hook);
    await receiver.fail(hook.id, 1, 'timeout');
    const sent = await owner.client.post<WebhookDelivery>(api(`/${endpoint.id}/test`));
    const detail = await finished(endpoint.id, sent.body.id);
    expect(detail.state).toBe('succeeded');
    expect(detail.attemptLog).toHaveLength(2);
    expect(detail.attemptLog[0]).toMatchObject({ responseStatus: null, error: 'No answer within 1.5 s' });
    expect(detail.attemptLog[0]!.durationMs).toBeGreaterThanOrEqual(1_400);
    expect(detail.attemptLog[1]!.responseStatus).toBe(200);
  });

  it('a replay sends the same event (same id and body) again as a new delivery, signed afresh', async () => {
    const hook = await receiver.create();
    const endpoint = await endpointTo(hook);
    const sent = await owner.client.post<WebhookDelivery>(api(`/${endpoint.id}/test`));
    const first = await finished(endpoint.id, sent.body.id);
    // The test server's clock stands still; the replay is asked a second later, so the log lists it first.
    server.clock.advance(1_000);
    const replay = await owner.client.post<WebhookDelivery>(api(`/${endpoint.id}/deliveries/${first.id}/replay`));
    expect(replay.status).toBe(202);
    expect(replay.body).toMatchObject({ eventId: first.eventId, replayOf: first.id, state: 'pending' });
    const again = await finished(endpoint.id, replay.body.id);
    expect(again.state).toBe('succeeded');
    expect(again.body).toBe(first.body);
    const seen = await receiver.view(hook.id);
    expect(seen.deliveries.map((d) => d.eventId)).toEqual([first.eventId, first.eventId]);
    expect(seen.deliveries.every((d) => d.signature?.verified)).toBe(true);
    const page = await owner.client.get<{ items: WebhookDelivery[] }>(api(`/${endpoint.id}/deliveries`));
    expect(page.body.items.map((d) => d.id)).toEqual([replay.body.id, first.id]);
  });

  it('a rotated secret signs from then on: the receiver with the old secret no longer verifies', async () => {
    const hook = await receiver.create();
    const endpoint = await endpointTo(hook);
    const rotated = await owner.client.post<WebhookEndpointWithSecret>(api(`/${endpoint.id}/rotate-secret`));
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(endpoint.secret);
    expect(rotated.body.secretHint).toBe(rotated.body.secret.slice(-4));
    const sent = await owner.client.post<WebhookDelivery>(api(`/${endpoint.id}/test`));
    await finished(endpoint.id, sent.body.id);
    expect((await receiver.view(hook.id)).deliveries[0]!.signature?.verified).toBe(false);
    await receiver.setSecret(hook.id, rotated.body.secret);
    expect((await receiver.view(hook.id)).deliveries[0]!.signature?.verified).toBe(true);
    const listed = await owner.client.get<WebhookEndpoints>(api(''));
    expect(JSON.stringify(listed.body)).not.toContain(rotated.body.secret);
  });

  it('an endpoint failing 4 attempts in a row is turned off, its waiting deliveries fail, and admins get a notice', async () => {
    const hook = await receiver.create();
    const endpoint = await endpointTo(hook);
    await receiver.fail(hook.id, 100);
    const delivery = await queueWebhookEvent(server.ctx, server.ctx.db, {
      orgId, endpointId: endpoint.id, eventId: randomUUID(), kind: 'rule.acted', severity: 'info', title: 'Rule paused a campaign', body: 'Spend too high',
      link: null, details: { ruleId: randomUUID() }, createdAt: new Date(),
    });
    const detail = await finished(endpoint.id, delivery!.id);
    expect(detail.state).toBe('failed');
    expect(detail.attemptLog).toHaveLength(4);
    const listed = await owner.client.get<WebhookEndpoints>(api(''));
    const off = listed.body.items.find((e) => e.id === endpoint.id) as WebhookEndpoint;
    expect(off).toMatchObject({ enabled: false, consecutiveFailures: 4 });
    expect(off.disabledReason).toMatch(/4 failed attempts in a row/);
    const bell = await owner.client.get<{ items: Notification[] }>(`/api/v1/orgs/${orgId}/notifications`);
    expect(bell.body.items.some((n) => n.title === 'A webhook endpoint was turned off' && n.body.includes(hook.url))).toBe(true);
    // Turned off: events are not handed to it; a replay is refused until it is on again.
    expect((await owner.client.post(api(`/${endpoint.id}/deliveries/${detail.id}/replay`))).status).toBe(409);
    const on = await owner.client.patch<WebhookEndpoint>(api(`/${endpoint.id}`), { enabled: true });
    expect(on.body).toMatchObject({ enabled: true, consecutiveFailures: 0, disabledReason: null });
  });

  it('a notification of a subscribed kind reaches the endpoint once through the webhook channel', async () => {
    const hook = await receiver.create();
    const endpoint = await endpointTo(hook, ['anomaly.opened']);
    const other = await receiver.create();
    await endpointTo(other, ['budget.pacing']);
    const eventId = await server.ctx.db.transaction((tx) => emitNotification(server.ctx, tx, {
      orgId, kind: 'anomaly.opened', title: 'Spend spike on Brand', body: 'Spend is 3× the usual', data: { campaignId: 'c-1', ratio: 3 },
    }));
    expect(eventId).toBeTruthy();
    const seen = await eventually(async () => {
      const view = await receiver.view(hook.id);
      return view.deliveries.length > 0 ? view : null;
    }, 30_000, 'the anomaly event at the receiver');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const final = await receiver.view(hook.id);
    expect(final.deliveries).toHaveLength(1);
    expect(seen.deliveries[0]!.signature?.verified).toBe(true);
    expect(JSON.parse(seen.deliveries[0]!.body)).toMatchObject({ id: eventId, type: 'anomaly.opened', data: { title: 'Spend spike on Brand', severity: 'warning', details: { campaignId: 'c-1', ratio: 3 } } });
    expect((await receiver.view(other.id)).deliveries).toHaveLength(0);
    const page = await owner.client.get<{ items: WebhookDelivery[] }>(api(`/${endpoint.id}/deliveries`));
    expect(page.body.items).toHaveLength(1);
  });
});
