import { chargeOutcome } from './stripe-cards.ts';
import { all, emit, newId, store, type StripeObject, type StripeState } from './stripe-state.ts';

const DAY = 86_400;
/** Smart-retry schedule after a failed renewal, in days after the first failure. */
const RETRY_DAYS = [3, 5, 7];

export interface LineInput { amount: number; description: string; price: StripeObject | null; quantity: number; period: { start: number; end: number }; subscriptionItem: string | null; proration: boolean }

function line(state: StripeState, invoiceId: string, subscription: string | null, input: LineInput): StripeObject {
  return {
    id: newId(state, 'il_'), object: 'line_item', invoice: invoiceId, amount: input.amount, currency: 'usd', description: input.description,
    discountable: true, discounts: [], livemode: false, metadata: {}, period: input.period, quantity: input.quantity,
    pricing: input.price ? { type: 'price_details', price_details: { price: input.price.id, product: input.price.product }, unit_amount_decimal: String(input.price.unit_amount) } : null,
    parent: subscription ? { type: 'subscription_item_details', subscription_item_details: { subscription, subscription_item: input.subscriptionItem, proration: input.proration, invoice_item: null } } : null,
  };
}

/** A draft invoice for a customer; pending invoice items of the subscription are swept in. */
export function createInvoice(state: StripeState, customer: string, subscription: string | null, reason: string, lines: LineInput[]): StripeObject {
  const id = newId(state, 'in_');
  const pending = all(state, 'invoiceitem').filter((ii) => ii.customer === customer && ii.invoice === null && (subscription === null || ii.subscription === subscription));
  const allLines = [...pending.map((ii): LineInput => {
    ii.invoice = id;
    return { amount: Number(ii.amount), description: String(ii.description), price: null, quantity: 1, period: ii.period as LineInput['period'], subscriptionItem: (ii.subscription_item as string | null) ?? null, proration: Boolean(ii.proration) };
  }), ...lines].map((l) => line(state, id, subscription, l));
  const total = allLines.reduce((sum, l) => sum + Number(l.amount), 0);
  const periods = allLines.map((l) => l.period as { start: number; end: number });
  const invoice = store(state, {
    id, object: 'invoice', customer, status: 'draft', billing_reason: reason, collection_method: 'charge_automatically', currency: 'usd',
    created: state.now(), livemode: false, metadata: {}, number: null, hosted_invoice_url: null, invoice_pdf: null,
    subtotal: total, total, amount_due: Math.max(0, total), amount_paid: 0, amount_remaining: Math.max(0, total), starting_balance: 0, ending_balance: null,
    attempt_count: 0, attempted: false, next_payment_attempt: null, auto_advance: true,
    period_start: Math.min(state.now(), ...periods.map((p) => p.start)), period_end: Math.max(state.now(), ...periods.map((p) => p.end)),
    lines: { object: 'list', data: allLines, has_more: false, total_count: allLines.length, url: `/v1/invoices/${id}/lines` },
    parent: subscription ? { type: 'subscription_details', subscription_details: { subscription, metadata: {} }, quote_details: null } : null,
    status_transitions: { finalized_at: null, paid_at: null, voided_at: null, marked_uncollectible_at: null },
    last_finalization_error: null, test_clock: null,
  });
  emit(state, 'invoice.created', invoice);
  return invoice;
}

export function finalizeInvoice(state: StripeState, invoice: StripeObject): void {
  if (invoice.status !== 'draft') return;
  const count = all(state, 'invoice').filter((i) => i.number !== null).length + 1;
  Object.assign(invoice, {
    status: 'open', number: `SBX-${String(count).padStart(4, '0')}`,
    hosted_invoice_url: `${state.baseUrl}/invoice/${invoice.id}`, invoice_pdf: `${state.baseUrl}/invoice/${invoice.id}/pdf`,
    status_transitions: { ...(invoice.status_transitions as object), finalized_at: state.now() },
  });
  emit(state, 'invoice.finalized', invoice);
}

function paymentMethodFor(state: StripeState, invoice: StripeObject): StripeObject | null {
  const sub = typeof invoice.parent === 'object' && invoice.parent ? state.objects.get(String(Reflect.get(Reflect.get(invoice.parent, 'subscription_details') as object, 'subscription'))) : undefined;
  const customer = state.objects.get(String(invoice.customer));
  const settings = customer?.invoice_settings as { default_payment_method: string | null } | undefined;
  const id = (sub?.default_payment_method as string | null | undefined) ?? settings?.default_payment_method ?? null;
  return id ? state.objects.get(id) ?? null : null;
}

export type PayResult = 'paid' | 'failed' | 'requires_action';

/**
 * Charges an open invoice (finalizing a draft first). `offSession` renewals of a card that needs
 * authentication end in `requires_action`; the subscription follows the invoice (see `onInvoicePaid` hooks).
 */
export function payInvoice(state: StripeState, invoice: StripeObject, options: { offSession: boolean; authenticated?: boolean; paymentMethod?: StripeObject }): PayResult {
  finalizeInvoice(state, invoice);
  if (invoice.status === 'paid') return 'paid';
  const amount = Number(invoice.amount_due);
  const pm = options.paymentMethod ?? paymentMethodFor(state, invoice);
  invoice.attempted = true;
  if (amount > 0) {
    invoice.attempt_count = Number(invoice.attempt_count) + 1;
    const outcome = pm ? chargeOutcome(pm, { offSession: options.offSession, authenticated: options.authenticated ?? false, setUp: Boolean(Reflect.get(pm, '_setUp')) }) : { ok: false as const, code: 'payment_method_missing', message: 'The customer has no attached payment method.' };
    const pi = store(state, {
      id: newId(state, 'pi_'), object: 'payment_intent', amount, currency: 'usd', customer: invoice.customer, created: state.now(), livemode: false,
      payment_method: pm?.id ?? null, status: outcome.ok ? 'succeeded' : 'action' in outcome ? 'requires_action' : 'requires_payment_method',
      last_payment_error: outcome.ok ? null : { type: 'card_error', code: outcome.code, message: outcome.message, decline_code: 'decline' in outcome ? outcome.decline : undefined },
      metadata: {},
    });
    invoice.payment_intent_id = pi.id;
    Object.defineProperty(invoice, 'payment_intent_id', { enumerable: false });
    if (!outcome.ok) {
      const firstFailure = Number(Reflect.get(invoice, '_firstFailure') ?? state.now());
      Object.defineProperty(invoice, '_firstFailure', { value: firstFailure, enumerable: false, writable: true });
      const retryDay = RETRY_DAYS[Number(invoice.attempt_count) - 1];
      invoice.next_payment_attempt = options.offSession && retryDay !== undefined ? firstFailure + retryDay * DAY : null;
      const action = 'action' in outcome;
      emit(state, action ? 'invoice.payment_action_required' : 'invoice.payment_failed', invoice);
      return action ? 'requires_action' : 'failed';
    }
  }
  Object.assign(invoice, {
    status: 'paid', amount_paid: amount, amount_remaining: 0, next_payment_attempt: null, ending_balance: 0,
    status_transitions: { ...(invoice.status_transitions as object), paid_at: state.now() },
  });
  emit(state, 'invoice.paid', invoice);
  emit(state, 'invoice.payment_succeeded', invoice);
  return 'paid';
}

export function voidInvoice(state: StripeState, invoice: StripeObject): void {
  if (invoice.status !== 'open' && invoice.status !== 'draft') return;
  Object.assign(invoice, { status: 'void', next_payment_attempt: null, amount_remaining: 0, status_transitions: { ...(invoice.status_transitions as object), voided_at: state.now() } });
  emit(state, 'invoice.voided', invoice);
}

/** A one-page PDF with the invoice's number, lines and total (real PDF syntax, Helvetica). */
export function invoicePdf(invoice: StripeObject): string {
  const lines = (invoice.lines as { data: StripeObject[] }).data;
  const money = (cents: number): string => `${cents < 0 ? '-' : ''}$${(Math.abs(cents) / 100).toFixed(2)}`;
  const esc = (text: string): string => text.replace(/[\\()]/g, (c) => `\\${c}`).replace(/[^\x20-\x7e]/g, '?');
  const rows = [`Invoice ${String(invoice.number)}`, `Status: ${String(invoice.status)}`, ...lines.map((l) => `${String(l.description)}  ${money(Number(l.amount))}`), `Total: ${money(Number(invoice.total))}`];
  const stream = `BT /F1 12 Tf 50 780 Td 16 TL ${rows.map((r) => `(${esc(r)}) Tj T*`).join(' ')} ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  return `${out}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
}
