import { randomBytes } from 'node:crypto';
import { checkOnAttach, createCardPaymentMethod, isTestAlias, paymentMethodFromAlias } from './stripe-cards.ts';
import { invalid, missingParam } from './stripe-errors.ts';
import type { FormTree } from './stripe-form.ts';
import { bool, createdFilter, int, list, mergeMetadata, only, page, str, tree } from './stripe-query.ts';
import { all, emit, find, newId, store, type StripeObject, type StripeState } from './stripe-state.ts';

/** What every API operation receives: the state, the decoded parameters and the URL's ids. */
export interface Op { state: StripeState; p: FormTree; ids: Record<string, string>; requestId: string }

export function createProduct({ state, p }: Op): StripeObject {
  only(p, ['id', 'name', 'active', 'description', 'metadata', 'url', 'tax_code']);
  const name = str(p, 'name');
  if (!name) throw missingParam('name');
  const id = str(p, 'id') ?? newId(state, 'prod_');
  if (state.objects.has(id)) throw invalid(`Product already exists.`, 'id', 'resource_already_exists');
  const product = store(state, {
    id, object: 'product', name, active: bool(p, 'active') ?? true, description: str(p, 'description') ?? null, default_price: null, images: [],
    marketing_features: [], livemode: false, metadata: mergeMetadata({}, p), created: state.now(), updated: state.now(), tax_code: null, url: str(p, 'url') ?? null, type: 'service',
  });
  emit(state, 'product.created', product);
  return product;
}

export function updateProduct({ state, p, ids }: Op): StripeObject {
  only(p, ['name', 'active', 'description', 'metadata', 'default_price']);
  const product = find(state, 'product', ids.id ?? '');
  Object.assign(product, { name: str(p, 'name') ?? product.name, active: bool(p, 'active') ?? product.active, metadata: mergeMetadata(product.metadata, p), updated: state.now() });
  if (p.default_price !== undefined) product.default_price = find(state, 'price', str(p, 'default_price') ?? '', 'default_price').id;
  return product;
}

export function listProducts({ state, p }: Op): StripeObject {
  const active = bool(p, 'active');
  return page(all(state, 'product').filter((o) => (active === undefined || o.active === active) && createdFilter(p)(o)), p, '/v1/products');
}

export function createPrice({ state, p }: Op): StripeObject {
  only(p, ['product', 'currency', 'unit_amount', 'recurring', 'nickname', 'lookup_key', 'metadata', 'active', 'tax_behavior', 'transfer_lookup_key', 'billing_scheme']);
  const product = find(state, 'product', str(p, 'product') ?? (() => { throw missingParam('product'); })(), 'product');
  const currency = str(p, 'currency');
  if (!currency) throw missingParam('currency');
  const amount = int(p, 'unit_amount', 0, 99_999_999);
  if (amount === undefined) throw missingParam('unit_amount');
  const rec = tree(p, 'recurring');
  const interval = rec ? String(rec.interval ?? '') : '';
  if (rec && !['day', 'week', 'month', 'year'].includes(interval)) throw invalid(`Invalid recurring[interval]: must be one of day, week, month, or year`, 'recurring[interval]');
  const lookupKey = str(p, 'lookup_key') ?? null;
  if (lookupKey) {
    const holder = all(state, 'price').find((o) => o.lookup_key === lookupKey);
    if (holder && !bool(p, 'transfer_lookup_key')) throw invalid(`A price (\`${holder.id}\`) already uses that lookup key.`, 'lookup_key');
    if (holder) holder.lookup_key = null;
  }
  const price = store(state, {
    id: newId(state, 'price_'), object: 'price', product: product.id, active: bool(p, 'active') ?? true, currency: currency.toLowerCase(),
    unit_amount: amount, unit_amount_decimal: String(amount), billing_scheme: 'per_unit', type: rec ? 'recurring' : 'one_time',
    recurring: rec ? { interval, interval_count: Number(rec.interval_count ?? 1), usage_type: 'licensed', meter: null, trial_period_days: null } : null,
    lookup_key: lookupKey, nickname: str(p, 'nickname') ?? null, tax_behavior: str(p, 'tax_behavior') ?? 'unspecified', tiers_mode: null, transform_quantity: null,
    custom_unit_amount: null, livemode: false, metadata: mergeMetadata({}, p), created: state.now(),
  });
  emit(state, 'price.created', price);
  return price;
}

export function updatePrice({ state, p, ids }: Op): StripeObject {
  only(p, ['active', 'metadata', 'nickname', 'lookup_key', 'transfer_lookup_key', 'tax_behavior']);
  const price = find(state, 'price', ids.id ?? '');
  const lookupKey = str(p, 'lookup_key');
  if (lookupKey) {
    const holder = all(state, 'price').find((o) => o.lookup_key === lookupKey && o.id !== price.id);
    if (holder && !bool(p, 'transfer_lookup_key')) throw invalid(`A price (\`${holder.id}\`) already uses that lookup key.`, 'lookup_key');
    if (holder) holder.lookup_key = null;
    price.lookup_key = lookupKey;
  }
  Object.assign(price, { active: bool(p, 'active') ?? price.active, nickname: str(p, 'nickname') ?? price.nickname, metadata: mergeMetadata(price.metadata, p) });
  return price;
}

export function listPrices({ state, p }: Op): StripeObject {
  const active = bool(p, 'active');
  const product = str(p, 'product');
  const keys = list(p, 'lookup_keys').map(String);
  const rows = all(state, 'price').filter((o) => (active === undefined || o.active === active) && (!product || o.product === product) && (!keys.length || keys.includes(String(o.lookup_key))) && createdFilter(p)(o));
  return page(rows, p, '/v1/prices');
}

/** A PaymentMethod given by id or Stripe test alias, attached to the customer after the card check. */
export function attachPaymentMethod(state: StripeState, idOrAlias: string, customer: StripeObject, param: string): StripeObject {
  const pm = isTestAlias(idOrAlias) ? paymentMethodFromAlias(state, idOrAlias, param) : find(state, 'payment_method', idOrAlias, param);
  if (pm.customer && pm.customer !== customer.id) throw invalid('The payment method you provided has already been attached to a customer.', param);
  checkOnAttach(pm);
  pm.customer = customer.id;
  emit(state, 'payment_method.attached', pm);
  return pm;
}

export function createCustomer({ state, p }: Op): StripeObject {
  only(p, ['email', 'name', 'description', 'metadata', 'payment_method', 'invoice_settings', 'source', 'phone', 'address']);
  const customer = store(state, {
    id: newId(state, 'cus_'), object: 'customer', email: str(p, 'email') ?? null, name: str(p, 'name') ?? null, description: str(p, 'description') ?? null,
    phone: str(p, 'phone') ?? null, address: null, balance: 0, currency: null, delinquent: false, default_source: null, discount: null,
    invoice_prefix: randomBytes(4).toString('hex').toUpperCase(), invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
    livemode: false, metadata: mergeMetadata({}, p), created: state.now(), preferred_locales: [], tax_exempt: 'none', test_clock: null,
  });
  const pmId = str(p, 'payment_method') ?? str(p, 'source');
  if (pmId) {
    const pm = attachPaymentMethod(state, pmId, customer, p.source ? 'source' : 'payment_method');
    if (p.source) customer.invoice_settings = { ...(customer.invoice_settings as object), default_payment_method: pm.id };
  }
  applyInvoiceSettings(state, customer, p);
  emit(state, 'customer.created', customer);
  return customer;
}

function applyInvoiceSettings(state: StripeState, customer: StripeObject, p: FormTree): void {
  const settings = tree(p, 'invoice_settings');
  if (!settings || settings.default_payment_method === undefined) return;
  const raw = String(settings.default_payment_method);
  let pmId: string | null = null;
  if (raw) {
    const pm = isTestAlias(raw) ? attachPaymentMethod(state, raw, customer, 'invoice_settings[default_payment_method]') : find(state, 'payment_method', raw, 'invoice_settings[default_payment_method]');
    if (pm.customer !== customer.id) throw invalid(`The customer does not have a payment method with the ID ${raw}. The payment method must be attached to the customer.`, 'invoice_settings[default_payment_method]');
    pmId = pm.id;
  }
  customer.invoice_settings = { ...(customer.invoice_settings as object), default_payment_method: pmId };
}

export function updateCustomer({ state, p, ids }: Op): StripeObject {
  only(p, ['email', 'name', 'description', 'metadata', 'invoice_settings', 'phone']);
  const customer = find(state, 'customer', ids.id ?? '');
  const before = structuredClone(customer);
  Object.assign(customer, { email: str(p, 'email') ?? customer.email, name: str(p, 'name') ?? customer.name, metadata: mergeMetadata(customer.metadata, p) });
  applyInvoiceSettings(state, customer, p);
  const previous = Object.fromEntries(Object.keys(customer).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(customer[k])).map((k) => [k, before[k]]));
  emit(state, 'customer.updated', customer, previous);
  return customer;
}

export function retrieveCustomer({ state, ids }: Op): StripeObject {
  const deleted = state.objects.get(ids.id ?? '');
  if (deleted && deleted.object === 'customer' && deleted.deleted) return { id: deleted.id, object: 'customer', deleted: true };
  return find(state, 'customer', ids.id ?? '');
}

export function deleteCustomer({ state, ids }: Op): StripeObject {
  const customer = find(state, 'customer', ids.id ?? '');
  Object.defineProperty(customer, 'deleted', { value: true, enumerable: false, writable: true });
  emit(state, 'customer.deleted', customer);
  return { id: customer.id, object: 'customer', deleted: true };
}

export function listCustomers({ state, p }: Op): StripeObject {
  const email = str(p, 'email');
  return page(all(state, 'customer').filter((c) => !c.deleted && (!email || c.email === email) && createdFilter(p)(c)), p, '/v1/customers');
}

export function createPaymentMethod({ state, p }: Op): StripeObject {
  only(p, ['type', 'card', 'billing_details', 'metadata']);
  if (str(p, 'type') !== 'card') throw invalid('Only type=card is supported in this sandbox.', 'type');
  const card = tree(p, 'card');
  if (!card) throw missingParam('card');
  if (typeof card.token === 'string') return paymentMethodFromAlias(state, card.token, 'card[token]');
  if (typeof card.number !== 'string') throw missingParam('card[number]');
  return createCardPaymentMethod(state, card.number, { month: Number(card.exp_month), year: Number(card.exp_year) });
}

export function attachPm({ state, p, ids }: Op): StripeObject {
  const customer = find(state, 'customer', str(p, 'customer') ?? (() => { throw missingParam('customer'); })(), 'customer');
  return attachPaymentMethod(state, ids.id ?? '', customer, 'id');
}

export function detachPm({ state, ids }: Op): StripeObject {
  const pm = find(state, 'payment_method', ids.id ?? '');
  if (!pm.customer) throw invalid('The payment method you provided is not attached to a customer so detachment is impossible.', 'payment_method');
  pm.customer = null;
  emit(state, 'payment_method.detached', pm);
  return pm;
}

export function listPms({ state, p, ids }: Op): StripeObject {
  const customer = ids.customer ?? str(p, 'customer');
  if (!customer) throw missingParam('customer');
  find(state, 'customer', customer, ids.customer ? 'id' : 'customer');
  return page(all(state, 'payment_method').filter((pm) => pm.customer === customer), p, ids.customer ? `/v1/customers/${customer}/payment_methods` : '/v1/payment_methods');
}

export function listEvents({ state, p }: Op): StripeObject {
  const type = str(p, 'type');
  const types = list(p, 'types').map(String);
  const match = (t: string): boolean => (!type || (type.endsWith('*') ? t.startsWith(type.slice(0, -1)) : t === type)) && (!types.length || types.includes(t));
  return page(all(state, 'event').filter((e) => match(String(e.type)) && createdFilter(p)(e)), p, '/v1/events');
}

export function createEndpoint({ state, p }: Op): StripeObject {
  only(p, ['url', 'enabled_events', 'description', 'metadata', 'api_version']);
  const url = str(p, 'url');
  if (!url) throw missingParam('url');
  if (!/^https?:\/\//.test(url)) throw invalid('Invalid URL: must be an http(s) URL.', 'url', 'url_invalid');
  const events = list(p, 'enabled_events').map(String);
  if (!events.length) throw missingParam('enabled_events');
  const endpoint = store(state, {
    id: newId(state, 'we_'), object: 'webhook_endpoint', url, enabled_events: events, status: 'enabled', description: str(p, 'description') ?? null,
    api_version: str(p, 'api_version') ?? null, application: null, livemode: false, metadata: mergeMetadata({}, p), created: state.now(),
    secret: `whsec_${randomBytes(24).toString('base64url')}`,
  });
  const copy = structuredClone(endpoint);
  Reflect.deleteProperty(endpoint, 'secret');
  Object.defineProperty(endpoint, '_secret', { value: copy.secret, enumerable: false });
  return copy;
}
