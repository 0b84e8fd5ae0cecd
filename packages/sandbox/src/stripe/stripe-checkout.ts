import { checkOnAttach, chargeOutcome, createCardPaymentMethod } from './stripe-cards.ts';
import { StripeFailure } from './stripe-errors.ts';
import { emit, find, newId, store, type StripeObject, type StripeState } from './stripe-state.ts';
import { createSubscription } from './stripe-subscriptions.ts';

export interface CardEntry { number: string; expMonth: number; expYear: number; email: string }

export type CheckoutOutcome = { kind: 'complete'; redirect: string } | { kind: 'error'; message: string } | { kind: 'authenticate' };

/**
 * Completes a Checkout Session the way Stripe fans it out: customer (if none), payment method,
 * subscription with its first invoice (paid, or $0 on a trial), then `checkout.session.completed`.
 * A card that needs 3-D Secure answers `authenticate` until the page's confirm step says so.
 */
export function completeCheckout(state: StripeState, session: StripeObject, entry: CardEntry | null, authenticated: boolean): CheckoutOutcome {
  if (session.status !== 'open') return { kind: 'error', message: 'This Checkout Session is no longer active.' };
  if (Number(session.expires_at) < state.now()) return { kind: 'error', message: 'This Checkout Session has expired.' };
  const data = Reflect.get(session, '_subscriptionData') as { trialDays: number | null; metadata: Record<string, string> };
  const lines = Reflect.get(session, '_lines') as Array<{ price: string; quantity: number }>;
  const cardOptional = data.trialDays !== null && session.payment_method_collection === 'if_required';
  if (!entry && !cardOptional) return { kind: 'error', message: 'Your card number is incomplete.' };
  let pm: StripeObject | null = null;
  try {
    if (entry) {
      pm = createCardPaymentMethod(state, entry.number, { month: entry.expMonth, year: entry.expYear });
      checkOnAttach(pm);
      const outcome = chargeOutcome(pm, { offSession: false, authenticated, setUp: false });
      if (!outcome.ok && 'action' in outcome) return { kind: 'authenticate' };
      if (!outcome.ok) return { kind: 'error', message: outcome.message };
    }
  } catch (error) {
    if (error instanceof StripeFailure) return { kind: 'error', message: error.body.message };
    throw error;
  }
  const email = entry?.email || (session.customer_email as string | null) || null;
  const customer = session.customer ? find(state, 'customer', String(session.customer)) : store(state, {
    id: newId(state, 'cus_'), object: 'customer', email, name: null, description: null, phone: null, address: null, balance: 0, currency: 'usd',
    delinquent: false, default_source: null, discount: null, invoice_prefix: session.id.slice(-8).toUpperCase(),
    invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
    livemode: false, metadata: {}, created: state.now(), preferred_locales: [], tax_exempt: 'none', test_clock: null,
  });
  if (!session.customer) emit(state, 'customer.created', customer);
  if (pm) {
    pm.customer = customer.id;
    Object.defineProperty(pm, '_setUp', { value: authenticated, enumerable: false });
    emit(state, 'payment_method.attached', pm);
  }
  const sub = createSubscription(state, {
    customer: customer.id, items: lines.map((l) => ({ price: find(state, 'price', l.price), quantity: l.quantity })),
    trialDays: data.trialDays ?? undefined, defaultPaymentMethod: pm?.id ?? null, metadata: data.metadata, authenticated,
  });
  Object.assign(session, {
    status: 'complete', url: null, customer: customer.id, subscription: sub.id, invoice: sub.latest_invoice,
    payment_status: data.trialDays ? 'no_payment_required' : 'paid', customer_details: { email: customer.email, name: null, address: null, phone: null, tax_exempt: 'none', tax_ids: [] },
  });
  emit(state, 'checkout.session.completed', session);
  return { kind: 'complete', redirect: String(session.success_url).replace('{CHECKOUT_SESSION_ID}', session.id) };
}
