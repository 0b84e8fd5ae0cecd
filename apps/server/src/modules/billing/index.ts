import { defineJob } from '../../platform/jobs/define-job.ts';
import type { AppModule } from '../module.ts';
import { runDunning } from './billing.dunning.ts';
import { BILLING_DUNNING } from './billing.jobs.ts';
import { registerBillingRoutes } from './billing.routes.ts';

export { stripeRuntime, type StripeRuntime } from './billing.stripe.ts';
export { billingState, isOrgReadOnly, type BillingState } from './billing-state.ts';
export { runDunning } from './billing.dunning.ts';
export { subscribeDemoOrganisation } from './billing.demo.ts';

/**
 * Billing: plans as data, the organisation's subscription as Stripe reports it (webhooks re-read
 * Stripe, applied once per event), usage against the plan's limits, Checkout, the portal, plan
 * changes (upgrade now, downgrade at period end), dunning (reminders on days 0, 3 and 7, read-only
 * from day 14 until paid) and referral commissions.
 */
export const billingModule: AppModule = {
  name: 'billing',
  routes: registerBillingRoutes,
  jobs: (ctx) => [defineJob(BILLING_DUNNING, { handler: async () => void (await runDunning(ctx)) })],
  schedules: [{ job: BILLING_DUNNING, cron: '7 * * * *' }],
};
