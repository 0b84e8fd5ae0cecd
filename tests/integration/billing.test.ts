import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTestHeaderString } from './support/stripe-signature.ts';
import { payOnPage } from './support/stripe-pages.ts';
import type { BillingOverview, InvoiceList, PlanList } from '@adloop/contracts';
import { billingEvents } from '@adloop/db';
import { stripeRuntime, type StripeRuntime } from '../../apps/server/src/modules/billing/index.ts';
import { HANDLED_EVENTS } from '../../apps/server/src/modules/billing/billing.stripe.ts';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { signUpVerifiedUser, type SignedUpUser } from '../setup/auth-helpers.ts';
import { joinAs } from '../setup/org-helpers.ts';
import { eventually } from '../setup/connect-helpers.ts';


/**
 * Billing against the Stripe sandbox over real sockets: plans as data, Checkout on the sandbox's
 * hosted page, the subscription learnt only from signed webhooks (re-read from Stripe, applied once
 * per event), usage against the plan's limits, the portal, invoices, and refused signatures.
 */
describe('billing through the Stripe sandbox', () => {
  let server: TestServer;
  let owner: SignedUpUser;
  let orgId: string;
  let runtime: StripeRuntime;
  const api = (path: string) => `/api/v1/orgs/${orgId}/billing${path}`;
  const overview = async () => (await owner.client.get<BillingOverview>(api(''))).body;
  const settled = async () => {
    await runtime.sandbox?.webhooks.idle();
  };

  beforeAll(async () => {
    server = await startTestServer();
    owner = await signUpVerifiedUser(server, { organizationName: 'Billing Co' });
    orgId = owner.orgId!;
    runtime = await stripeRuntime(server.ctx, server.app!);
  }, 120_000);
  afterAll(async () => server?.close());

  it('lists the five plans with monthly and annual prices (20 % off) and their limits', async () => {
    const res = await server.client().get<PlanList>('/api/v1/billing/plans');
    expect(res.status).toBe(200);
    expect(res.body.plans.map((p) => [p.id, p.monthlyPriceCents])).toEqual([['free', 0], ['starter', 4_900], ['pro', 14_900], ['agency', 39_900], ['enterprise', null]]);
    const pro = res.body.plans.find((p) => p.id === 'pro');
    expect(pro?.annualPriceCents).toBe(Math.round(14_900 * 12 * 0.8));
    expect(pro?.limits).toEqual({ adAccounts: 10, campaigns: 100, aiGenerationsPerMonth: 2_000, users: 10, historyDays: 365, rules: 50 });
  });

  it('starts on Free with usage counted from what exists (one user) and a trial available', async () => {
    const o = await overview();
    expect(o).toMatchObject({ status: 'none', trialAvailable: true, cancelAtPeriodEnd: false, plan: { id: 'free' } });
    expect(o.usage.find((u) => u.metric === 'users')).toMatchObject({ used: 1, limit: 1, atLimit: true, overLimit: false });
    expect(o.usage.find((u) => u.metric === 'adAccounts')).toMatchObject({ used: 0, limit: 1 });
  });

  it('refuses an unknown or custom plan naming planId, and members may not buy', async () => {
    const bad = await owner.client.post(api('/checkout'), { planId: 'platinum' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('planId');
    expect((await owner.client.post(api('/checkout'), { planId: 'enterprise' })).status).toBe(400);
    expect((await owner.client.post(api('/checkout'), { planId: 'pro', interval: 'week' })).status).toBe(400);
    const member = await joinAs(server, owner, orgId, 'member');
    expect((await member.client.post(api('/checkout'), { planId: 'pro' })).status).toBe(403);
  });

  it('Checkout for Pro: 0002 is declined on the page, 4242 starts the 14-day trial, learnt from the webhook only', async () => {
    const res = await owner.client.post<{ url: string }>(api('/checkout'), { planId: 'pro', interval: 'month' });
    expect(res.status).toBe(201);
    expect(res.body.url.startsWith(runtime.sandbox!.url)).toBe(true);
    expect((await overview()).status).toBe('none');
    const declined = await payOnPage(res.body.url, '4000 0000 0000 0002');
    expect(declined.html).toContain('Your card was declined.');
    const paid = await payOnPage(res.body.url, '4242 4242 4242 4242');
    expect(paid.status).toBe(303);
    expect(paid.location).toBe(`${server.ctx.config.publicUrl}/orgs/${orgId}/settings/billing?checkout=complete`);
    await settled();
    const o = await eventually(async () => {
      const now = await overview();
      return now.status === 'trialing' ? now : null;
    }, 20_000, 'trial from the webhook');
    expect(o).toMatchObject({ plan: { id: 'pro' }, interval: 'month', trialDaysLeft: 14, trialAvailable: false });
    expect(o.usage.find((u) => u.metric === 'users')).toMatchObject({ used: 2, limit: 10, atLimit: false });
    expect((await owner.client.post(api('/checkout'), { planId: 'agency' })).status).toBe(409);
  });

  it('refuses bad signatures and stale timestamps with 400 naming stripe-signature, and applies nothing', async () => {
    const events = await runtime.stripe.events.list({ limit: 1 });
    const payload = JSON.stringify(events.data[0]);
    const post = (signature: string) => server.client().request('POST', '/api/v1/billing/webhook', payload, { 'content-type': 'application/json', 'stripe-signature': signature });
    const wrongSecret = generateTestHeaderString(payload, 'whsec_not_ours', Math.floor(Date.now() / 1000));
    const stale = generateTestHeaderString(payload, runtime.webhookSecret, Math.floor(Date.now() / 1000) - 301);
    for (const signature of [wrongSecret, stale, 't=1,v1=00', 'nonsense']) {
      const res = await post(signature);
      expect(res.status).toBe(400);
      expect(res.text).toContain('stripe-signature');
    }
    const fresh = await post(generateTestHeaderString(payload, runtime.webhookSecret, Math.floor(Date.now() / 1000)));
    expect(fresh.status).toBe(200);
    expect(fresh.body).toEqual({ received: true, duplicate: true });
  });

  it('a storm of every event 1–5 times in shuffled order applies each once and ends in Stripe’s state', async () => {
    expect((await server.ctx.db.select().from(billingEvents)).length).toBeGreaterThan(0);
    const sub = (await runtime.stripe.subscriptions.list({ status: 'all', limit: 1 })).data[0]!;
    for (let i = 0; i < 60; i++) await runtime.stripe.subscriptions.update(sub.id, { metadata: { touch: String(i) } });
    await runtime.stripe.subscriptions.update(sub.id, { cancel_at_period_end: true });
    await settled();
    const sent = runtime.sandbox!.webhooks.redeliverAll(5);
    await settled();
    const applied = await server.ctx.db.select().from(billingEvents);
    const ids = applied.map((e) => e.eventId);
    expect(new Set(ids).size).toBe(ids.length);
    const stripeEvents = await runtime.stripe.events.list({ limit: 100 }).autoPagingToArray({ limit: 1_000 });
    const delivered = stripeEvents.filter((e) => (HANDLED_EVENTS as readonly string[]).includes(e.type));
    expect(ids.length).toBe(delivered.length);
    expect(sent).toBeGreaterThan(delivered.length);
    const o = await overview();
    expect(o).toMatchObject({ status: 'trialing', cancelAtPeriodEnd: true, plan: { id: 'pro' } });
  }, 120_000);

  it('opens the portal, lists invoices with PDF links, and the trial ends paid on the card from Checkout', async () => {
    const portal = await owner.client.post<{ url: string }>(api('/portal'));
    expect(portal.status).toBe(201);
    expect(await (await fetch(portal.body.url)).text()).toContain('visa ending in 4242');
    await runtime.stripe.subscriptions.update((await runtime.stripe.subscriptions.list({ limit: 1 })).data[0]!.id, { cancel_at_period_end: false });
    await fetch(`${runtime.sandbox!.url}/sandbox/clock/advance`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ seconds: 14 * 86_400 + 3_700 }) });
    await settled();
    const o = await eventually(async () => {
      const now = await overview();
      return now.status === 'active' ? now : null;
    }, 20_000, 'active after the trial');
    expect(o.trialDaysLeft).toBeNull();
    const invoices = await owner.client.get<InvoiceList>(api('/invoices'));
    expect(invoices.status).toBe(200);
    const cycle = invoices.body.invoices.find((i) => i.reason === 'subscription_cycle');
    expect(cycle).toMatchObject({ status: 'paid', totalCents: 14_900 });
    expect(cycle?.pdfUrl).toMatch(/\/pdf$/);
  }, 60_000);
});
