import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStripeSandbox, type RunningStripeSandbox } from './stripe-sandbox.ts';
import { control, stripeClient } from './stripe-test.helpers.ts';

const DAY = 86_400;

describe('the Stripe sandbox clock: trials, renewals, failed renewals and cancellation', () => {
  let sb: RunningStripeSandbox;
  let stripe: Stripe;
  let price: Stripe.Price;
  beforeAll(async () => {
    sb = await startStripeSandbox({ seed: 5, start: Date.parse('2026-03-01T00:00:00Z') });
    stripe = stripeClient(sb.url);
    const product = await stripe.products.create({ name: 'Starter' });
    price = await stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 4_900, recurring: { interval: 'month' } });
  });
  afterAll(() => sb.close());

  it('a 14-day trial without a card ends past_due with an open invoice; a card in the portal pays it and restores active', async () => {
    const customer = await stripe.customers.create({ email: 'trial@example.com' });
    const sub = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }], trial_period_days: 14 });
    expect(sub.status).toBe('trialing');
    expect((sub.trial_end ?? 0) - (sub.trial_start ?? 0)).toBe(14 * DAY);
    await control(sb.url, 'clock/advance', { days: 14 });
    expect((await stripe.subscriptions.retrieve(sub.id)).status).toBe('active');
    await control(sb.url, 'clock/advance', { seconds: 3_601 });
    const due = await stripe.subscriptions.retrieve(sub.id, { expand: ['latest_invoice'] });
    expect(due.status).toBe('past_due');
    expect((due.latest_invoice as Stripe.Invoice)).toMatchObject({ status: 'open', amount_due: 4_900, attempt_count: 1 });
    const portal = await stripe.billingPortal.sessions.create({ customer: customer.id });
    const res = await fetch(`${portal.url}/card`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ cardNumber: '4242424242424242', cardExpiry: '12/34' }) });
    expect(await res.text()).toContain('Your card was updated.');
    const restored = await stripe.subscriptions.retrieve(sub.id, { expand: ['latest_invoice'] });
    expect(restored.status).toBe('active');
    expect((restored.latest_invoice as Stripe.Invoice).status).toBe('paid');
  });

  it('a renewal on a card that fails every charge goes past_due with retries on day 3, 5 and 7, then stays past_due', async () => {
    const customer = await stripe.customers.create({ payment_method: 'pm_card_visa', invoice_settings: { default_payment_method: 'pm_card_visa' } });
    const sub = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }] });
    const failing = await stripe.paymentMethods.attach('pm_card_chargeCustomerFail', { customer: customer.id });
    await stripe.subscriptions.update(sub.id, { default_payment_method: failing.id });
    const end = sub.items.data[0]?.current_period_end ?? 0;
    const { now } = (await (await fetch(`${sb.url}/sandbox/clock`)).json()) as { now: number };
    await control(sb.url, 'clock/advance', { seconds: end - now + 3_601 });
    let invoices = await stripe.invoices.list({ subscription: sub.id, limit: 1 });
    expect(invoices.data[0]).toMatchObject({ billing_reason: 'subscription_cycle', status: 'open', attempt_count: 1 });
    expect(invoices.data[0]?.next_payment_attempt).toBe((invoices.data[0]?.status_transitions.finalized_at ?? 0) + 3 * DAY);
    expect((await stripe.subscriptions.retrieve(sub.id)).status).toBe('past_due');
    await control(sb.url, 'clock/advance', { days: 8 });
    invoices = await stripe.invoices.list({ subscription: sub.id, limit: 1 });
    expect(invoices.data[0]).toMatchObject({ status: 'open', attempt_count: 4, next_payment_attempt: null });
    const failures = await stripe.events.list({ type: 'invoice.payment_failed', limit: 100 });
    expect(failures.data.filter((e) => (e.data.object as Stripe.Invoice).id === invoices.data[0]?.id)).toHaveLength(4);
  });

  it('cancel_at_period_end keeps the plan until the period ends, then deletes it', async () => {
    const customer = await stripe.customers.create({ payment_method: 'pm_card_visa', invoice_settings: { default_payment_method: 'pm_card_visa' } });
    const sub = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }] });
    await stripe.subscriptions.update(sub.id, { cancel_at_period_end: true });
    await control(sb.url, 'clock/advance', { days: 10 });
    expect((await stripe.subscriptions.retrieve(sub.id)).status).toBe('active');
    await control(sb.url, 'clock/advance', { days: 25 });
    expect((await stripe.subscriptions.retrieve(sub.id)).status).toBe('canceled');
    const deleted = await stripe.events.list({ type: 'customer.subscription.deleted' });
    expect(deleted.data.some((e) => (e.data.object as Stripe.Subscription).id === sub.id)).toBe(true);
  });
});
