import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStripeSandbox, type RunningStripeSandbox } from './stripe-sandbox.ts';
import { control, stripeClient } from './stripe-test.helpers.ts';

/** `invoices.createPreview` with the official client: the previewed proration is what the update then charges. */
describe('invoice preview of a subscription change', () => {
  let sb: RunningStripeSandbox;
  let stripe: Stripe;
  let pro: Stripe.Price;
  let agency: Stripe.Price;
  beforeAll(async () => {
    sb = await startStripeSandbox({ seed: 5 });
    stripe = stripeClient(sb.url);
    const proProduct = await stripe.products.create({ name: 'Pro' });
    const agencyProduct = await stripe.products.create({ name: 'Agency' });
    pro = await stripe.prices.create({ product: proProduct.id, currency: 'usd', unit_amount: 14_900, recurring: { interval: 'month' }, nickname: 'Pro monthly' });
    agency = await stripe.prices.create({ product: agencyProduct.id, currency: 'usd', unit_amount: 39_900, recurring: { interval: 'month' }, nickname: 'Agency monthly' });
  });
  afterAll(() => sb.close());

  it('previews the prorated upgrade charged today, stores nothing, and the update charges the same', async () => {
    const customer = await stripe.customers.create({ email: 'preview@example.com', payment_method: 'pm_card_visa', invoice_settings: { default_payment_method: 'pm_card_visa' } });
    const sub = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: pro.id }] });
    await control(sb.url, 'clock/advance', { days: 10 });
    const item = sub.items.data[0]!;
    const preview = await stripe.invoices.createPreview({ customer: customer.id, subscription: sub.id, subscription_details: { items: [{ id: item.id, price: agency.id }], proration_behavior: 'always_invoice' } });
    expect(preview.lines.data.filter((l) => l.parent?.subscription_item_details?.proration)).toHaveLength(2);
    expect(preview.amount_due).toBeGreaterThan(0);
    expect(preview.amount_due).toBeLessThan(39_900 - 14_900);
    expect((await stripe.invoices.list({ customer: customer.id })).data).toHaveLength(1);
    const upgraded = await stripe.subscriptions.update(sub.id, { items: [{ id: item.id, price: agency.id }], proration_behavior: 'always_invoice', expand: ['latest_invoice'] });
    expect((upgraded.latest_invoice as Stripe.Invoice).total).toBe(preview.total);
    await expect(stripe.invoices.createPreview({ customer: customer.id, subscription: sub.id, subscription_details: { items: [{ id: 'si_nope', price: pro.id }] } })).rejects.toMatchObject({ type: 'StripeInvalidRequestError', param: 'subscription_details[items][0][id]' });
  });
});
