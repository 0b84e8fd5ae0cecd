import type { App } from '../../platform/http/app.ts';
import type { AppContext } from '../../platform/context.ts';
import { createBillingRepository } from './billing.repository.ts';
import { customerOf } from './billing.service.ts';
import { priceFor, stripeRuntime } from './billing.stripe.ts';
import { syncFromStripe } from './billing.sync.ts';

/** The plan the demo organisation subscribes to: enough accounts, rules and users to show everything. */
export const DEMO_PLAN_ID = 'agency';

/**
 * Sandbox mode, first start only: the demo organisation subscribes to the Agency plan in the Stripe
 * sandbox with Stripe's test card, the way a paying customer would, and its plan is then copied from
 * Stripe like any other. Without it the demo would sit on the Free plan and could add one ad account.
 */
export async function subscribeDemoOrganisation(ctx: AppContext, app: App, orgId: string): Promise<void> {
  const plan = await createBillingRepository(ctx.db).plan(DEMO_PLAN_ID);
  if (!plan) throw new Error(`the plans table has no ${DEMO_PLAN_ID} plan`);
  const { stripe } = await stripeRuntime(ctx, app);
  const customer = await customerOf(ctx, app, orgId);
  const price = await priceFor(stripe, plan, 'month');
  await stripe.subscriptions.create(
    { customer, items: [{ price: price.id }], default_payment_method: 'pm_card_visa', metadata: { orgId } },
    { idempotencyKey: `adloop-demo-subscription-${orgId}` },
  );
  await syncFromStripe(ctx, app, orgId, customer);
}
