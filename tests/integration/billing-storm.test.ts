import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BillingOverview, ReferralOverview } from '@adloop/contracts';
import { eq } from 'drizzle-orm';
import { billingAccounts, billingEvents, referralCommissions } from '@adloop/db';
import { stripeRuntime, type StripeRuntime } from '../../apps/server/src/modules/billing/index.ts';
import { HANDLED_EVENTS, priceFor } from '../../apps/server/src/modules/billing/billing.stripe.ts';
import { createBillingRepository } from '../../apps/server/src/modules/billing/billing.repository.ts';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { signUpVerifiedUser, type SignedUpUser } from '../setup/auth-helpers.ts';
import { eventually } from '../setup/connect-helpers.ts';
import { generateTestHeaderString } from './support/stripe-signature.ts';

const STORM_EVENTS = 1_000;

async function payOnPage(url: string): Promise<number> {
  const res = await fetch(url, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ email: 'owner@example.com', cardNumber: '4242 4242 4242 4242', cardExpiry: '12 / 34', cardCvc: '123' }) });
  await res.text();
  return res.status;
}

/**
 * A webhook storm: 1,000 Stripe events held back, then delivered 1–5 times each in one shuffled
 * batch. Every event is applied once, every organisation ends in exactly Stripe's state, a paid
 * invoice of a referred organisation earns one commission; and every bad or stale signature is
 * refused, counted.
 */
describe('Stripe webhook storm', () => {
  let server: TestServer;
  let runtime: StripeRuntime;
  const orgs: Array<{ owner: SignedUpUser; orgId: string; subId: string }> = [];

  const accountOf = async (orgId: string) => (await server.ctx.db.select().from(billingAccounts).where(eq(billingAccounts.orgId, orgId)))[0]!;
  const overview = (o: { owner: SignedUpUser; orgId: string }) => o.owner.client.get<BillingOverview>(`/api/v1/orgs/${o.orgId}/billing`).then((r) => r.body);

  beforeAll(async () => {
    server = await startTestServer();
    runtime = await stripeRuntime(server.ctx, server.app!);
    let referralCode: string | undefined;
    for (let i = 0; i < 4; i++) {
      const owner = await signUpVerifiedUser(server, { organizationName: `Storm ${i}` });
      const orgId = owner.orgId!;
      const checkout = await owner.client.post<{ url: string }>(`/api/v1/orgs/${orgId}/billing/checkout`, { planId: 'pro', interval: 'month', ...(referralCode ? { referralCode } : {}) });
      expect(checkout.status, checkout.text).toBe(201);
      expect(await payOnPage(checkout.body.url)).toBe(303);
      // The first organisation refers the others.
      if (i === 0) referralCode = (await owner.client.get<ReferralOverview>(`/api/v1/orgs/${orgId}/billing/referrals`)).body.code;
      orgs.push({ owner, orgId, subId: '' });
    }
    await runtime.sandbox!.webhooks.idle();
    for (const o of orgs) {
      await eventually(async () => ((await overview(o)).status === 'trialing' ? true : null), 20_000, 'trialing');
      o.subId = (await accountOf(o.orgId)).stripeSubscriptionId!;
    }
  }, 400_000);
  afterAll(async () => server?.close());

  it('1,000 events delivered 1–5 times each, shuffled: each applied once, final state equals Stripe’s', async () => {
    const settings = runtime.sandbox!.state.settings;
    Object.assign(settings, { webhookHold: true, webhookCopies: 5, webhookShuffle: true });
    const before = new Set((await server.ctx.db.select({ id: billingEvents.eventId }).from(billingEvents)).map((r) => r.id));
    const repo = createBillingRepository(server.ctx.db);
    const priceIds: string[] = [];
    for (const id of ['pro', 'agency', 'starter']) priceIds.push((await priceFor(runtime.stripe, (await repo.plan(id))!, 'month')).id);
    // The referred organisations' trials end now: their first invoices are charged (invoice.paid) inside the storm.
    for (const o of orgs.slice(1)) await runtime.stripe.subscriptions.update(o.subId, { trial_end: 'now' });
    await fetch(`${runtime.sandbox!.url}/sandbox/clock/advance`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ seconds: 2 * 3_600 }) });
    const stormEvents = async () => (await runtime.stripe.events.list({ limit: 100 }).autoPagingToArray({ limit: 10_000 })).filter((e) => !before.has(e.id) && (HANDLED_EVENTS as readonly string[]).includes(e.type));
    let handled = 0;
    for (let i = 0; handled < STORM_EVENTS; i++) {
      const o = orgs[i % orgs.length]!;
      const sub = await runtime.stripe.subscriptions.retrieve(o.subId);
      if (i % 7 === 3) await runtime.stripe.subscriptions.update(o.subId, { cancel_at_period_end: !sub.cancel_at_period_end });
      else if (i % 5 === 1) await runtime.stripe.subscriptions.update(o.subId, { items: [{ id: sub.items.data[0]!.id, price: priceIds[i % priceIds.length]! }], proration_behavior: 'none' });
      else await runtime.stripe.subscriptions.update(o.subId, { metadata: { touch: String(i) } });
      if (i % 100 === 99 || handled + (i % 100) >= STORM_EVENTS) handled = (await stormEvents()).length;
    }
    const events = await stormEvents();
    expect(events.length).toBeGreaterThanOrEqual(STORM_EVENTS);
    const sentBefore = runtime.sandbox!.webhooks.deliveries.length;
    Object.assign(settings, { webhookHold: false });
    const started = Date.now();
    runtime.sandbox!.webhooks.flush();
    await runtime.sandbox!.webhooks.idle();
    const seconds = (Date.now() - started) / 1000;
    Object.assign(settings, { webhookCopies: 1, webhookShuffle: false });

    const deliveries = runtime.sandbox!.webhooks.deliveries.slice(sentBefore);
    const copies = new Map<string, number>();
    for (const d of deliveries) copies.set(d.event, (copies.get(d.event) ?? 0) + 1);
    expect(Math.max(...copies.values())).toBeLessThanOrEqual(5);
    expect([...copies.values()].some((n) => n > 1)).toBe(true);
    expect(deliveries.every((d) => d.status === 200)).toBe(true);
    const applied = (await server.ctx.db.select({ id: billingEvents.eventId }).from(billingEvents)).map((r) => r.id).filter((id) => !before.has(id));
    expect(new Set(applied).size).toBe(applied.length);
    expect(new Set(applied)).toEqual(new Set(events.map((e) => e.id)));
    console.info(`storm: ${events.length} events, ${deliveries.length} deliveries (${deliveries.length - events.length} repeats) in ${seconds.toFixed(1)} s, ${applied.length} applied`);

    for (const o of orgs) {
      const stripeSub = await runtime.stripe.subscriptions.retrieve(o.subId);
      const mine = await overview(o);
      const key = stripeSub.items.data[0]!.price.lookup_key!;
      expect({ status: mine.status, plan: mine.plan.id, cancelAtPeriodEnd: mine.cancelAtPeriodEnd, end: mine.currentPeriodEnd }).toEqual({
        status: stripeSub.status, plan: key.replace(/^adloop_/, '').replace(/_monthly$/, ''), cancelAtPeriodEnd: stripeSub.cancel_at_period_end,
        end: new Date(stripeSub.items.data[0]!.current_period_end * 1000).toISOString(),
      });
    }
  }, 600_000);

  it('each paid invoice of a referred organisation earns its referrer one commission, listed and exported as CSV', async () => {
    const referrer = orgs[0]!;
    const paid = [];
    for (const o of orgs.slice(1)) {
      paid.push(...(await runtime.stripe.invoices.list({ customer: (await accountOf(o.orgId)).stripeCustomerId, status: 'paid' })).data.filter((i) => i.amount_paid > 0));
    }
    expect(paid.length).toBe(3);
    const rows = await server.ctx.db.select().from(referralCommissions);
    expect(rows.map((r) => r.invoiceId).sort()).toEqual(paid.map((i) => i.id).sort());
    expect(rows.every((r) => r.commissionCents === Math.round(r.amountPaidCents * 0.2))).toBe(true);
    const list = await referrer.owner.client.get<ReferralOverview>(`/api/v1/orgs/${referrer.orgId}/billing/referrals`);
    expect(list.body.referred).toHaveLength(3);
    expect(list.body.totalCommissionCents).toBe(rows.reduce((s, r) => s + r.commissionCents, 0));
    expect(list.body.link).toContain(`ref=${list.body.code}`);
    const csv = await referrer.owner.client.get(`/api/v1/orgs/${referrer.orgId}/billing/referrals/commissions.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe('paid_at,invoice_id,invoice_number,referred_org_id,referred_org_name,amount_paid,commission_percent,commission,currency');
    expect(lines).toHaveLength(4);
    // A referred organisation sees its own (empty) list; a code cannot be its own or unknown.
    const referred = orgs[1]!;
    expect((await referred.owner.client.get<ReferralOverview>(`/api/v1/orgs/${referred.orgId}/billing/referrals`)).body.commissions).toEqual([]);
  });

  it('refuses 100 % of bad signatures and stale timestamps, and applies none of them', async () => {
    const [event] = (await runtime.stripe.events.list({ limit: 1 })).data;
    const fresh = { ...event!, id: 'evt_forged_0' };
    const secret = runtime.webhookSecret;
    const now = Math.floor(Date.now() / 1000);
    const attempts: Array<{ payload: string; signature: string }> = [];
    for (let i = 0; i < 100; i++) {
      const payload = JSON.stringify({ ...fresh, id: `evt_forged_${i}` });
      attempts.push({ payload, signature: generateTestHeaderString(payload, `whsec_wrong_${i}`, now) });
      attempts.push({ payload, signature: generateTestHeaderString(payload, secret, now - 301 - i * 60) });
      attempts.push({ payload: payload.replace('"livemode":false', '"livemode":true'), signature: generateTestHeaderString(payload, secret, now) });
      attempts.push({ payload, signature: generateTestHeaderString(payload, secret, now).replace(/v1=[0-9a-f]{4}/, 'v1=0000') });
      attempts.push({ payload, signature: i % 2 ? `t=${now}` : 'garbage' });
    }
    let refused = 0;
    for (const a of attempts) {
      const res = await server.client().request('POST', '/api/v1/billing/webhook', a.payload, { 'content-type': 'application/json', 'stripe-signature': a.signature });
      if (res.status === 400 && res.text.includes('stripe-signature')) refused++;
    }
    expect(refused).toBe(attempts.length);
    const forged = (await server.ctx.db.select({ id: billingEvents.eventId }).from(billingEvents)).filter((r) => r.id.startsWith('evt_forged_'));
    expect(forged).toEqual([]);
    console.info(`signatures: ${refused} of ${attempts.length} bad or stale refused`);
  }, 120_000);
});
