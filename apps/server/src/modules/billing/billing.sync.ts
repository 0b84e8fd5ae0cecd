import type Stripe from 'stripe';
import { sql } from 'drizzle-orm';
import type { Db } from '@adloop/db';
import type { App } from '../../platform/http/app.ts';
import type { AppContext } from '../../platform/context.ts';
import { announceNotifications } from '../notifications/notifications.service.ts';
import { billingStateOf } from './billing-state.ts';
import { sendDunningNotices, sendRestoredNotice } from './billing.dunning.ts';
import { createBillingRepository, type SubscriptionCopy } from './billing.repository.ts';
import { planKeyOf, stripeRuntime } from './billing.stripe.ts';
import { creditCommission } from './referrals.service.ts';

/** Statuses in which the subscribed plan applies (past_due: during dunning). */
export const LIVE = new Set(['trialing', 'active', 'past_due']);

const seconds = (s: number | null | undefined): Date | null => (typeof s === 'number' ? new Date(s * 1000) : null);
const intervalOf = (price: Stripe.Price | undefined): 'month' | 'year' | null => {
  const i = price?.recurring?.interval;
  return i === 'year' ? 'year' : i === 'month' ? 'month' : null;
};

/** When the unpaid latest invoice was first charged and failed: Stripe's finalization of it (renewals are charged as they finalize). */
async function pastDueSinceOf(stripe: Stripe, sub: Stripe.Subscription): Promise<Date | null> {
  if (sub.status !== 'past_due' && sub.status !== 'unpaid') return null;
  const id = typeof sub.latest_invoice === 'string' ? sub.latest_invoice : sub.latest_invoice?.id;
  if (!id) return seconds(sub.created);
  const invoice = await stripe.invoices.retrieve(id);
  return seconds(invoice.status_transitions.finalized_at ?? invoice.created);
}

/** The plan change a subscription schedule will make next (a downgrade at the period end). */
async function scheduledChangeOf(db: Db, stripe: Stripe, sub: Stripe.Subscription, now: number): Promise<Pick<SubscriptionCopy, 'scheduledPlanId' | 'scheduledInterval' | 'scheduledAt' | 'stripeScheduleId'>> {
  const none = { scheduledPlanId: null, scheduledInterval: null, scheduledAt: null, stripeScheduleId: null };
  const id = typeof sub.schedule === 'string' ? sub.schedule : sub.schedule?.id;
  if (!id) return none;
  const schedule = await stripe.subscriptionSchedules.retrieve(id);
  if (schedule.status !== 'active' && schedule.status !== 'not_started') return none;
  const next = schedule.phases.find((p) => p.start_date > now);
  const ref = next?.items[0]?.price;
  if (!next || !ref) return { ...none, stripeScheduleId: id };
  const price = typeof ref === 'string' ? await stripe.prices.retrieve(ref) : ref;
  if (price.deleted) return { ...none, stripeScheduleId: id };
  const plan = await createBillingRepository(db).planByLookupKey(planKeyOf(price.lookup_key) ?? '');
  return { scheduledPlanId: plan?.id ?? null, scheduledInterval: intervalOf(price), scheduledAt: seconds(next.start_date), stripeScheduleId: id };
}

/** Stripe's current subscription of a customer, as the columns Adloop keeps (re-read, never taken from an event). */
export async function readSubscription(db: Db, stripe: Stripe, customerId: string, now: number): Promise<SubscriptionCopy> {
  const subs = (await stripe.subscriptions.list({ customer: customerId, status: 'all', limit: 10 })).data;
  const current = subs.find((s) => LIVE.has(s.status)) ?? subs[0];
  if (!current) return { stripeSubscriptionId: null, status: null, planId: null, interval: null, currentPeriodEnd: null, trialEnd: null, cancelAtPeriodEnd: false, pastDueSince: null, scheduledPlanId: null, scheduledInterval: null, scheduledAt: null, stripeScheduleId: null };
  const item = current.items.data[0];
  const plan = await createBillingRepository(db).planByLookupKey(planKeyOf(item?.price.lookup_key ?? null) ?? '');
  return {
    stripeSubscriptionId: current.id, status: current.status, planId: plan?.id ?? null, interval: intervalOf(item?.price),
    currentPeriodEnd: seconds(item?.current_period_end), trialEnd: seconds(current.trial_end), cancelAtPeriodEnd: current.cancel_at_period_end,
    pastDueSince: await pastDueSinceOf(stripe, current),
    ...(LIVE.has(current.status) ? await scheduledChangeOf(db, stripe, current, now) : { scheduledPlanId: null, scheduledInterval: null, scheduledAt: null, stripeScheduleId: null }),
  };
}

/**
 * Copies the customer's subscription from Stripe under a per-organisation lock and acts on what
 * changed: dunning notices while past due (each once), a notice when it is paid again. Safe to run
 * any number of times in any order: the result depends only on Stripe's state.
 */
export async function syncFromStripe(ctx: AppContext, app: App, orgId: string, customerId: string): Promise<void> {
  const { stripe } = await stripeRuntime(ctx, app);
  let notices = 0;
  await ctx.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(7401, hashtext(${orgId}))`);
    const repo = createBillingRepository(tx);
    const now = ctx.clock.now();
    const before = billingStateOf(await repo.account(orgId), now);
    const copy = await readSubscription(tx, stripe, customerId, Math.floor(now.getTime() / 1000));
    await repo.saveSubscription(orgId, copy, now);
    const after = billingStateOf(copy, now);
    if (after.state !== 'ok') notices += await sendDunningNotices(ctx, tx, orgId, after, now);
    else if (before.state !== 'ok') {
      await sendRestoredNotice(ctx, tx, orgId, before);
      notices++;
    }
  });
  if (notices > 0) await announceNotifications(ctx, orgId, notices);
}

function customerIdOf(event: Stripe.Event): string | null {
  const object = event.data.object as { object?: string; id?: string; customer?: unknown };
  if (object.object === 'customer') return object.id ?? null;
  if (typeof object.customer === 'string') return object.customer;
  if (object.customer && typeof object.customer === 'object' && 'id' in object.customer) return String(object.customer.id);
  return null;
}

/**
 * Applies one verified Stripe event: once per event id, by re-reading the customer's subscription
 * from Stripe, so any order or repetition ends in Stripe's state. A paid invoice of a referred
 * organisation is credited to its referrer (once per invoice).
 */
export async function applyStripeEvent(ctx: AppContext, app: App, event: Stripe.Event): Promise<{ duplicate: boolean }> {
  const repo = createBillingRepository(ctx.db);
  const customerId = customerIdOf(event);
  const account = customerId ? await repo.accountByCustomer(customerId) : null;
  if (!(await repo.claimEvent(event.id, event.type, account?.orgId ?? null))) return { duplicate: true };
  if (!account || !customerId) return { duplicate: false };
  try {
    await syncFromStripe(ctx, app, account.orgId, customerId);
    const object = event.data.object as { object?: string; id?: string };
    if (event.type === 'invoice.paid' && object.object === 'invoice' && object.id) {
      const { stripe } = await stripeRuntime(ctx, app);
      await creditCommission(ctx.db, account.orgId, await stripe.invoices.retrieve(object.id));
    }
  } catch (error) {
    await repo.releaseEvent(event.id);
    throw error;
  }
  return { duplicate: false };
}
