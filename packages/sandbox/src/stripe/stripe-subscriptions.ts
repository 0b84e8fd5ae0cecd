import { invalid, missingParam } from './stripe-errors.ts';
import type { FormTree, FormValue } from './stripe-form.ts';
import { createInvoice, payInvoice, voidInvoice, type LineInput } from './stripe-invoices.ts';
import { emit, find, newId, store, type StripeObject, type StripeState } from './stripe-state.ts';

/** `ts` moved by `count` intervals, month ends clamped the way Stripe anchors billing dates. */
export function addInterval(ts: number, interval: string, count: number): number {
  if (interval === 'day') return ts + count * 86_400;
  if (interval === 'week') return ts + count * 7 * 86_400;
  const d = new Date(ts * 1000);
  const months = interval === 'year' ? 12 * count : count;
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return Math.floor(target.getTime() / 1000);
}

export function recurring(price: StripeObject): { interval: string; interval_count: number } {
  return price.recurring as { interval: string; interval_count: number };
}

export function items(sub: StripeObject): StripeObject[] {
  return (sub.items as { data: StripeObject[] }).data;
}

function periodOf(sub: StripeObject): { start: number; end: number } {
  const first = items(sub)[0];
  return { start: Number(first?.current_period_start), end: Number(first?.current_period_end) };
}

/** Stripe's copy of a subscription before a change, for `previous_attributes`. */
function changed(before: StripeObject, after: StripeObject): Record<string, unknown> {
  const prev: Record<string, unknown> = {};
  for (const key of Object.keys(after)) if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) prev[key] = before[key];
  return prev;
}

export function setStatus(state: StripeState, sub: StripeObject, apply: () => void): void {
  const before = structuredClone(sub);
  apply();
  const previous = changed(before, sub);
  if (Object.keys(previous).length) emit(state, 'customer.subscription.updated', sub, previous);
}

function recurringPrice(state: StripeState, id: FormValue | undefined, param: string): StripeObject {
  if (typeof id !== 'string' || !id) throw missingParam(param);
  const price = find(state, 'price', id, param);
  if (!price.recurring) throw invalid(`The price specified is set to \`type=one_time\` but this field only accepts prices with \`type=recurring\`.`, param);
  return price;
}

function lineFor(price: StripeObject, quantity: number, sub: StripeObject, item: StripeObject, period: { start: number; end: number }): LineInput {
  const product = String(price.product);
  return { amount: Number(price.unit_amount) * quantity, description: `${quantity} × ${String(price.nickname ?? product)} (at $${(Number(price.unit_amount) / 100).toFixed(2)} / ${recurring(price).interval})`, price, quantity, period, subscriptionItem: item.id, proration: false };
}

/** Invoices the current period of every item and collects it (on session for a first payment). */
export function invoicePeriod(state: StripeState, sub: StripeObject, reason: string, offSession: boolean, extra: { authenticated?: boolean; paymentMethod?: StripeObject } = {}): StripeObject {
  const period = periodOf(sub);
  const invoice = createInvoice(state, String(sub.customer), sub.id, reason, items(sub).map((it) => lineFor(it.price as StripeObject, Number(it.quantity), sub, it, period)));
  sub.latest_invoice = invoice.id;
  if (reason === 'subscription_cycle') return invoice;
  const result = payInvoice(state, invoice, { offSession, ...extra });
  Object.defineProperty(invoice, '_result', { value: result, enumerable: false, writable: true });
  return invoice;
}

interface CreateOptions { customer: string; items: Array<{ price: StripeObject; quantity: number }>; trialDays?: number; trialEnd?: number; defaultPaymentMethod?: string | null; metadata?: Record<string, string>; missingPaymentMethod?: string; authenticated?: boolean }

/** A new subscription: trialing (no charge), or its first invoice charged now (`incomplete` if that fails). */
export function createSubscription(state: StripeState, options: CreateOptions): StripeObject {
  const now = state.now();
  const id = newId(state, 'sub_');
  const trialEnd = options.trialEnd ?? (options.trialDays ? now + options.trialDays * 86_400 : null);
  const first = options.items[0];
  if (!first) throw missingParam('items');
  const interval = recurring(first.price);
  const periodEnd = trialEnd ?? addInterval(now, interval.interval, interval.interval_count);
  const subItems = options.items.map((it) => store(state, {
    id: newId(state, 'si_'), object: 'subscription_item', subscription: id, price: structuredClone(it.price), quantity: it.quantity,
    created: now, metadata: {}, current_period_start: now, current_period_end: periodEnd, discounts: [], tax_rates: [],
  }));
  const sub = store(state, {
    id, object: 'subscription', customer: options.customer, status: trialEnd ? 'trialing' : 'incomplete', currency: 'usd', livemode: false,
    items: { object: 'list', data: subItems, has_more: false, total_count: subItems.length, url: `/v1/subscription_items?subscription=${id}` },
    billing_cycle_anchor: periodEnd, billing_mode: { type: 'flexible', flexible: { proration_discounts: 'included' }, updated_at: now },
    cancel_at_period_end: false, cancel_at: null, canceled_at: null, ended_at: null, cancellation_details: { comment: null, feedback: null, reason: null },
    trial_start: trialEnd ? now : null, trial_end: trialEnd,
    trial_settings: { end_behavior: { missing_payment_method: options.missingPaymentMethod ?? 'create_invoice' } },
    latest_invoice: null, default_payment_method: options.defaultPaymentMethod ?? null, pending_setup_intent: null, pending_update: null,
    collection_method: 'charge_automatically', schedule: null, start_date: now, created: now, metadata: options.metadata ?? {},
    test_clock: null, description: null, days_until_due: null, discounts: [], automatic_tax: { enabled: false, liability: null },
  });
  emit(state, 'customer.subscription.created', sub);
  if (trialEnd) {
    const zero = createInvoice(state, options.customer, id, 'subscription_create', subItems.map((it) => ({ ...lineFor(it.price as StripeObject, Number(it.quantity), sub, it, { start: now, end: trialEnd }), amount: 0, description: `Trial period for ${String((it.price as StripeObject).nickname ?? (it.price as StripeObject).product)}` })));
    sub.latest_invoice = zero.id;
    payInvoice(state, zero, { offSession: false });
    return sub;
  }
  const invoice = invoicePeriod(state, sub, 'subscription_create', false, { authenticated: options.authenticated });
  if (invoice.status === 'paid') setStatus(state, sub, () => {
    sub.status = 'active';
  });
  return sub;
}

/** Ends a subscription now: status canceled, open invoices voided, `customer.subscription.deleted`. */
export function endSubscription(state: StripeState, sub: StripeObject, reason = 'cancellation_requested'): void {
  const now = state.now();
  Object.assign(sub, { status: 'canceled', canceled_at: sub.canceled_at ?? now, ended_at: now, cancellation_details: { comment: null, feedback: null, reason } });
  if (typeof sub.latest_invoice === 'string') {
    const latest = state.objects.get(sub.latest_invoice);
    if (latest) voidInvoice(state, latest);
  }
  emit(state, 'customer.subscription.deleted', sub);
}

/**
 * Changes the items' prices. Same interval: prorate the rest of the period (credit unused time,
 * charge remaining time) as pending items, or invoice them now with `always_invoice`. Another
 * interval: the billing cycle restarts now and is invoiced at once (unused time credited).
 */
export function changeItems(state: StripeState, sub: StripeObject, changes: FormValue[], proration: string): void {
  const now = state.now();
  let restart = false;
  const prorations: LineInput[] = [];
  changes.forEach((raw, i) => {
    const change = typeof raw === 'object' && !Array.isArray(raw) ? raw : ({} as FormTree);
    const item = items(sub).find((it) => it.id === change.id);
    if (change.id !== undefined && !item) throw invalid(`Invalid subscription_item: '${String(change.id)}'`, `items[${i}][id]`);
    if (!item || change.price === undefined) throw invalid('Adding items is not supported by this sandbox; pass items[i][id] with items[i][price].', `items[${i}][price]`);
    const oldPrice = item.price as StripeObject;
    const newPrice = recurringPrice(state, change.price, `items[${i}][price]`);
    const quantity = change.quantity === undefined ? Number(item.quantity) : Number(change.quantity);
    const start = Number(item.current_period_start);
    const end = Number(item.current_period_end);
    const fraction = end > start ? Math.max(0, end - now) / (end - start) : 0;
    const trialing = sub.status === 'trialing';
    if (!trialing && proration !== 'none' && fraction > 0) {
      prorations.push({ amount: -Math.round(Number(oldPrice.unit_amount) * Number(item.quantity) * fraction), description: `Unused time on ${String(oldPrice.nickname ?? oldPrice.product)} after ${new Date(now * 1000).toISOString().slice(0, 10)}`, price: oldPrice, quantity: Number(item.quantity), period: { start: now, end }, subscriptionItem: item.id, proration: true });
    }
    const intervalChanged = recurring(oldPrice).interval !== recurring(newPrice).interval || recurring(oldPrice).interval_count !== recurring(newPrice).interval_count;
    if (!trialing && proration !== 'none' && fraction > 0 && !intervalChanged) {
      prorations.push({ amount: Math.round(Number(newPrice.unit_amount) * quantity * fraction), description: `Remaining time on ${String(newPrice.nickname ?? newPrice.product)} after ${new Date(now * 1000).toISOString().slice(0, 10)}`, price: newPrice, quantity, period: { start: now, end }, subscriptionItem: item.id, proration: true });
    }
    Object.assign(item, { price: structuredClone(newPrice), quantity });
    if (intervalChanged && !trialing) {
      restart = true;
      Object.assign(item, { current_period_start: now, current_period_end: addInterval(now, recurring(newPrice).interval, recurring(newPrice).interval_count) });
    }
  });
  for (const p of prorations) {
    store(state, { id: newId(state, 'ii_'), object: 'invoiceitem', customer: sub.customer, subscription: sub.id, subscription_item: p.subscriptionItem, amount: p.amount, currency: 'usd', description: p.description, period: p.period, proration: p.proration, invoice: null, date: now, livemode: false, metadata: {} });
  }
  if (restart) {
    sub.billing_cycle_anchor = now;
    const invoice = invoicePeriod(state, sub, 'subscription_update', true);
    if (invoice.status !== 'paid' && sub.status === 'active') sub.status = 'past_due';
  } else if (proration === 'always_invoice' && prorations.length) {
    const invoice = createInvoice(state, String(sub.customer), sub.id, 'subscription_update', []);
    sub.latest_invoice = invoice.id;
    const result = payInvoice(state, invoice, { offSession: true });
    if (result !== 'paid' && sub.status === 'active') sub.status = 'past_due';
  }
}
