import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BillingOverview, PlanChangePreview } from '@adloop/contracts';
import { stripeRuntime, type StripeRuntime } from '../../apps/server/src/modules/billing/index.ts';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { signUpVerifiedUser, type SignedUpUser } from '../setup/auth-helpers.ts';
import { eventually } from '../setup/connect-helpers.ts';

async function payOnPage(url: string, card: string): Promise<number> {
  const res = await fetch(url, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ email: 'owner@example.com', cardNumber: card, cardExpiry: '12 / 34', cardCvc: '123' }) });
  return res.status;
}

/** The price of a plan change before it is confirmed, from Stripe's invoice preview on the sandbox. */
describe('plan change preview', { timeout: 300_000 }, () => {
  let server: TestServer;
  let owner: SignedUpUser;
  let orgId: string;
  let runtime: StripeRuntime;
  const api = (path: string) => `/api/v1/orgs/${orgId}/billing${path}`;
  const status = async (want: string) => eventually(async () => {
    await runtime.sandbox?.webhooks.idle();
    const o = (await owner.client.get<BillingOverview>(api(''))).body;
    return o.status === want ? o : null;
  }, 30_000, want);

  beforeAll(async () => {
    server = await startTestServer();
    owner = await signUpVerifiedUser(server, { organizationName: 'Preview Co' });
    orgId = owner.orgId!;
    runtime = await stripeRuntime(server.ctx, server.app!);
  }, 600_000);
  afterAll(async () => server?.close());

  it('without a subscription: the trial costs nothing today; a bad plan names planId', async () => {
    const res = await owner.client.post<PlanChangePreview>(api('/change/preview'), { planId: 'pro' });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ direction: 'upgrade', dueTodayCents: 0, thenCents: 14_900, interval: 'month' });
    const bad = await owner.client.post(api('/change/preview'), { planId: 'platinum' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('planId');
  });

  it('on a paid Starter: Pro is the prorated difference today then $149 a month; nothing is charged by the preview', async () => {
    const checkout = await owner.client.post<{ url: string }>(api('/checkout'), { planId: 'starter' });
    expect(await payOnPage(checkout.body.url, '4242 4242 4242 4242')).toBe(303);
    await status('trialing');
    const inTrial = await owner.client.post<PlanChangePreview>(api('/change/preview'), { planId: 'pro' });
    expect(inTrial.body).toMatchObject({ direction: 'upgrade', dueTodayCents: 0, thenCents: 14_900 });
    await fetch(`${runtime.sandbox!.url}/sandbox/clock/advance`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ seconds: 14 * 86_400 + 3_700 + 10 * 86_400 }) });
    await status('active');
    const res = await owner.client.post<PlanChangePreview>(api('/change/preview'), { planId: 'pro' });
    expect(res.status, res.text).toBe(200);
    expect(res.body.direction).toBe('upgrade');
    expect(res.body.thenCents).toBe(14_900);
    expect(res.body.lines).toHaveLength(2);
    expect(res.body.dueTodayCents).toBeGreaterThan(0);
    expect(res.body.dueTodayCents).toBeLessThan(14_900 - 4_900);
    expect(res.body.dueTodayCents).toBe(res.body.lines.reduce((sum, l) => sum + l.amountCents, 0));
    const invoices = await runtime.stripe.invoices.list({ customer: (await runtime.stripe.customers.list({ limit: 1 })).data[0]!.id });
    expect(invoices.data.filter((i) => i.billing_reason === 'subscription_update')).toHaveLength(0);
    const same = await owner.client.post<PlanChangePreview>(api('/change/preview'), { planId: 'starter' });
    expect(same.body.direction).toBe('same');
  });
});
