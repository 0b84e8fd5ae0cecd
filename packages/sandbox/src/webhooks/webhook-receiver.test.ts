import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebhookReceiver, type RunningWebhookReceiver } from './webhook-receiver.ts';

const sign = (secret: string, t: number, body: string) => `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;

describe('webhook receiver sandbox', () => {
  let receiver: RunningWebhookReceiver;
  beforeAll(async () => {
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await receiver.close();
  });

  async function post(url: string, body: string, headers: Record<string, string>, timeoutMs = 5_000): Promise<number | 'timeout'> {
    try {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, signal: AbortSignal.timeout(timeoutMs) });
      return res.status;
    } catch {
      return 'timeout';
    }
  }

  it('records requests with their headers and whether the signature verifies, and fails the next N on command', async () => {
    const created = (await (await fetch(`${receiver.url}/api/endpoints`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'CRM', secret: 'whsec_test' }) })).json()) as { id: string; url: string };
    expect(created.url).toBe(`${receiver.url}/hooks/${created.id}`);
    const body = JSON.stringify({ id: 'e1', type: 'rule.acted' });
    const now = Math.floor(Date.now() / 1000);
    expect(await post(created.url, body, { 'adloop-signature': sign('whsec_test', now, body), 'adloop-event-id': 'e1' })).toBe(200);
    expect(await post(created.url, body, { 'adloop-signature': sign('whsec_other', now, body), 'adloop-event-id': 'e2' })).toBe(200);

    const fail = await fetch(`${receiver.url}/api/endpoints/${created.id}/fail`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ count: 2, mode: '500' }) });
    expect(fail.status).toBe(200);
    expect(await post(created.url, body, {})).toBe(500);
    expect(await post(created.url, body, {})).toBe(500);
    expect(await post(created.url, body, {})).toBe(200);
    await fetch(`${receiver.url}/api/endpoints/${created.id}/fail`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ count: 1, mode: 'timeout' }) });
    expect(await post(created.url, body, {}, 300)).toBe('timeout');

    const view = (await (await fetch(`${receiver.url}/api/endpoints/${created.id}`)).json()) as { deliveries: { outcome: string; eventId: string | null; signature: { verified: boolean } | null }[] };
    expect(view.deliveries.map((d) => d.outcome)).toEqual(['timed_out', 'accepted', 'failed', 'failed', 'accepted', 'accepted']);
    expect(view.deliveries.slice(-2).map((d) => [d.eventId, d.signature?.verified])).toEqual([['e2', false], ['e1', true]]);

    const page = await (await fetch(`${receiver.url}/endpoints/${created.id}`)).text();
    expect(page).toContain('verified');
    expect(page).toContain('does not verify');
    expect((await fetch(`${receiver.url}/api/endpoints/${created.id}/fail`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ count: -1 }) })).status).toBe(400);
    expect(await post(`${receiver.url}/hooks/nobody`, body, {})).toBe(404);
  });

  it('makes endpoints from its page form and escapes what it shows', async () => {
    const res = await fetch(`${receiver.url}/endpoints`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'name=%3Cscript%3Ex%3C%2Fscript%3E', redirect: 'manual' });
    expect(res.status).toBe(302);
    const html = await (await fetch(`${receiver.url}/`)).text();
    expect(html).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(html).not.toContain('<script>x</script>');
  });
});
