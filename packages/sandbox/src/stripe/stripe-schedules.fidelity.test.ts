import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStripeSandbox, type RunningStripeSandbox } from './stripe-sandbox.ts';
import { control, stripeClient } from './stripe-test.helpers.ts';

/**
 * A change at the period end with the official client, unmodified: subscriptionSchedules.create
 * (from_subscription), update (phases with duration), retrieve, release; the renewal brings the
 * next phase's price and releases the schedule.
 */
describe('subscription schedules through the official stripe client', () => {
  let sb: RunningStripeSandbox;
  let stripe: Stripe;
  let pro: Stripe.Price;
  let starter: Stripe.Price;
  const newSubscription = async () => {
    const customer = await stripe.customers.create({ email: 'sched@example.com' });
    return stripe.subscriptions.create({ customer: customer.id, items: [{ price: pro.id }], default_payment_method: 'pm_card_visa' });
  };
  beforeAll(async () => {
    sb = await startStripeSandbox({ seed: 5 });
    stripe = stripeClient(sb.url);
    const product = await stripe.products.create({ name: 'Plans' });
    pro = await stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 14_900, recurring: { interval: 'month' }, lookup_key: 'pro_m' });
    starter = await stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 4_900, recurring: { interval: 'month' }, lookup_key: 'starter_m' });
  });
  afterAll(() => sb.close());

  it('schedules a cheaper price for the period end; the renewal charges it and releases the schedule', async () => {
    const sub = await newSubscription();
    expect(sub.status).toBe('active');
    const end = sub.items.data[0]!.current_period_end;
    const schedule = await stripe.subscriptionSchedules.create({ from_subscription: sub.id });
    expect(schedule).toMatchObject({ object: 'subscription_schedule', status: 'active', subscription: sub.id, end_behavior: 'release' });
    expect(schedule.phases).toHaveLength(1);
    expect((await stripe.subscriptions.retrieve(sub.id)).schedule).toBe(schedule.id);
    await expect(stripe.subscriptionSchedules.create({ from_subscription: sub.id })).rejects.toMatchObject({ statusCode: 400, param: 'from_subscription' });
    await expect(stripe.subscriptionSchedules.update(schedule.id, { phases: [{ items: [{ price: pro.id }], start_date: schedule.phases[0]!.start_date + 1, end_date: end }] })).rejects.toMatchObject({ statusCode: 400, param: 'phases[0][start_date]' });
    const updated = await stripe.subscriptionSchedules.update(schedule.id, {
      end_behavior: 'release',
      phases: [
        { items: [{ price: pro.id, quantity: 1 }], start_date: schedule.phases[0]!.start_date, end_date: end },
        { items: [{ price: starter.id, quantity: 1 }], duration: { interval: 'month', interval_count: 1 } },
      ],
    });
    expect(updated.phases.map((p) => [p.start_date, p.items[0]!.price])).toEqual([[schedule.phases[0]!.start_date, pro.id], [end, starter.id]]);
    expect((await stripe.subscriptionSchedules.retrieve(schedule.id)).phases[1]!.end_date).toBeGreaterThan(end);
    await control(sb.url, 'clock/advance', { seconds: end - sb.state.now() + 2 * 3_600 });
    const renewed = await stripe.subscriptions.retrieve(sub.id);
    expect(renewed.items.data[0]!.price.id).toBe(starter.id);
    const cycle = (await stripe.invoices.list({ subscription: sub.id })).data.find((i) => i.billing_reason === 'subscription_cycle');
    expect(cycle).toMatchObject({ status: 'paid', total: 4_900 });
    // The last phase ends at the next renewal: the schedule lets go and the subscription carries on.
    await control(sb.url, 'clock/advance', { seconds: renewed.items.data[0]!.current_period_end - sb.state.now() + 2 * 3_600 });
    expect((await stripe.subscriptionSchedules.retrieve(schedule.id)).status).toBe('released');
    expect(await stripe.subscriptions.retrieve(sub.id)).toMatchObject({ status: 'active', schedule: null });
  });

  it('release drops the planned change: the renewal keeps the current price', async () => {
    const sub = await newSubscription();
    const end = sub.items.data[0]!.current_period_end;
    const schedule = await stripe.subscriptionSchedules.create({ from_subscription: sub.id });
    await stripe.subscriptionSchedules.update(schedule.id, { phases: [{ items: [{ price: pro.id }], start_date: schedule.phases[0]!.start_date, end_date: end }, { items: [{ price: starter.id }] }] });
    const released = await stripe.subscriptionSchedules.release(schedule.id);
    expect(released).toMatchObject({ status: 'released', released_subscription: sub.id, subscription: null });
    await expect(stripe.subscriptionSchedules.release(schedule.id)).rejects.toMatchObject({ statusCode: 400 });
    await control(sb.url, 'clock/advance', { seconds: end - sb.state.now() + 2 * 3_600 });
    expect((await stripe.subscriptions.retrieve(sub.id)).items.data[0]!.price.id).toBe(pro.id);
  });
});
