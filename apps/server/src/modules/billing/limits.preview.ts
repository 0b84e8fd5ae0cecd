import type Stripe from 'stripe';
import type { CheckoutBody, PlanChangePreview } from '@adloop/contracts';
import type { App } from '../../platform/http/app.ts';
import type { AppContext } from '../../platform/context.ts';
import { fieldError } from '../../platform/errors.ts';
import { createBillingRepository, type PlanRow } from './billing.repository.ts';
import { priceFor, stripeRuntime } from './billing.stripe.ts';
import { monthStartOf } from './limits.ts';

const LIVE = new Set(['trialing', 'active', 'past_due']);
const KEEP = ['adAccounts', 'rules', 'users'] as const;

/** A price per month, to tell an upgrade from a downgrade across intervals (as the plan change does). */
const monthly = (price: Stripe.Price): number => (price.unit_amount ?? 0) / (price.recurring?.interval === 'year' ? 12 : 1);

/** What would be over the target plan's limits, counted from what exists now. */
async function overOn(ctx: AppContext, orgId: string, plan: PlanRow): Promise<PlanChangePreview['overLimits']> {
  const used = await createBillingRepository(ctx.db).usage(orgId, monthStartOf(ctx.clock.now()));
  return KEEP.flatMap((metric) => {
    const limit = plan.limits[metric];
    return limit !== null && used[metric] > limit ? [{ metric, used: used[metric], limit }] : [];
  });
}

/**
 * The price difference of a plan change before it is confirmed, from Stripe's own invoice preview
 * (`invoices.createPreview` with `always_invoice`: what an upgrade charges today, prorated). A
 * downgrade charges nothing today and takes effect at the period end; in a trial nothing is
 * charged until the trial ends. Without a subscription the first payment goes through Checkout.
 */
export async function previewPlanChange(ctx: AppContext, app: App, orgId: string, body: CheckoutBody): Promise<PlanChangePreview> {
  const repo = createBillingRepository(ctx.db);
  const plan = await repo.plan(body.planId);
  if (!plan?.active) throw fieldError('planId', 'this plan is not on sale');
  const account = await repo.account(orgId);
  const { stripe } = await stripeRuntime(ctx, app);
  const price = await priceFor(stripe, plan, body.interval);
  const thenCents = price.unit_amount ?? 0;
  const now = ctx.clock.now();
  const overLimits = await overOn(ctx, orgId, plan);
  if (!account?.stripeSubscriptionId || !account.status || !LIVE.has(account.status)) {
    const trial = !account?.stripeSubscriptionId;
    return { planId: plan.id, interval: body.interval, direction: 'upgrade', dueTodayCents: trial ? 0 : thenCents, thenCents, effectiveAt: now.toISOString(), lines: [], overLimits };
  }
  const sub = await stripe.subscriptions.retrieve(account.stripeSubscriptionId);
  const item = sub.items.data[0];
  if (!item) throw fieldError('planId', 'the subscription has no plan to change');
  if (item.price.id === price.id) return { planId: plan.id, interval: body.interval, direction: 'same', dueTodayCents: 0, thenCents, effectiveAt: now.toISOString(), lines: [], overLimits };
  if (monthly(price) < monthly(item.price)) {
    return { planId: plan.id, interval: body.interval, direction: 'downgrade', dueTodayCents: 0, thenCents, effectiveAt: new Date(item.current_period_end * 1000).toISOString(), lines: [], overLimits };
  }
  const invoice = await stripe.invoices.createPreview({
    customer: account.stripeCustomerId, subscription: sub.id,
    subscription_details: { items: [{ id: item.id, price: price.id }], proration_behavior: 'always_invoice' },
  });
  const lines = invoice.lines.data.map((l) => ({ description: l.description ?? '', amountCents: l.amount }));
  return { planId: plan.id, interval: body.interval, direction: 'upgrade', dueTodayCents: sub.status === 'trialing' ? 0 : Math.max(0, invoice.amount_due), thenCents, effectiveAt: now.toISOString(), lines, overLimits };
}
