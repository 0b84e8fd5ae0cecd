import { z } from 'zod';

/**
 * Billing: the plans on sale (data, not code), an organisation's subscription as Stripe reports it,
 * its usage against the plan's limits, and the ways to pay (Stripe Checkout, the customer portal).
 * Prices in US cents; a null limit is unlimited.
 */

export const PLAN_IDS = ['free', 'starter', 'pro', 'agency', 'enterprise'] as const;
export const PlanId = z.enum(PLAN_IDS);
export type PlanId = z.infer<typeof PlanId>;

export const PlanLimitsDto = z.object({
  adAccounts: z.number().int().nullable(),
  campaigns: z.number().int().nullable(),
  aiGenerationsPerMonth: z.number().int().nullable(),
  users: z.number().int().nullable(),
  historyDays: z.number().int().nullable(),
  rules: z.number().int().nullable(),
}).meta({ id: 'PlanLimits' });

export const Plan = z.object({
  id: PlanId,
  name: z.string(),
  /** null on a custom plan (priced by contract). */
  monthlyPriceCents: z.number().int().nullable(),
  /** The yearly price (20 % below twelve months). */
  annualPriceCents: z.number().int().nullable(),
  custom: z.boolean(),
  limits: PlanLimitsDto,
  features: z.object({ reportExports: z.array(z.enum(['pdf', 'csv', 'xlsx', 'api'])), apiAccess: z.boolean() }),
}).meta({ id: 'Plan' });
export type Plan = z.infer<typeof Plan>;

export const PlanList = z.object({ plans: z.array(Plan) }).meta({ id: 'PlanList' });
export type PlanList = z.infer<typeof PlanList>;

export const USAGE_METRICS = ['adAccounts', 'campaigns', 'users', 'rules', 'aiGenerationsPerMonth'] as const;

export const UsageItem = z.object({
  metric: z.enum(USAGE_METRICS),
  label: z.string(),
  used: z.number().int(),
  /** null = unlimited on this plan. */
  limit: z.number().int().nullable(),
  atLimit: z.boolean(),
  overLimit: z.boolean(),
});
export type UsageItem = z.infer<typeof UsageItem>;

export const SUBSCRIPTION_STATUSES = ['none', 'trialing', 'active', 'past_due', 'canceled', 'unpaid', 'incomplete', 'incomplete_expired', 'paused'] as const;

export const BillingOverview = z.object({
  plan: Plan,
  /** `none`: never subscribed (the Free plan). Copied from Stripe, never from the browser. */
  status: z.enum(SUBSCRIPTION_STATUSES),
  interval: z.enum(['month', 'year']).nullable(),
  currentPeriodEnd: z.iso.datetime().nullable(),
  trialEnd: z.iso.datetime().nullable(),
  trialDaysLeft: z.number().int().nullable(),
  cancelAtPeriodEnd: z.boolean(),
  /** A change Stripe will make at the period end (a downgrade), which can still be cancelled. */
  scheduledChange: z.object({ planId: PlanId, interval: z.enum(['month', 'year']), at: z.iso.datetime() }).nullable(),
  /**
   * `past_due`: a payment failed, everything works and reminders go out (days 0, 3, 7);
   * `read_only`: unpaid for 14 days, automation paused and writes refused until it is paid.
   */
  billingState: z.enum(['ok', 'past_due', 'read_only']),
  pastDueSince: z.iso.datetime().nullable(),
  readOnlyAt: z.iso.datetime().nullable(),
  /** Whether this organisation may still start a free trial (one per organisation). */
  trialAvailable: z.boolean(),
  usage: z.array(UsageItem),
  /** Ad spend Adloop manages over the last 30 days, in micros of each account's currency summed. */
  managedSpendMicros30d: z.number().int(),
}).meta({ id: 'BillingOverview' });
export type BillingOverview = z.infer<typeof BillingOverview>;

export const CheckoutBody = z.strictObject({
  planId: z.enum(['starter', 'pro', 'agency']),
  interval: z.enum(['month', 'year']).default('month'),
  /** Another organisation's referral code (recorded once; the referrer earns a commission on this organisation's first payments). */
  referralCode: z.string().trim().min(4).max(32).optional(),
}).meta({ id: 'CheckoutBody' });
export type CheckoutBody = z.infer<typeof CheckoutBody>;

/** A Stripe-hosted page to send the browser to (short-lived: create one per click). */
export const RedirectUrl = z.object({ url: z.url() }).meta({ id: 'RedirectUrl' });
export type RedirectUrl = z.infer<typeof RedirectUrl>;

export const InvoiceDto = z.object({
  id: z.string(),
  number: z.string().nullable(),
  status: z.string(),
  totalCents: z.number().int(),
  amountDueCents: z.number().int(),
  created: z.iso.datetime(),
  hostedUrl: z.url().nullable(),
  pdfUrl: z.url().nullable(),
  reason: z.string().nullable(),
});
export const InvoiceList = z.object({ invoices: z.array(InvoiceDto) }).meta({ id: 'InvoiceList' });
export type InvoiceList = z.infer<typeof InvoiceList>;

export const WebhookAck = z.object({ received: z.literal(true), duplicate: z.boolean() }).meta({ id: 'StripeWebhookAck' });

export const PlanChangeBody = z.strictObject({
  planId: z.enum(['starter', 'pro', 'agency']),
  interval: z.enum(['month', 'year']).default('month'),
}).meta({ id: 'PlanChangeBody' });
export type PlanChangeBody = z.infer<typeof PlanChangeBody>;

/** An upgrade applies at once (the prorated difference invoiced now); a downgrade waits for the period end. */
export const PlanChangeResult = z.object({
  kind: z.enum(['upgraded', 'scheduled']),
  planId: PlanId,
  interval: z.enum(['month', 'year']),
  effectiveAt: z.iso.datetime(),
  /** The proration invoice of an upgrade (null while trialing or for a downgrade). */
  invoiceId: z.string().nullable(),
}).meta({ id: 'PlanChangeResult' });
export type PlanChangeResult = z.infer<typeof PlanChangeResult>;

export const ReferralCommissionDto = z.object({
  invoiceId: z.string(),
  invoiceNumber: z.string().nullable(),
  referredOrgId: z.uuid(),
  referredOrgName: z.string(),
  amountPaidCents: z.number().int(),
  commissionCents: z.number().int(),
  currency: z.string(),
  paidAt: z.iso.datetime(),
});

export const ReferralOverview = z.object({
  code: z.string(),
  /** The sign-up link carrying the code. */
  link: z.url(),
  /** Percent of each paid invoice, for the referred organisation's first `commissionMonths` months. */
  commissionPercent: z.number(),
  commissionMonths: z.number().int(),
  referred: z.array(z.object({ orgId: z.uuid(), name: z.string(), since: z.iso.datetime(), commissionCents: z.number().int() })),
  commissions: z.array(ReferralCommissionDto),
  totalCommissionCents: z.number().int(),
}).meta({ id: 'ReferralOverview' });
export type ReferralOverview = z.infer<typeof ReferralOverview>;
