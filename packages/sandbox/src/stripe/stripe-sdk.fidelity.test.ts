import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStripeSandbox, type RunningStripeSandbox } from './stripe-sandbox.ts';
import { control, payOnCheckoutPage, startReceiver, stripeClient } from './stripe-test.helpers.ts';

/**
 * Every call Adloop makes with the official `stripe` client, unmodified, against the sandbox:
 * products.create, prices.create, prices.list (lookup_keys, expand data.product), customers.create,
 * customers.retrieve, customers.update, paymentMethods.attach, paymentMethods.list,
 * checkout.sessions.create, checkout.sessions.retrieve (expand subscription), billingPortal.sessions.create,
 * subscriptions.create, subscriptions.retrieve, subscriptions.list (autoPagingToArray), subscriptions.update,
 * subscriptions.cancel, invoices.list, invoices.retrieve, invoices.pay, events.retrieve, events.list,
 * webhookEndpoints.create, webhooks.constructEvent.
 */
describe('the official stripe client against the Stripe sandbox, unmodified', () => {
  let sb: RunningStripeSandbox;
  let stripe: Stripe;
  let monthly: Stripe.Price;
  let bigger: Stripe.Price;
  beforeAll(async () => {
    sb = await startStripeSandbox({ seed: 3 });
    stripe = stripeClient(sb.url);
    const product = await stripe.products.create({ name: 'Pro', metadata: { plan: 'pro' } });
    monthly = await stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 14_900, recurring: { interval: 'month' }, lookup_key: 'pro_monthly', nickname: 'Pro monthly' });
    const agency = await stripe.products.create({ name: 'Agency' });
    bigger = await stripe.prices.create({ product: agency.id, currency: 'usd', unit_amount: 39_900, recurring: { interval: 'month' }, lookup_key: 'agency_monthly' });
  });
  afterAll(() => sb.close());

  it('creates and finds prices by lookup key with the product expanded', async () => {
    const found = await stripe.prices.list({ lookup_keys: ['pro_monthly'], expand: ['data.product'] });
    expect(found.object).toBe('list');
    expect(found.data).toHaveLength(1);
    expect(found.data[0]?.id).toBe(monthly.id);
    expect((found.data[0]?.product as Stripe.Product).name).toBe('Pro');
    expect(found.data[0]?.unit_amount_decimal?.toString()).toBe('14900');
    await expect(stripe.prices.create({ product: String(monthly.product), currency: 'usd', unit_amount: 1, recurring: { interval: 'month' }, lookup_key: 'pro_monthly' })).rejects.toMatchObject({ type: 'StripeInvalidRequestError', param: 'lookup_key' });
  });

  it('pages lists with has_more and starting_after, and auto-pagination walks them all', async () => {
    for (let i = 0; i < 12; i++) await stripe.customers.create({ email: `page${i}@example.com` });
    const first = await stripe.customers.list({ limit: 5 });
    expect(first.has_more).toBe(true);
    const second = await stripe.customers.list({ limit: 5, starting_after: first.data[4]?.id });
    expect(second.data[0]?.id).not.toBe(first.data[0]?.id);
    const everyone = await stripe.customers.list({ limit: 5 }).autoPagingToArray({ limit: 100 });
    expect(new Set(everyone.map((c) => c.id)).size).toBe(everyone.length);
    expect(everyone.length).toBeGreaterThanOrEqual(12);
  });

  it('answers a bad key with 401, a missing id with 404 naming id, a bad param with 400 naming it, a queued 429', async () => {
    await expect(stripeClient(sb.url, 'sk_test_other').customers.list()).rejects.toMatchObject({ type: 'StripeAuthenticationError', statusCode: 401 });
    await expect(stripe.customers.retrieve('cus_missing')).rejects.toMatchObject({ type: 'StripeInvalidRequestError', statusCode: 404, code: 'resource_missing', param: 'id' });
    await expect(stripe.checkout.sessions.create({ mode: 'subscription', success_url: 'http://x/s', line_items: [{ price: 'price_nope', quantity: 1 }] })).rejects.toMatchObject({ statusCode: 400, param: 'line_items[0][price]' });
    await expect(stripe.subscriptions.create({ customer: (await stripe.customers.create({})).id, items: [{ price: monthly.id }], trial_period_days: -1 })).rejects.toMatchObject({ statusCode: 400, param: 'trial_period_days' });
    await control(sb.url, 'faults', { rateLimit: 1 });
    await expect(stripe.customers.list()).rejects.toBeInstanceOf(Stripe.errors.StripeRateLimitError);
    await expect(stripe.customers.list({ limit: 1 })).resolves.toMatchObject({ object: 'list' });
  });

  it('replays an idempotent POST with the same response and refuses the key with other parameters', async () => {
    const a = await stripe.customers.create({ email: 'same@example.com' }, { idempotencyKey: 'signup-1' });
    const b = await stripe.customers.create({ email: 'same@example.com' }, { idempotencyKey: 'signup-1' });
    expect(b.id).toBe(a.id);
    expect(b.lastResponse.headers['idempotent-replayed']).toBe('true');
    await expect(stripe.customers.create({ email: 'other@example.com' }, { idempotencyKey: 'signup-1' })).rejects.toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
  });

  it('attaches test payment methods, refuses declining cards with a card_error, clears metadata keys', async () => {
    const customer = await stripe.customers.create({ email: 'cards@example.com', metadata: { orgId: 'o1', keep: 'y' } });
    const pm = await stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
    expect(pm.card?.last4).toBe('4242');
    await expect(stripe.paymentMethods.attach('pm_card_visa_chargeDeclined', { customer: customer.id })).rejects.toMatchObject({ type: 'StripeCardError', code: 'card_declined', decline_code: 'generic_decline', statusCode: 402 });
    const updated = await stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: pm.id }, metadata: { keep: '' } });
    expect(updated.metadata).toEqual({ orgId: 'o1' });
    expect((await stripe.paymentMethods.list({ customer: customer.id, type: 'card' })).data.map((m) => m.id)).toEqual([pm.id]);
    const fromToken = await stripe.customers.create({ source: 'tok_visa' });
    expect(fromToken.invoice_settings.default_payment_method).toMatch(/^pm_/);
  });

  it('runs Checkout on the hosted page: 4242 pays, 0002 declines, 3155 asks to authenticate first', async () => {
    const session = await stripe.checkout.sessions.create({ mode: 'subscription', line_items: [{ price: monthly.id, quantity: 1 }], success_url: 'http://app.test/billing?session_id={CHECKOUT_SESSION_ID}', cancel_url: 'http://app.test/billing', client_reference_id: 'org_1', customer_email: 'a+b@example.com', subscription_data: { metadata: { orgId: 'org_1' } } });
    expect(session.url).toMatch(/\/c\/pay\/cs_test_/);
    const declined = await payOnCheckoutPage(String(session.url), '4000 0000 0000 0002');
    expect(declined.html).toContain('role="alert">Your card was declined.');
    const ask = await payOnCheckoutPage(String(session.url), '4000 0025 0000 3155');
    expect(ask.html).toContain('Complete authentication');
    const paid = await payOnCheckoutPage(String(session.url), '4000 0025 0000 3155', { authentication: 'complete' });
    expect(paid.status).toBe(303);
    expect(paid.location).toBe(`http://app.test/billing?session_id=${session.id}`);
    const done = await stripe.checkout.sessions.retrieve(session.id, { expand: ['subscription', 'subscription.latest_invoice'] });
    expect(done).toMatchObject({ status: 'complete', payment_status: 'paid', url: null, client_reference_id: 'org_1' });
    const sub = done.subscription as Stripe.Subscription;
    expect(sub.status).toBe('active');
    expect(sub.metadata).toEqual({ orgId: 'org_1' });
    expect(sub.items.data[0]?.current_period_end).toBeGreaterThan(sub.items.data[0]?.current_period_start ?? Infinity);
    const invoice = sub.latest_invoice as Stripe.Invoice;
    expect(invoice).toMatchObject({ status: 'paid', amount_paid: 14_900, billing_reason: 'subscription_create' });
    expect(invoice.invoice_pdf).toMatch(/\/pdf$/);
    const pdf = await fetch(String(invoice.invoice_pdf));
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect((await pdf.text()).startsWith('%PDF-1.4')).toBe(true);
    const portal = await stripe.billingPortal.sessions.create({ customer: String(done.customer), return_url: 'http://app.test/billing' });
    expect(await (await fetch(portal.url)).text()).toContain('visa ending in 3155');
  });

  it('upgrades with proration on an invoice paid at once, cancels at period end, and lists it all', async () => {
    const customer = await stripe.customers.create({ email: 'up@example.com', payment_method: 'pm_card_visa', invoice_settings: { default_payment_method: 'pm_card_visa' } });
    const sub = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: monthly.id }] });
    expect(sub.status).toBe('active');
    await control(sb.url, 'clock/advance', { days: 10 });
    const item = sub.items.data[0];
    const upgraded = await stripe.subscriptions.update(sub.id, { items: [{ id: item?.id, price: bigger.id }], proration_behavior: 'always_invoice', expand: ['latest_invoice'] });
    const invoice = upgraded.latest_invoice as Stripe.Invoice;
    expect(invoice.billing_reason).toBe('subscription_update');
    const prorations = invoice.lines.data.filter((l) => l.parent?.subscription_item_details?.proration);
    expect(prorations).toHaveLength(2);
    expect(invoice.total).toBeGreaterThan(0);
    expect(invoice.total).toBeLessThan(39_900 - 14_900);
    expect(invoice.status).toBe('paid');
    const canceling = await stripe.subscriptions.update(sub.id, { cancel_at_period_end: true });
    expect(canceling).toMatchObject({ status: 'active', cancel_at_period_end: true });
    const invoices = await stripe.invoices.list({ customer: customer.id });
    expect(invoices.data.map((i) => i.billing_reason)).toEqual(['subscription_update', 'subscription_create']);
    expect((await stripe.invoices.retrieve(invoice.id ?? '')).id).toBe(invoice.id);
    const listed = await stripe.subscriptions.list({ customer: customer.id, status: 'all' }).autoPagingToArray({ limit: 10 });
    expect(listed.map((s) => s.id)).toEqual([sub.id]);
    const canceled = await stripe.subscriptions.cancel(sub.id);
    expect(canceled.status).toBe('canceled');
    expect((await stripe.subscriptions.list({ customer: customer.id })).data).toHaveLength(0);
  });

  it('signs webhooks that constructEvent verifies, retries failures, and events are readable back', async () => {
    let failFirst = 1;
    const receiver = await startReceiver(() => (failFirst-- > 0 ? 500 : 200));
    await control(sb.url, 'settings', { webhookRetryDelayMs: 20 });
    const endpoint = await stripe.webhookEndpoints.create({ url: receiver.url, enabled_events: ['customer.created'] });
    expect(endpoint.secret).toMatch(/^whsec_/);
    const customer = await stripe.customers.create({ email: 'hook@example.com' });
    await sb.webhooks.idle();
    expect(receiver.received.length).toBe(2);
    for (const r of receiver.received) {
      const event = stripe.webhooks.constructEvent(r.body, r.signature, String(endpoint.secret), 300);
      expect(event.type).toBe('customer.created');
      expect((event.data.object as Stripe.Customer).id).toBe(customer.id);
      expect((await stripe.events.retrieve(event.id)).id).toBe(event.id);
    }
    const first = receiver.received[0];
    expect(() => stripe.webhooks.constructEvent(`${first?.body ?? ''} `, first?.signature ?? '', String(endpoint.secret))).toThrow(Stripe.errors.StripeSignatureVerificationError);
    expect((await stripe.events.list({ type: 'customer.created', limit: 3 })).data[0]?.type).toBe('customer.created');
    await receiver.close();
  });
});
