import type Stripe from 'stripe';
import type { PlanChangeBody, PlanChangeResult } from '@adloop/contracts';
import type { App } from '../../platform/http/app.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import type { OrgAccess } from '../auth/auth.guard.ts';
import { createBillingRepository } from './billing.repository.ts';
import { priceFor, stripeRuntime } from './billing.stripe.ts';
import { syncFromStripe } from './billing.sync.ts';

/** A price per month, to compare plans across intervals. */
const monthly = (price: Stripe.Price): number => (price.unit_amount ?? 0) / (price.recurring?.interval === 'year' ? 12 : 1);

async function liveSubscription(ctx: AppContext, app: App, orgId: string): Promise<{ stripe: Stripe; sub: Stripe.Subscription; customerId: string }> {
  const account = await createBillingRepository(ctx.db).account(orgId);
  if (!account?.stripeSubscriptionId || !account.status || !['trialing', 'active', 'past_due'].includes(account.status)) {
    throw new AppError('conflict', 'This organisation has no subscription to change: choose a plan first');
  }
  const { stripe } = await stripeRuntime(ctx, app);
  return { stripe, sub: await stripe.subscriptions.retrieve(account.stripeSubscriptionId), customerId: account.stripeCustomerId };
}

/**
 * Changes the plan. A dearer plan applies at once, the unused time credited and the rest of the
 * period charged now (one proration invoice); a cheaper one is scheduled for the period end with a
 * Stripe subscription schedule, so the organisation keeps what it paid for until then.
 */
export async function changePlan(ctx: AppContext, app: App, access: OrgAccess, body: PlanChangeBody): Promise<PlanChangeResult> {
  const plan = await createBillingRepository(ctx.db).plan(body.planId);
  if (!plan?.active) throw fieldError('planId', 'this plan is not on sale');
  const { stripe, sub, customerId } = await liveSubscription(ctx, app, access.orgId);
  if (sub.status === 'past_due') throw new AppError('conflict', 'A payment failed: update the card in the billing portal before changing the plan');
  const item = sub.items.data[0];
  if (!item) throw new AppError('upstream_failed', 'Stripe returned a subscription without items');
  const price = await priceFor(stripe, plan, body.interval);
  if (price.id === item.price.id) throw fieldError('planId', 'this is already the current plan');
  const scheduleId = typeof sub.schedule === 'string' ? sub.schedule : sub.schedule?.id;
  let result: PlanChangeResult;
  if (monthly(price) >= monthly(item.price)) {
    if (scheduleId) await stripe.subscriptionSchedules.release(scheduleId);
    const updated = await stripe.subscriptions.update(sub.id, { items: [{ id: item.id, price: price.id }], proration_behavior: 'always_invoice' });
    const invoiceId = sub.status === 'trialing' ? null : typeof updated.latest_invoice === 'string' ? updated.latest_invoice : updated.latest_invoice?.id ?? null;
    result = { kind: 'upgraded', planId: body.planId, interval: body.interval, effectiveAt: ctx.clock.now().toISOString(), invoiceId };
  } else {
    const schedule = scheduleId ? await stripe.subscriptionSchedules.retrieve(scheduleId) : await stripe.subscriptionSchedules.create({ from_subscription: sub.id });
    const current = schedule.current_phase ?? { start_date: item.current_period_start, end_date: item.current_period_end };
    await stripe.subscriptionSchedules.update(schedule.id, {
      end_behavior: 'release',
      phases: [
        { items: [{ price: item.price.id, quantity: item.quantity ?? 1 }], start_date: current.start_date, end_date: item.current_period_end },
        { items: [{ price: price.id, quantity: item.quantity ?? 1 }], duration: { interval: body.interval, interval_count: 1 } },
      ],
    });
    result = { kind: 'scheduled', planId: body.planId, interval: body.interval, effectiveAt: new Date(item.current_period_end * 1000).toISOString(), invoiceId: null };
  }
  // The webhooks will say the same; reading Stripe now lets the page show the change at once.
  await syncFromStripe(ctx, app, access.orgId, customerId);
  return result;
}

/** Drops the change scheduled for the period end (the schedule is released; the plan stays as it is). */
export async function cancelScheduledChange(ctx: AppContext, app: App, access: OrgAccess): Promise<void> {
  const { stripe, sub, customerId } = await liveSubscription(ctx, app, access.orgId);
  const scheduleId = typeof sub.schedule === 'string' ? sub.schedule : sub.schedule?.id;
  if (!scheduleId) throw new AppError('conflict', 'No plan change is scheduled');
  await stripe.subscriptionSchedules.release(scheduleId);
  await syncFromStripe(ctx, app, access.orgId, customerId);
}
