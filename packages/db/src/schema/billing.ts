import { boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './orgs.ts';

/** What a plan includes; null = unlimited (or agreed per contract on a custom plan). */
export interface PlanLimits {
  adAccounts: number | null;
  campaigns: number | null;
  aiGenerationsPerMonth: number | null;
  users: number | null;
  historyDays: number | null;
  rules: number | null;
}

export interface PlanFeatures {
  reportExports: Array<'pdf' | 'csv' | 'xlsx' | 'api'>;
  apiAccess: boolean;
}

/**
 * The plans on sale, as data: prices and limits change with an UPDATE, never a release. Prices in
 * US cents; null on a custom (sales-led) plan. Stripe prices are found by `stripe_lookup_key`
 * + `_monthly` / `_annual`.
 */
export const plans = pgTable('plans', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  position: integer('position').notNull(),
  monthlyPriceCents: integer('monthly_price_cents'),
  annualPriceCents: integer('annual_price_cents'),
  custom: boolean('custom').notNull().default(false),
  /** Sold (checkout offered); retired plans stay for the organisations still on them. */
  active: boolean('active').notNull().default(true),
  limits: jsonb('limits').$type<PlanLimits>().notNull(),
  features: jsonb('features').$type<PlanFeatures>().notNull(),
  stripeLookupKey: text('stripe_lookup_key').notNull().unique(),
});

/**
 * An organisation's Stripe customer and what Stripe last said about its subscription. Every field
 * after `stripe_customer_id` is copied from Stripe's own objects (re-read on each webhook), never
 * from the browser.
 */
export const billingAccounts = pgTable('billing_accounts', {
  orgId: uuid('org_id').primaryKey().references(() => organizations.id, { onDelete: 'cascade' }),
  stripeCustomerId: text('stripe_customer_id').notNull().unique(),
  stripeSubscriptionId: text('stripe_subscription_id'),
  status: text('status'),
  planId: text('plan_id').references(() => plans.id),
  interval: text('interval', { enum: ['month', 'year'] }),
  currentPeriodEnd: timestamp('current_period_end', { withTimezone: true }),
  trialEnd: timestamp('trial_end', { withTimezone: true }),
  cancelAtPeriodEnd: boolean('cancel_at_period_end').notNull().default(false),
  /** When the unpaid invoice of a `past_due` subscription was first charged and failed (Stripe's time); null otherwise. */
  pastDueSince: timestamp('past_due_since', { withTimezone: true }),
  /** A plan change Stripe will make at the period end (a subscription schedule's next phase); null when none. */
  scheduledPlanId: text('scheduled_plan_id').references(() => plans.id),
  scheduledInterval: text('scheduled_interval', { enum: ['month', 'year'] }),
  scheduledAt: timestamp('scheduled_at', { withTimezone: true }),
  stripeScheduleId: text('stripe_schedule_id'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Stripe events already applied (webhook deliveries are at least once): the id is the key. */
export const billingEvents = pgTable('billing_events', {
  eventId: text('event_id').primaryKey(),
  type: text('type').notNull(),
  orgId: uuid('org_id').references(() => organizations.id, { onDelete: 'cascade' }),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * An organisation's referral code; the commission terms are data (rate in basis points of each
 * paid invoice, for the referred organisation's first `commission_months` months).
 */
export const referralCodes = pgTable('referral_codes', {
  orgId: uuid('org_id').primaryKey().references(() => organizations.id, { onDelete: 'cascade' }),
  code: text('code').notNull().unique(),
  commissionBps: integer('commission_bps').notNull().default(2000),
  commissionMonths: integer('commission_months').notNull().default(12),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Which organisation referred which (once per referred organisation). */
export const referrals = pgTable('referrals', {
  referredOrgId: uuid('referred_org_id').primaryKey().references(() => organizations.id, { onDelete: 'cascade' }),
  referrerOrgId: uuid('referrer_org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
  code: text('code').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('referrals_referrer_idx').on(t.referrerOrgId)]);

/** A commission owed on one paid invoice of a referred organisation: the invoice id makes it once only. */
export const referralCommissions = pgTable('referral_commissions', {
  invoiceId: text('invoice_id').primaryKey(),
  referrerOrgId: uuid('referrer_org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
  referredOrgId: uuid('referred_org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
  invoiceNumber: text('invoice_number'),
  amountPaidCents: integer('amount_paid_cents').notNull(),
  commissionBps: integer('commission_bps').notNull(),
  commissionCents: integer('commission_cents').notNull(),
  currency: text('currency').notNull(),
  paidAt: timestamp('paid_at', { withTimezone: true }).notNull(),
}, (t) => [index('referral_commissions_referrer_idx').on(t.referrerOrgId, t.paidAt)]);
