import type { SandboxRequest, SandboxResponse } from '../http/http.types.ts';
import { checkOnAttach, createCardPaymentMethod } from './stripe-cards.ts';
import { completeCheckout } from './stripe-checkout.ts';
import { StripeFailure } from './stripe-errors.ts';
import { invoicePdf, payInvoice } from './stripe-invoices.ts';
import { settle } from './stripe-lifecycle.ts';
import { all, emit, type StripeObject, type StripeState } from './stripe-state.ts';
import { setStatus } from './stripe-subscriptions.ts';

const esc = (s: unknown): string => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const money = (cents: number): string => `$${(cents / 100).toFixed(2)}`;

function layout(title: string, body: string): SandboxResponse {
  return {
    status: 200,
    html: `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(title)}</title>
<style>body{font:16px system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}label{display:block;margin:.75rem 0 .25rem}input{font:inherit;padding:.5rem;width:100%;box-sizing:border-box}button{font:inherit;padding:.6rem 1rem;margin-top:1rem;cursor:pointer}[role=alert]{color:#b00020;border:1px solid #b00020;padding:.5rem;margin:1rem 0}table{width:100%;border-collapse:collapse}td,th{text-align:left;padding:.25rem}</style></head>
<body><main><p>Test mode — Stripe sandbox</p>${body}</main></body></html>`,
  };
}

function form(req: SandboxRequest): URLSearchParams {
  return req.form ?? new URLSearchParams();
}

function checkoutForm(state: StripeState, session: StripeObject, error?: string): SandboxResponse {
  const lines = Reflect.get(session, '_lines') as Array<{ price: string; quantity: number; amount: number }>;
  const data = Reflect.get(session, '_subscriptionData') as { trialDays: number | null };
  const rows = lines.map((l) => {
    const price = state.objects.get(l.price);
    return `<tr><td>${esc(price?.nickname ?? price?.product)}</td><td>${money(l.amount)} / ${esc((price?.recurring as { interval: string }).interval)}</td></tr>`;
  }).join('');
  const optional = data.trialDays !== null && session.payment_method_collection === 'if_required';
  return layout('Checkout', `<h1>Subscribe</h1><table aria-label="Order summary"><tbody>${rows}</tbody></table>
${data.trialDays ? `<p>${data.trialDays} days free, then billed ${money(Number(session.amount_subtotal))}.</p>` : `<p>Total due today: <strong>${money(Number(session.amount_total))}</strong></p>`}
${error ? `<div role="alert">${esc(error)}</div>` : ''}
<form method="post" action="/c/pay/${esc(session.id)}">
<label for="email">Email</label><input id="email" name="email" type="email" autocomplete="email" value="${esc(session.customer_email ?? '')}">
<label for="cardNumber">Card number</label><input id="cardNumber" name="cardNumber" inputmode="numeric" autocomplete="cc-number" ${optional ? '' : 'required'} placeholder="1234 1234 1234 1234">
<label for="cardExpiry">Expiry (MM / YY)</label><input id="cardExpiry" name="cardExpiry" autocomplete="cc-exp" placeholder="MM / YY">
<label for="cardCvc">CVC</label><input id="cardCvc" name="cardCvc" autocomplete="cc-csc" inputmode="numeric">
<button type="submit">${data.trialDays ? 'Start trial' : 'Subscribe'}</button></form>
${session.cancel_url ? `<p><a href="${esc(session.cancel_url)}">Back</a></p>` : ''}`);
}

function parseExpiry(raw: string, now: number): { month: number; year: number } {
  const m = /^\s*(\d{1,2})\s*\/?\s*(\d{2,4})\s*$/.exec(raw);
  if (!m) return { month: 12, year: new Date(now * 1000).getUTCFullYear() + 3 };
  const year = Number(m[2]);
  return { month: Number(m[1]), year: year < 100 ? 2000 + year : year };
}

function submitCheckout(state: StripeState, session: StripeObject, req: SandboxRequest): SandboxResponse {
  const f = form(req);
  const number = (f.get('cardNumber') ?? '').replace(/\s/g, '');
  const exp = parseExpiry(f.get('cardExpiry') ?? '', state.now());
  const entry = number ? { number, expMonth: exp.month, expYear: exp.year, email: f.get('email') ?? '' } : null;
  const decision = f.get('authentication');
  if (decision === 'fail') return checkoutForm(state, session, 'We are unable to authenticate your payment method. Please choose a different payment method and try again.');
  const outcome = completeCheckout(state, session, entry, decision === 'complete');
  if (outcome.kind === 'complete') return { status: 303, headers: { location: outcome.redirect }, text: '' };
  if (outcome.kind === 'error') return checkoutForm(state, session, outcome.message);
  const keep = ['email', 'cardNumber', 'cardExpiry', 'cardCvc'].map((k) => `<input type="hidden" name="${k}" value="${esc(f.get(k) ?? '')}">`).join('');
  return layout('Authenticate your payment', `<h1>3D Secure test payment</h1><p>Your bank asks you to confirm this payment.</p>
<form method="post" action="/c/pay/${esc(session.id)}">${keep}<button type="submit" name="authentication" value="complete">Complete authentication</button>
<button type="submit" name="authentication" value="fail">Fail authentication</button></form>`);
}

function customerCard(state: StripeState, customer: StripeObject): StripeObject | undefined {
  const id = (customer.invoice_settings as { default_payment_method: string | null }).default_payment_method;
  const fromSub = all(state, 'subscription').find((s) => s.customer === customer.id && s.default_payment_method)?.default_payment_method;
  return state.objects.get(String(fromSub ?? id ?? ''));
}

function portalPage(state: StripeState, session: StripeObject, message?: { error?: string; info?: string }): SandboxResponse {
  const customer = state.objects.get(String(session.customer));
  if (!customer) return { status: 404, text: 'Unknown portal session' };
  const subs = all(state, 'subscription').filter((s) => s.customer === customer.id && s.status !== 'canceled');
  const card = customerCard(state, customer)?.card as { brand: string; last4: string; exp_month: number; exp_year: number } | undefined;
  const invoices = all(state, 'invoice').filter((i) => i.customer === customer.id && i.status !== 'draft');
  const subRows = subs.map((s) => {
    const item = (s.items as { data: StripeObject[] }).data[0];
    const price = item?.price as StripeObject | undefined;
    const ends = new Date(Number(item?.current_period_end) * 1000).toISOString().slice(0, 10);
    return `<li>${esc(price?.nickname ?? price?.product)} — ${esc(s.status)}${s.cancel_at_period_end ? ` (cancels on ${ends})` : ` (renews on ${ends})`}
${s.cancel_at_period_end ? '' : `<form method="post" action="/p/session/${esc(session.id)}/cancel"><input type="hidden" name="subscription" value="${esc(s.id)}"><button type="submit">Cancel plan</button></form>`}</li>`;
  }).join('');
  return layout('Billing portal', `<h1>Manage billing</h1>
${message?.error ? `<div role="alert">${esc(message.error)}</div>` : ''}${message?.info ? `<p role="status">${esc(message.info)}</p>` : ''}
<h2>Current plan</h2><ul>${subRows || '<li>No active plan</li>'}</ul>
<h2>Payment method</h2><p>${card ? `${esc(card.brand)} ending in ${esc(card.last4)}, expires ${card.exp_month}/${card.exp_year}` : 'No card on file'}</p>
<form method="post" action="/p/session/${esc(session.id)}/card"><label for="cardNumber">New card number</label><input id="cardNumber" name="cardNumber" inputmode="numeric" required>
<label for="cardExpiry">Expiry (MM / YY)</label><input id="cardExpiry" name="cardExpiry"><label for="cardCvc">CVC</label><input id="cardCvc" name="cardCvc"><button type="submit">Update card</button></form>
<h2>Invoices</h2><ul>${invoices.map((i) => `<li><a href="/invoice/${esc(i.id)}">${esc(i.number)}</a> ${money(Number(i.total))} ${esc(i.status)}</li>`).join('') || '<li>None yet</li>'}</ul>
${session.return_url ? `<p><a href="${esc(session.return_url)}">Return to Adloop</a></p>` : ''}`);
}

/** The portal's card change: the new card becomes the default, and open invoices are retried on it. */
function updateCard(state: StripeState, session: StripeObject, req: SandboxRequest): SandboxResponse {
  const customer = state.objects.get(String(session.customer));
  if (!customer) return { status: 404, text: 'Unknown portal session' };
  const f = form(req);
  const exp = parseExpiry(f.get('cardExpiry') ?? '', state.now());
  try {
    const pm = createCardPaymentMethod(state, (f.get('cardNumber') ?? '').replace(/\s/g, ''), exp);
    checkOnAttach(pm);
    pm.customer = customer.id;
    emit(state, 'payment_method.attached', pm);
    const before = structuredClone(customer);
    customer.invoice_settings = { ...(customer.invoice_settings as object), default_payment_method: pm.id };
    emit(state, 'customer.updated', customer, { invoice_settings: before.invoice_settings });
    for (const sub of all(state, 'subscription').filter((s) => s.customer === customer.id && s.status !== 'canceled')) setStatus(state, sub, () => {
      sub.default_payment_method = pm.id;
    });
    for (const invoice of all(state, 'invoice').filter((i) => i.customer === customer.id && i.status === 'open')) settle(state, invoice, payInvoice(state, invoice, { offSession: true, paymentMethod: pm }));
  } catch (error) {
    if (error instanceof StripeFailure) return portalPage(state, session, { error: error.body.message });
    throw error;
  }
  return portalPage(state, session, { info: 'Your card was updated.' });
}

function cancelPlan(state: StripeState, session: StripeObject, req: SandboxRequest): SandboxResponse {
  const sub = state.objects.get(form(req).get('subscription') ?? '');
  if (!sub || sub.object !== 'subscription' || sub.customer !== session.customer) return portalPage(state, session, { error: 'That plan was not found.' });
  setStatus(state, sub, () => Object.assign(sub, { cancel_at_period_end: true, cancel_at: Number((sub.items as { data: StripeObject[] }).data[0]?.current_period_end), canceled_at: state.now() }));
  return portalPage(state, session, { info: 'Your plan will be canceled at the end of the billing period.' });
}

function invoicePage(invoice: StripeObject): SandboxResponse {
  const lines = (invoice.lines as { data: StripeObject[] }).data;
  return layout(`Invoice ${String(invoice.number)}`, `<h1>Invoice ${esc(invoice.number)}</h1><p>Status: ${esc(invoice.status)}</p>
<table><thead><tr><th scope="col">Description</th><th scope="col">Amount</th></tr></thead><tbody>${lines.map((l) => `<tr><td>${esc(l.description)}</td><td>${money(Number(l.amount))}</td></tr>`).join('')}</tbody></table>
<p>Total: <strong>${money(Number(invoice.total))}</strong> · Amount due: ${money(Number(invoice.amount_remaining))}</p><p><a href="/invoice/${esc(invoice.id)}/pdf">Download PDF</a></p>`);
}

/** The hosted pages: Checkout (`/c/pay/…`), the customer portal (`/p/session/…`) and invoices (`/invoice/…`). */
export function handlePage(state: StripeState, req: SandboxRequest): SandboxResponse | null {
  const m = /^\/(c\/pay|p\/session|invoice)\/([A-Za-z0-9_]+)(?:\/(card|cancel|pdf))?$/.exec(req.path);
  if (!m) return null;
  const [, kind, id, action] = m;
  const object = state.objects.get(id ?? '');
  if (kind === 'c/pay' && object?.object === 'checkout.session') {
    if (req.method === 'POST') return submitCheckout(state, object, req);
    if (object.status !== 'open') return layout('Checkout', `<h1>This checkout is ${esc(object.status)}</h1>`);
    return checkoutForm(state, object);
  }
  if (kind === 'p/session' && object?.object === 'billing_portal.session') {
    if (req.method === 'POST' && action === 'card') return updateCard(state, object, req);
    if (req.method === 'POST' && action === 'cancel') return cancelPlan(state, object, req);
    return portalPage(state, object);
  }
  if (kind === 'invoice' && object?.object === 'invoice' && object.status !== 'draft') {
    if (action === 'pdf') return { status: 200, headers: { 'content-type': 'application/pdf', 'content-disposition': `inline; filename="${String(object.number)}.pdf"` }, text: invoicePdf(object) };
    return invoicePage(object);
  }
  return { status: 404, html: '<!doctype html><title>Not found</title><p>This link is not valid.</p>' };
}
