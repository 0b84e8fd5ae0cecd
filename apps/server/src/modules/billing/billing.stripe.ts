import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { startStripeSandbox, type RunningStripeSandbox } from '@adloop/sandbox';
import type { App } from '../../platform/http/app.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { PlanRow } from './billing.repository.ts';

/** The Stripe events the webhook route is registered for; each one only triggers a re-read. */
export const HANDLED_EVENTS = [
  'checkout.session.completed', 'customer.subscription.created', 'customer.subscription.updated', 'customer.subscription.deleted',
  'customer.subscription.trial_will_end', 'invoice.paid', 'invoice.payment_failed', 'invoice.payment_action_required', 'customer.updated',
] as const;

export const WEBHOOK_PATH = '/api/v1/billing/webhook';

/** How this process reaches Stripe: the official client, the webhook signing secret, and the sandbox when it is one. */
export interface StripeRuntime {
  stripe: Stripe;
  webhookSecret: string;
  sandbox: RunningStripeSandbox | null;
}

const runtimes = new WeakMap<AppContext, Promise<StripeRuntime>>();

export function stripeClient(url: string, key: string): Stripe {
  const u = new URL(url);
  const protocol = u.protocol === 'http:' ? 'http' : 'https';
  const port = u.port ? Number(u.port) : protocol === 'http' ? 80 : 443;
  return new Stripe(key, { host: u.hostname, port, protocol, maxNetworkRetries: 2, timeout: 20_000 });
}

/**
 * With STRIPE_SECRET_KEY set, billing talks to Stripe (STRIPE_API_URL) and verifies webhooks with
 * STRIPE_WEBHOOK_SECRET. Otherwise, in sandbox mode, the Stripe sandbox starts on first use (with this
 * app, closed with it) and its webhooks are sent to this server's own webhook route; production mode
 * without a key answers 503.
 */
async function startRuntime(ctx: AppContext, app: App): Promise<StripeRuntime> {
  const configured = ctx.config.stripe;
  if (configured) return { stripe: stripeClient(configured.apiUrl, configured.secretKey), webhookSecret: configured.webhookSecret, sandbox: null };
  if (ctx.config.isProduction) throw new AppError('unavailable', 'Billing is not configured on this server (set STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET)');
  const sandbox = await startStripeSandbox({ seed: ctx.config.sandboxPlatforms.seed });
  const stripe = stripeClient(sandbox.url, sandbox.state.settings.secretKey);
  const address = app.server.address() as AddressInfo | null;
  const endpoint = await stripe.webhookEndpoints.create({ url: `http://127.0.0.1:${address?.port ?? ctx.config.port}${WEBHOOK_PATH}`, enabled_events: [...HANDLED_EVENTS] });
  return { stripe, webhookSecret: endpoint.secret ?? '', sandbox };
}

export function stripeRuntime(ctx: AppContext, app: App): Promise<StripeRuntime> {
  let runtime = runtimes.get(ctx);
  if (!runtime) {
    runtime = startRuntime(ctx, app);
    runtimes.set(ctx, runtime);
    runtime.catch(() => runtimes.delete(ctx));
  }
  return runtime;
}

/** Stops the Stripe sandbox this app started, if it did (the app's onClose). */
export async function closeStripeRuntime(ctx: AppContext): Promise<void> {
  const runtime = runtimes.get(ctx);
  runtimes.delete(ctx);
  const started = await runtime?.catch(() => null);
  await started?.sandbox?.close();
}

/** Stripe's lookup key for a plan's price at an interval. */
export const lookupKey = (plan: PlanRow, interval: 'month' | 'year'): string => `${plan.stripeLookupKey}_${interval === 'month' ? 'monthly' : 'annual'}`;

/** The plan's lookup key from a price's (`adloop_pro_monthly` → `adloop_pro`). */
export const planKeyOf = (priceLookupKey: string | null): string | null => priceLookupKey?.replace(/_(monthly|annual)$/, '') ?? null;

/**
 * The Stripe price for a plan and interval, created (product and price) when missing or when the
 * plan's price changed (the lookup key moves to the new price; subscribers keep theirs).
 */
export async function priceFor(stripe: Stripe, plan: PlanRow, interval: 'month' | 'year'): Promise<Stripe.Price> {
  const key = lookupKey(plan, interval);
  const amount = interval === 'month' ? plan.monthlyPriceCents : plan.annualPriceCents;
  if (amount === null || plan.custom) throw new AppError('unprocessable', `${plan.name} is priced by contract: contact sales`, { issues: [{ location: 'body', field: 'planId', message: 'custom plan' }] });
  const [existing] = (await stripe.prices.list({ lookup_keys: [key], limit: 1 })).data;
  if (existing && existing.unit_amount === amount) return existing;
  const product = existing ? String(existing.product) : (await stripe.products.create({ name: `Adloop ${plan.name}`, metadata: { planId: plan.id } }, { idempotencyKey: `adloop-product-${plan.id}` })).id;
  return stripe.prices.create({
    product, currency: 'usd', unit_amount: amount, recurring: { interval }, lookup_key: key, transfer_lookup_key: true,
    nickname: `${plan.name} ${interval === 'month' ? 'monthly' : 'annual'}`, metadata: { planId: plan.id },
  }, { idempotencyKey: `adloop-price-${key}-${amount}` });
}
