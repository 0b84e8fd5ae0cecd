import { invalid, missingParam } from './stripe-errors.ts';
import type { FormTree } from './stripe-form.ts';
import type { Op } from './stripe-catalog.api.ts';
import { int, list, only, str, tree } from './stripe-query.ts';
import { find, type StripeObject } from './stripe-state.ts';
import { addInterval, items, recurring } from './stripe-subscriptions.ts';

interface PreviewLine { amount: number; description: string; period: { start: number; end: number }; price: StripeObject; proration: boolean; item: string }

/**
 * `POST /v1/invoices/create_preview` for a subscription's price change (`subscription` +
 * `subscription_details[items]`): the invoice the change would make, nothing stored. With
 * `proration_behavior=always_invoice` it is the proration invoice charged at once (unused time
 * credited, remaining time on the new price); otherwise the next renewal with the prorations
 * swept in. Same arithmetic as the update itself (stripe-subscriptions.ts `changeItems`).
 */
export function createPreview({ state, p }: Op): StripeObject {
  only(p, ['customer', 'subscription', 'subscription_details']);
  const subId = str(p, 'subscription');
  if (!subId) throw invalid('This sandbox previews subscription changes only: pass subscription and subscription_details[items].', 'subscription');
  const sub = find(state, 'subscription', subId, 'subscription');
  const customer = str(p, 'customer');
  if (customer && customer !== sub.customer) throw invalid(`The subscription ${subId} does not belong to customer ${customer}.`, 'customer');
  const details = tree(p, 'subscription_details') ?? {};
  const proration = str(details, 'proration_behavior') ?? 'create_prorations';
  if (!['create_prorations', 'always_invoice', 'none'].includes(proration)) throw invalid('Invalid proration_behavior: must be one of create_prorations, always_invoice, or none', 'subscription_details[proration_behavior]');
  const now = int(details, 'proration_date') ?? state.now();
  const changes = list(details, 'items');
  if (!changes.length) throw missingParam('subscription_details[items]');
  const trialing = sub.status === 'trialing';
  const prorations: PreviewLine[] = [];
  const renewals: PreviewLine[] = [];
  changes.forEach((raw, i) => {
    const change = (typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? raw : {}) as FormTree;
    const item = items(sub).find((it) => it.id === change.id);
    if (!item) throw invalid(`Invalid subscription_item: '${String(change.id)}'`, `subscription_details[items][${i}][id]`);
    if (typeof change.price !== 'string') throw missingParam(`subscription_details[items][${i}][price]`);
    const newPrice = find(state, 'price', change.price, `subscription_details[items][${i}][price]`);
    if (!newPrice.recurring) throw invalid('The price specified is set to `type=one_time` but this field only accepts prices with `type=recurring`.', `subscription_details[items][${i}][price]`);
    const oldPrice = item.price as StripeObject;
    const quantity = change.quantity === undefined ? Number(item.quantity) : Number(change.quantity);
    const start = Number(item.current_period_start);
    const end = Number(item.current_period_end);
    const fraction = end > start ? Math.max(0, end - now) / (end - start) : 0;
    const intervalChanged = recurring(oldPrice).interval !== recurring(newPrice).interval || recurring(oldPrice).interval_count !== recurring(newPrice).interval_count;
    const day = new Date(now * 1000).toISOString().slice(0, 10);
    if (!trialing && proration !== 'none' && fraction > 0) {
      prorations.push({ amount: -Math.round(Number(oldPrice.unit_amount) * Number(item.quantity) * fraction), description: `Unused time on ${String(oldPrice.nickname ?? oldPrice.product)} after ${day}`, period: { start: now, end }, price: oldPrice, proration: true, item: item.id });
      if (!intervalChanged) prorations.push({ amount: Math.round(Number(newPrice.unit_amount) * quantity * fraction), description: `Remaining time on ${String(newPrice.nickname ?? newPrice.product)} after ${day}`, period: { start: now, end }, price: newPrice, proration: true, item: item.id });
    }
    const next = intervalChanged && !trialing ? { start: now, end: addInterval(now, recurring(newPrice).interval, recurring(newPrice).interval_count) } : { start: end, end: addInterval(end, recurring(newPrice).interval, recurring(newPrice).interval_count) };
    renewals.push({ amount: Number(newPrice.unit_amount) * quantity, description: `${quantity} × ${String(newPrice.nickname ?? newPrice.product)}`, period: next, price: newPrice, proration: false, item: item.id });
  });
  const atOnce = proration === 'always_invoice' || renewals.some((r) => r.period.start === now);
  const chosen = atOnce ? [...prorations, ...renewals.filter((r) => r.period.start === now)] : [...prorations, ...renewals];
  const data = chosen.map((l, n) => ({
    id: `il_tmp_${n}`, object: 'line_item', invoice: null, amount: l.amount, currency: 'usd', description: l.description, discountable: true, discounts: [], livemode: false, metadata: {},
    period: l.period, quantity: 1, pricing: { type: 'price_details', price_details: { price: l.price.id, product: l.price.product }, unit_amount_decimal: String(l.price.unit_amount) },
    parent: { type: 'subscription_item_details', subscription_item_details: { subscription: sub.id, subscription_item: l.item, proration: l.proration, invoice_item: null } },
  }));
  const total = data.reduce((sum, l) => sum + l.amount, 0);
  const periods = chosen.map((l) => l.period);
  return {
    id: `upcoming_in_${sub.id}`, object: 'invoice', customer: sub.customer, status: 'draft', billing_reason: atOnce ? 'subscription_update' : 'subscription_cycle', collection_method: 'charge_automatically', currency: 'usd',
    created: state.now(), livemode: false, metadata: {}, number: null, hosted_invoice_url: null, invoice_pdf: null,
    subtotal: total, total, amount_due: Math.max(0, total), amount_paid: 0, amount_remaining: Math.max(0, total), starting_balance: 0, ending_balance: null,
    attempt_count: 0, attempted: false, next_payment_attempt: null, auto_advance: false,
    period_start: Math.min(now, ...periods.map((x) => x.start)), period_end: Math.max(now, ...periods.map((x) => x.end)),
    lines: { object: 'list', data, has_more: false, total_count: data.length, url: `/v1/invoices/upcoming/lines` },
    parent: { type: 'subscription_details', subscription_details: { subscription: sub.id, metadata: {} }, quote_details: null },
    status_transitions: { finalized_at: null, paid_at: null, voided_at: null, marked_uncollectible_at: null }, last_finalization_error: null, test_clock: null,
  };
}
