import { isTestAlias } from './stripe-cards.ts';
import { cardError, invalid, missingParam } from './stripe-errors.ts';
import type { FormTree } from './stripe-form.ts';
import { attachPaymentMethod, type Op } from './stripe-catalog.api.ts';
import { payInvoice } from './stripe-invoices.ts';
import { settle } from './stripe-lifecycle.ts';
import { bool, createdFilter, int, list, mergeMetadata, only, page, str, tree } from './stripe-query.ts';
import { all, emit, find, newId, store, type StripeObject, type StripeState } from './stripe-state.ts';
import { changeItems, createSubscription, endSubscription, setStatus } from './stripe-subscriptions.ts';

function itemsParam(state: StripeState, p: FormTree): Array<{ price: StripeObject; quantity: number }> {
  const raw = list(p, 'items');
  if (!raw.length) throw missingParam('items');
  return raw.map((it, i) => {
    const t = typeof it === 'object' && !Array.isArray(it) ? it : ({} as FormTree);
    if (typeof t.price !== 'string') throw missingParam(`items[${i}][price]`);
    const price = find(state, 'price', t.price, `items[${i}][price]`);
    if (!price.recurring) throw invalid('The price specified is set to `type=one_time` but this field only accepts prices with `type=recurring`.', `items[${i}][price]`);
    return { price, quantity: t.quantity === undefined ? 1 : Number(t.quantity) };
  });
}

function defaultPm(state: StripeState, customer: StripeObject, raw: string | undefined): string | null {
  if (!raw) return null;
  const pm = isTestAlias(raw) ? attachPaymentMethod(state, raw, customer, 'default_payment_method') : find(state, 'payment_method', raw, 'default_payment_method');
  if (pm.customer !== customer.id) throw invalid(`The customer does not have a payment method with the ID ${raw}. The payment method must be attached to the customer.`, 'default_payment_method');
  return pm.id;
}

export function createSub({ state, p }: Op): StripeObject {
  only(p, ['customer', 'items', 'trial_period_days', 'trial_end', 'default_payment_method', 'payment_behavior', 'metadata', 'proration_behavior', 'trial_settings', 'collection_method', 'cancel_at_period_end']);
  const customer = find(state, 'customer', str(p, 'customer') ?? (() => { throw missingParam('customer'); })(), 'customer');
  const subItems = itemsParam(state, p);
  const trialDays = int(p, 'trial_period_days', 1, 730);
  const trialEnd = int(p, 'trial_end');
  if (trialEnd !== undefined && trialEnd <= state.now()) throw invalid('Invalid timestamp: must be an integer Unix timestamp in the future.', 'trial_end');
  const settings = tree(p, 'trial_settings');
  const endBehaviour = settings && typeof settings.end_behavior === 'object' && !Array.isArray(settings.end_behavior) ? String(settings.end_behavior.missing_payment_method ?? 'create_invoice') : undefined;
  const sub = createSubscription(state, {
    customer: customer.id, items: subItems, trialDays, trialEnd, defaultPaymentMethod: defaultPm(state, customer, str(p, 'default_payment_method')),
    metadata: mergeMetadata({}, p), missingPaymentMethod: endBehaviour,
  });
  const invoice = typeof sub.latest_invoice === 'string' ? state.objects.get(sub.latest_invoice) : undefined;
  if (sub.status === 'incomplete' && invoice && str(p, 'payment_behavior') === 'error_if_incomplete') {
    const pi = state.objects.get(String(Reflect.get(invoice, 'payment_intent_id')));
    const err = (pi?.last_payment_error ?? {}) as { code?: string; message?: string; decline_code?: string };
    endSubscription(state, sub, 'payment_failed');
    sub.status = 'incomplete_expired';
    throw cardError(err.code ?? 'card_declined', err.message ?? 'Your card was declined.', err.decline_code);
  }
  return sub;
}

export function updateSub({ state, p, ids }: Op): StripeObject {
  only(p, ['items', 'proration_behavior', 'cancel_at_period_end', 'default_payment_method', 'metadata', 'trial_end', 'payment_behavior', 'proration_date', 'billing_cycle_anchor']);
  const sub = find(state, 'subscription', ids.id ?? '');
  if (sub.status === 'canceled') throw invalid('A canceled subscription can only update its cancellation_details and metadata.', 'id');
  const proration = str(p, 'proration_behavior') ?? 'create_prorations';
  if (!['create_prorations', 'always_invoice', 'none'].includes(proration)) throw invalid('Invalid proration_behavior: must be one of create_prorations, always_invoice, or none', 'proration_behavior');
  const customer = find(state, 'customer', String(sub.customer), 'customer');
  setStatus(state, sub, () => {
    if (p.items !== undefined) changeItems(state, sub, list(p, 'items'), proration);
    const cancel = bool(p, 'cancel_at_period_end');
    if (cancel !== undefined) Object.assign(sub, { cancel_at_period_end: cancel, cancel_at: cancel ? Number((sub.items as { data: StripeObject[] }).data[0]?.current_period_end) : null, canceled_at: cancel ? state.now() : null });
    if (p.default_payment_method !== undefined) sub.default_payment_method = defaultPm(state, customer, str(p, 'default_payment_method'));
    if (p.metadata !== undefined) sub.metadata = mergeMetadata(sub.metadata, p);
    if (str(p, 'trial_end') === 'now' && sub.status === 'trialing') {
      for (const it of (sub.items as { data: StripeObject[] }).data) it.current_period_end = state.now();
      sub.trial_end = state.now();
    }
  });
  return sub;
}

export function cancelSub({ state, ids }: Op): StripeObject {
  const sub = find(state, 'subscription', ids.id ?? '');
  if (sub.status === 'canceled') throw invalid(`No such subscription: '${sub.id}'. This subscription has already been canceled.`, 'id', 'resource_missing');
  endSubscription(state, sub);
  return sub;
}

export function listSubs({ state, p }: Op): StripeObject {
  const customer = str(p, 'customer');
  const status = str(p, 'status');
  const price = str(p, 'price');
  const rows = all(state, 'subscription').filter((s) => (!customer || s.customer === customer)
    && (status === 'all' || (status ? s.status === status : s.status !== 'canceled' && s.status !== 'incomplete_expired'))
    && (!price || (s.items as { data: StripeObject[] }).data.some((it) => (it.price as StripeObject).id === price)) && createdFilter(p)(s));
  return page(rows, p, '/v1/subscriptions');
}

export function listInvoices({ state, p }: Op): StripeObject {
  const customer = str(p, 'customer');
  const subscription = str(p, 'subscription');
  const status = str(p, 'status');
  const rows = all(state, 'invoice').filter((i) => (!customer || i.customer === customer) && (!status || i.status === status)
    && (!subscription || (i.parent as { subscription_details?: { subscription: string } } | null)?.subscription_details?.subscription === subscription) && createdFilter(p)(i));
  return page(rows, p, '/v1/invoices');
}

export function payInvoiceOp({ state, p, ids }: Op): StripeObject {
  only(p, ['payment_method', 'off_session']);
  const invoice = find(state, 'invoice', ids.id ?? '');
  if (invoice.status === 'paid') throw invalid('Invoice is already paid', 'id', 'invoice_already_paid');
  if (invoice.status === 'void') throw invalid('This invoice is void and cannot be paid.', 'id', 'invoice_not_payable');
  const pmId = str(p, 'payment_method');
  const customer = find(state, 'customer', String(invoice.customer), 'customer');
  const pm = pmId ? (isTestAlias(pmId) ? attachPaymentMethod(state, pmId, customer, 'payment_method') : find(state, 'payment_method', pmId, 'payment_method')) : undefined;
  const result = payInvoice(state, invoice, { offSession: bool(p, 'off_session') ?? true, ...(pm ? { paymentMethod: pm } : {}) });
  settle(state, invoice, result);
  if (result !== 'paid') {
    const pi = state.objects.get(String(Reflect.get(invoice, 'payment_intent_id')));
    const err = (pi?.last_payment_error ?? {}) as { code?: string; message?: string; decline_code?: string };
    throw cardError(err.code ?? 'card_declined', err.message ?? 'Your card was declined.', err.decline_code);
  }
  return invoice;
}

export function createCheckout({ state, p }: Op): StripeObject {
  only(p, ['mode', 'line_items', 'success_url', 'cancel_url', 'customer', 'customer_email', 'client_reference_id', 'metadata', 'subscription_data', 'allow_promotion_codes', 'payment_method_collection', 'expires_at', 'ui_mode', 'locale']);
  const mode = str(p, 'mode');
  if (!mode) throw missingParam('mode');
  if (mode !== 'subscription') throw invalid('This sandbox supports mode=subscription only.', 'mode');
  const success = str(p, 'success_url');
  if (!success) throw missingParam('success_url');
  if (p.customer !== undefined && p.customer_email !== undefined) throw invalid('You may only specify one of these parameters: customer, customer_email.', 'customer', 'parameters_exclusive');
  const customer = str(p, 'customer') ? find(state, 'customer', String(p.customer), 'customer').id : null;
  const items = list(p, 'line_items');
  if (!items.length) throw missingParam('line_items');
  const lines = items.map((it, i) => {
    const t = typeof it === 'object' && !Array.isArray(it) ? it : ({} as FormTree);
    if (typeof t.price !== 'string') throw missingParam(`line_items[${i}][price]`);
    const price = find(state, 'price', t.price, `line_items[${i}][price]`);
    if (!price.recurring) throw invalid('You must provide at least one recurring price in `subscription` mode when using prices.', `line_items[${i}][price]`);
    return { price: price.id, quantity: t.quantity === undefined ? 1 : Number(t.quantity), amount: Number(price.unit_amount) * Number(t.quantity ?? 1) };
  });
  const subData = tree(p, 'subscription_data') ?? {};
  const trialDays = subData.trial_period_days === undefined ? null : Number(subData.trial_period_days);
  if (trialDays !== null && (!Number.isInteger(trialDays) || trialDays < 1 || trialDays > 730)) throw invalid('trial_period_days must be between 1 and 730.', 'subscription_data[trial_period_days]');
  const collection = str(p, 'payment_method_collection') ?? 'always';
  const id = `cs_test_${newId(state, '')}`;
  const session = store(state, {
    id, object: 'checkout.session', mode, status: 'open', payment_status: 'unpaid', url: `${state.baseUrl}/c/pay/${id}`,
    success_url: success, cancel_url: str(p, 'cancel_url') ?? null, customer, customer_email: str(p, 'customer_email') ?? null,
    customer_details: null, client_reference_id: str(p, 'client_reference_id') ?? null, metadata: mergeMetadata({}, p),
    subscription: null, invoice: null, amount_subtotal: lines.reduce((s, l) => s + l.amount, 0), amount_total: trialDays ? 0 : lines.reduce((s, l) => s + l.amount, 0),
    currency: 'usd', created: state.now(), expires_at: int(p, 'expires_at') ?? state.now() + 86_400, livemode: false,
    payment_method_collection: collection, payment_method_types: ['card'], ui_mode: str(p, 'ui_mode') ?? 'hosted_page',
    allow_promotion_codes: bool(p, 'allow_promotion_codes') ?? null, locale: str(p, 'locale') ?? null,
  });
  Object.defineProperty(session, '_lines', { value: lines, enumerable: false });
  Object.defineProperty(session, '_subscriptionData', { value: { trialDays, metadata: typeof subData.metadata === 'object' ? subData.metadata : {} }, enumerable: false });
  return session;
}

export function expireCheckout({ state, ids }: Op): StripeObject {
  const session = find(state, 'checkout.session', ids.id ?? '');
  if (session.status !== 'open') throw invalid(`Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of "${String(session.status)}".`, 'id');
  Object.assign(session, { status: 'expired', url: null });
  emit(state, 'checkout.session.expired', session);
  return session;
}

export function listCheckout({ state, p }: Op): StripeObject {
  const customer = str(p, 'customer');
  const subscription = str(p, 'subscription');
  return page(all(state, 'checkout.session').filter((s) => (!customer || s.customer === customer) && (!subscription || s.subscription === subscription)), p, '/v1/checkout/sessions');
}

export function checkoutLineItems({ state, p, ids }: Op): StripeObject {
  const session = find(state, 'checkout.session', ids.id ?? '');
  const lines = Reflect.get(session, '_lines') as Array<{ price: string; quantity: number; amount: number }>;
  const data = lines.map((l, i) => ({ id: `li_${session.id.slice(8)}${i}`, object: 'item', price: structuredClone(find(state, 'price', l.price)), quantity: l.quantity, amount_subtotal: l.amount, amount_total: l.amount, currency: 'usd', description: String(find(state, 'price', l.price).nickname ?? '') }));
  return page(data, p, `/v1/checkout/sessions/${session.id}/line_items`);
}

export function createPortal({ state, p }: Op): StripeObject {
  only(p, ['customer', 'return_url', 'configuration', 'flow_data', 'locale']);
  const customer = find(state, 'customer', str(p, 'customer') ?? (() => { throw missingParam('customer'); })(), 'customer');
  const flow = tree(p, 'flow_data');
  const id = newId(state, 'bps_');
  return store(state, {
    id, object: 'billing_portal.session', customer: customer.id, return_url: str(p, 'return_url') ?? null, configuration: str(p, 'configuration') ?? 'bpc_sandbox_default',
    created: state.now(), livemode: false, locale: str(p, 'locale') ?? null, on_behalf_of: null, flow: flow ? { type: String(flow.type ?? '') } : null,
    url: `${state.baseUrl}/p/session/${id}`,
  });
}
