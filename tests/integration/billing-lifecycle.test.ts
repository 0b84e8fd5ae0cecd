import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BillingOverview, InvoiceList, PlanChangeResult } from '@adloop/contracts';
import { runRulesOfOrg } from '../../apps/server/src/modules/rules/index.ts';
import { runDunning, stripeRuntime, type StripeRuntime } from '../../apps/server/src/modules/billing/index.ts';
import { startTestServer, type CaughtEmail, type TestServer } from '../setup/server.ts';
import { signUpVerifiedUser, type SignedUpUser } from '../setup/auth-helpers.ts';
import { eventually } from '../setup/connect-helpers.ts';
import { submitStripePage as post } from './support/stripe-pages.ts';

const DAY = 86_400;
const RULE = { name: 'Pause expensive', definition: { scope: { level: 'campaign' }, when: { kind: 'all', conditions: [{ kind: 'condition', metric: 'spend', operator: 'gt', compare: { kind: 'value', value: 100 } }] }, then: [{ type: 'pause' }] } };


/**
 * An organisation's whole billing life through the Stripe sandbox's clock, learnt only from signed
 * webhooks: trial → paid → upgrade (proration on the invoice) → failed renewal → reminders on days
 * 0, 3 and 7 (read from the SMTP sink, each once) → read-only on day 14 (writes refused, rules
 * paused) → card fixed in the portal → restored at once; then a downgrade scheduled for the period
 * end, cancelled, scheduled again and applied by the renewal.
 */
describe('billing lifecycle through the sandbox clock', () => {
  let server: TestServer;
  let owner: SignedUpUser;
  let orgId: string;
  let runtime: StripeRuntime;
  const api = (path: string) => `/api/v1/orgs/${orgId}/billing${path}`;
  const overview = async () => (await owner.client.get<BillingOverview>(api(''))).body;
  /** Moves Stripe's clock, then the server's to the same instant, and waits for the webhooks. */
  const advance = async (seconds: number) => {
    await fetch(`${runtime.sandbox!.url}/sandbox/clock/advance`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ seconds }) });
    server.clock.set(new Date(runtime.sandbox!.state.now() * 1000));
    await runtime.sandbox!.webhooks.idle();
    // Weeks pass: the session from before has expired, as it would for the customer.
    expect((await owner.client.post('/api/v1/auth/sign-in', { email: owner.email, password: owner.password })).status).toBe(200);
  };
  const until = (want: (o: BillingOverview) => boolean, what: string) => eventually(async () => {
    const o = await overview();
    return want(o) ? o : null;
  }, 20_000, what);
  const mails = async (subject: RegExp): Promise<CaughtEmail[]> => {
    const list = await server.client().get<{ items: CaughtEmail[] }>(`/api/v1/dev/mailbox?to=${encodeURIComponent(owner.email)}`);
    return list.body.items.filter((m) => subject.test(m.subject));
  };
  const settleJobs = async () => {
    // The e-mail fan-out runs on the job queue: wait until nothing more arrives.
    let last = -1;
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const n = (await server.client().get<{ items: CaughtEmail[] }>(`/api/v1/dev/mailbox?to=${encodeURIComponent(owner.email)}`)).body.items.length;
      if (n === last) return;
      last = n;
    }
  };

  beforeAll(async () => {
    server = await startTestServer();
    owner = await signUpVerifiedUser(server, { organizationName: 'Lifecycle Co' });
    orgId = owner.orgId!;
    runtime = await stripeRuntime(server.ctx, server.app!);
    server.clock.set(new Date(runtime.sandbox!.state.now() * 1000));
  }, 400_000);
  afterAll(async () => server?.close());

  it('trial → paid: 4242 on the checkout page starts the trial, the trial end charges the card', async () => {
    const checkout = await owner.client.post<{ url: string }>(api('/checkout'), { planId: 'pro', interval: 'month' });
    expect(checkout.status).toBe(201);
    expect((await post(checkout.body.url, { email: owner.email, cardNumber: '4242 4242 4242 4242', cardExpiry: '12 / 34', cardCvc: '123' })).status).toBe(303);
    await runtime.sandbox!.webhooks.idle();
    await until((o) => o.status === 'trialing', 'trialing');
    await advance(14 * DAY + 2 * 3_600);
    const o = await until((o) => o.status === 'active', 'active after the trial');
    expect(o).toMatchObject({ plan: { id: 'pro' }, billingState: 'ok', scheduledChange: null });
  }, 60_000);

  it('upgrade to Agency applies at once with the prorated difference on one invoice', async () => {
    await advance(10 * DAY);
    const res = await owner.client.post<PlanChangeResult>(api('/change'), { planId: 'agency', interval: 'month' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ kind: 'upgraded', planId: 'agency' });
    expect((await overview()).plan.id).toBe('agency');
    const invoice = await runtime.stripe.invoices.retrieve(res.body.invoiceId!);
    expect(invoice.billing_reason).toBe('subscription_update');
    expect(invoice.status).toBe('paid');
    const lines = invoice.lines.data;
    expect(lines.some((l) => l.description?.startsWith('Unused time on') && l.amount < 0)).toBe(true);
    expect(lines.some((l) => l.description?.startsWith('Remaining time on') && l.amount > 0)).toBe(true);
    // About two thirds of the month left: (399 − 149) × ~0.67 ≈ $167 charged now.
    expect(invoice.total).toBeGreaterThan(14_000);
    expect(invoice.total).toBeLessThan(19_000);
    const listed = await owner.client.get<InvoiceList>(api('/invoices'));
    expect(listed.body.invoices.some((i) => i.id === invoice.id && i.reason === 'subscription_update' && i.pdfUrl)).toBe(true);
  }, 60_000);

  it('a failed renewal makes it past_due and the day-0, 3 and 7 reminders go out once each, with the link to fix the card', async () => {
    const sub = (await runtime.stripe.subscriptions.list({ limit: 1 })).data[0]!;
    await runtime.stripe.subscriptions.update(sub.id, { default_payment_method: 'pm_card_chargeCustomerFail' });
    const end = sub.items.data[0]!.current_period_end;
    await advance(end - runtime.sandbox!.state.now() + 2 * 3_600);
    const o = await until((o) => o.status === 'past_due', 'past_due from the webhook');
    expect(o.billingState).toBe('past_due');
    expect(o.pastDueSince).not.toBeNull();
    expect(new Date(o.readOnlyAt!).getTime() - new Date(o.pastDueSince!).getTime()).toBe(14 * DAY * 1000);
    const first = await server.waitForEmail(owner.email, /payment failed/i);
    expect(first.links.some((l) => l.includes(`/orgs/${orgId}/settings/billing?fix=card`))).toBe(true);

    await advance(3 * DAY);
    await runDunning(server.ctx);
    await advance(4 * DAY);
    await runDunning(server.ctx);
    await runDunning(server.ctx);
    await settleJobs();
    const reminders = await mails(/payment failed|overdue/i);
    for (const subject of [/payment failed/i, /3 days overdue/, /7 days overdue/]) expect(reminders.filter((m) => subject.test(m.subject))).toHaveLength(1);
    expect(reminders).toHaveLength(3);
    // Still working while past due.
    expect((await owner.client.post(`/api/v1/orgs/${orgId}/rules`, RULE)).status).toBe(201);
  }, 90_000);

  it('after 14 days unpaid the organisation is read-only: writes refused naming Billing, rules paused, one notice', async () => {
    await advance(7 * DAY + 3_600);
    await runDunning(server.ctx);
    await runDunning(server.ctx);
    const o = await overview();
    expect(o.billingState).toBe('read_only');
    expect(o.plan.id).toBe('agency');
    const refused = await owner.client.post<{ error: { code: string; message: string } }>(`/api/v1/orgs/${orgId}/rules`, { ...RULE, name: 'Another' });
    expect(refused.status).toBe(402);
    expect(refused.body.error.code).toBe('billing_read_only');
    expect(refused.body.error.message).toContain('Billing');
    expect((await owner.client.get(`/api/v1/orgs/${orgId}/rules`)).status).toBe(200);
    const rules = (await owner.client.get<{ items: Array<{ id: string }> }>(`/api/v1/orgs/${orgId}/rules`)).body.items;
    expect(await runRulesOfOrg(server.ctx, orgId, rules.map((r) => r.id))).toBe(0);
    await settleJobs();
    expect(await mails(/read-only/i)).toHaveLength(1);
  }, 60_000);

  it('a new card in the portal pays the open invoice and restores the organisation at once', async () => {
    const portal = await owner.client.post<{ url: string }>(api('/portal'));
    expect(portal.status).toBe(201);
    const declined = await post(`${portal.body.url}/card`, { cardNumber: '4000 0000 0000 0002', cardExpiry: '12 / 34', cardCvc: '123' });
    expect(declined.html).toContain('Your card was declined.');
    const fixed = await post(`${portal.body.url}/card`, { cardNumber: '4242 4242 4242 4242', cardExpiry: '12 / 34', cardCvc: '123' });
    expect(fixed.html).toContain('Your card was updated.');
    await runtime.sandbox!.webhooks.idle();
    const o = await until((o) => o.status === 'active', 'active once paid');
    expect(o).toMatchObject({ billingState: 'ok', pastDueSince: null, readOnlyAt: null });
    expect((await owner.client.post(`/api/v1/orgs/${orgId}/rules`, { ...RULE, name: 'After the fix' })).status).toBe(201);
    await server.waitForEmail(owner.email, /restored/i);
  }, 60_000);

  it('a downgrade waits for the period end, can be cancelled, and the renewal applies it', async () => {
    const scheduled = await owner.client.post<PlanChangeResult>(api('/change'), { planId: 'starter', interval: 'month' });
    expect(scheduled.status, scheduled.text).toBe(200);
    expect(scheduled.body.kind).toBe('scheduled');
    let o = await overview();
    expect(o.plan.id).toBe('agency');
    expect(o.scheduledChange).toEqual({ planId: 'starter', interval: 'month', at: o.currentPeriodEnd });
    expect((await owner.client.delete(api('/scheduled-change'))).status).toBe(204);
    expect((await overview()).scheduledChange).toBeNull();
    expect((await owner.client.delete(api('/scheduled-change'))).status).toBe(409);
    expect((await owner.client.post(api('/change'), { planId: 'starter', interval: 'month' })).body).toMatchObject({ kind: 'scheduled' });
    expect((await owner.client.post(api('/change'), { planId: 'agency', interval: 'month' })).status).toBe(400);
    const end = new Date(o.currentPeriodEnd!).getTime() / 1000;
    await advance(end - runtime.sandbox!.state.now() + 2 * 3_600);
    o = await until((o) => o.plan.id === 'starter', 'starter after the renewal');
    expect(o).toMatchObject({ status: 'active', scheduledChange: null });
    const cycle = (await owner.client.get<InvoiceList>(api('/invoices'))).body.invoices.find((i) => i.reason === 'subscription_cycle' && i.status === 'paid' && i.totalCents === 4_900);
    expect(cycle).toBeDefined();
  }, 60_000);
});
