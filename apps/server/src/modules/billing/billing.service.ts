import type { BillingOverview, CheckoutBody, InvoiceList, Plan, PlanList, UsageItem } from '@adloop/contracts';
import type { App } from '../../platform/http/app.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { OrgAccess } from '../auth/auth.guard.ts';
import { billingStateOf } from './billing-state.ts';
import { createBillingRepository, type PlanRow } from './billing.repository.ts';
import { priceFor, stripeRuntime } from './billing.stripe.ts';
import { LIVE } from './billing.sync.ts';
import { planAndAccountOf } from './limits.ts';
import { recordReferral } from './referrals.service.ts';

const TRIAL_DAYS = 14;
const DAY_MS = 86_400_000;
const LABELS: Record<UsageItem['metric'], string> = {
  adAccounts: 'Ad accounts', campaigns: 'Campaigns managed', users: 'Users', rules: 'Automation rules', aiGenerationsPerMonth: 'AI generations this month',
};

export function toPlan(row: PlanRow): Plan {
  return { id: row.id as Plan['id'], name: row.name, monthlyPriceCents: row.monthlyPriceCents, annualPriceCents: row.annualPriceCents, custom: row.custom, limits: row.limits, features: row.features };
}

export async function listPlans(ctx: AppContext): Promise<PlanList> {
  return { plans: (await createBillingRepository(ctx.db).plans()).filter((p) => p.active).map(toPlan) };
}

export async function billingOverview(ctx: AppContext, orgId: string): Promise<BillingOverview> {
  const repo = createBillingRepository(ctx.db);
  const { plan, account } = await planAndAccountOf(ctx.db, orgId);
  const now = ctx.clock.now();
  const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const used = await repo.usage(orgId, monthStart);
  const usage: UsageItem[] = (Object.keys(LABELS) as Array<UsageItem['metric']>).map((metric) => {
    const limit = plan.limits[metric];
    return { metric, label: LABELS[metric], used: used[metric], limit, atLimit: limit !== null && used[metric] >= limit, overLimit: limit !== null && used[metric] > limit };
  });
  const trialEnd = account?.trialEnd ?? null;
  const status = (account?.status ?? 'none') as BillingOverview['status'];
  const state = billingStateOf(account, now);
  return {
    plan: toPlan(plan), status, interval: account?.interval ?? null,
    currentPeriodEnd: account?.currentPeriodEnd?.toISOString() ?? null,
    trialEnd: trialEnd?.toISOString() ?? null,
    trialDaysLeft: status === 'trialing' && trialEnd ? Math.max(0, Math.round((trialEnd.getTime() - now.getTime()) / DAY_MS)) : null,
    cancelAtPeriodEnd: account?.cancelAtPeriodEnd ?? false,
    scheduledChange: account?.scheduledPlanId && account.scheduledAt ? { planId: account.scheduledPlanId as Plan['id'], interval: account.scheduledInterval ?? 'month', at: account.scheduledAt.toISOString() } : null,
    billingState: state.state, pastDueSince: state.pastDueSince?.toISOString() ?? null, readOnlyAt: state.readOnlyAt?.toISOString() ?? null,
    trialAvailable: !account?.stripeSubscriptionId,
    usage,
    managedSpendMicros30d: await repo.spendSince(orgId, new Date(now.getTime() - 30 * DAY_MS).toISOString().slice(0, 10)),
  };
}

/** The organisation's Stripe customer, created once (idempotent on the organisation id). */
export async function customerOf(ctx: AppContext, app: App, orgId: string): Promise<string> {
  const repo = createBillingRepository(ctx.db);
  const account = await repo.account(orgId);
  if (account) return account.stripeCustomerId;
  const { stripe } = await stripeRuntime(ctx, app);
  const customer = await stripe.customers.create({ metadata: { orgId } }, { idempotencyKey: `adloop-org-customer-${orgId}` });
  return (await repo.linkCustomer(orgId, customer.id)).stripeCustomerId;
}

/**
 * A Stripe Checkout page for the first subscription: a 14-day trial without a card the first
 * time, paid at once after that. The plan changes only when Stripe's webhook says so.
 */
export async function startCheckout(ctx: AppContext, app: App, access: OrgAccess, body: CheckoutBody): Promise<{ url: string }> {
  const repo = createBillingRepository(ctx.db);
  const account = await repo.account(access.orgId);
  if (account?.status && LIVE.has(account.status)) throw new AppError('conflict', 'This organisation already has a subscription: change or cancel it from the billing portal');
  const plan = await repo.plan(body.planId);
  if (!plan || !plan.active) throw new AppError('validation_failed', 'planId: this plan is not on sale', { issues: [{ location: 'body', field: 'planId', message: 'not on sale' }] });
  const { stripe } = await stripeRuntime(ctx, app);
  const price = await priceFor(stripe, plan, body.interval);
  const customer = await customerOf(ctx, app, access.orgId);
  if (body.referralCode) await recordReferral(ctx.db, access.orgId, body.referralCode);
  const trial = !account?.stripeSubscriptionId;
  const base = `${ctx.config.publicUrl}/orgs/${access.orgId}/settings/billing`;
  const session = await stripe.checkout.sessions.create({
    mode: 'subscription', customer, client_reference_id: access.orgId, line_items: [{ price: price.id, quantity: 1 }],
    success_url: `${base}?checkout=complete`, cancel_url: `${base}?checkout=canceled`,
    subscription_data: { metadata: { orgId: access.orgId }, ...(trial ? { trial_period_days: TRIAL_DAYS } : {}) },
    payment_method_collection: trial ? 'if_required' : 'always',
  });
  if (!session.url) throw new AppError('upstream_failed', 'Stripe did not return a checkout page');
  return { url: session.url };
}

export async function openPortal(ctx: AppContext, app: App, access: OrgAccess): Promise<{ url: string }> {
  const account = await createBillingRepository(ctx.db).account(access.orgId);
  if (!account) throw new AppError('conflict', 'No billing account yet: choose a plan first');
  const { stripe } = await stripeRuntime(ctx, app);
  const session = await stripe.billingPortal.sessions.create({ customer: account.stripeCustomerId, return_url: `${ctx.config.publicUrl}/orgs/${access.orgId}/settings/billing` });
  return { url: session.url };
}

export async function listInvoices(ctx: AppContext, app: App, access: OrgAccess): Promise<InvoiceList> {
  const account = await createBillingRepository(ctx.db).account(access.orgId);
  if (!account) return { invoices: [] };
  const { stripe } = await stripeRuntime(ctx, app);
  const list = await stripe.invoices.list({ customer: account.stripeCustomerId, limit: 24 });
  return {
    invoices: list.data.filter((i) => i.status !== 'draft').map((i) => ({
      id: i.id ?? '', number: i.number, status: i.status ?? 'open', totalCents: i.total, amountDueCents: i.amount_remaining,
      created: new Date(i.created * 1000).toISOString(), hostedUrl: i.hosted_invoice_url ?? null, pdfUrl: i.invoice_pdf ?? null, reason: i.billing_reason,
    })),
  };
}
