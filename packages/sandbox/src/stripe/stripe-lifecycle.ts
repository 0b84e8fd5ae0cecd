import { createInvoice, finalizeInvoice, payInvoice } from './stripe-invoices.ts';
import { all, emit, type StripeObject, type StripeState } from './stripe-state.ts';
import { scheduledAtRenewal } from './stripe-schedules.ts';
import { addInterval, endSubscription, items, recurring, setStatus } from './stripe-subscriptions.ts';

const HOUR = 3_600;

/** A subscription follows its invoice: paid → active; failed → past_due (incomplete stays incomplete). */
export function settle(state: StripeState, invoice: StripeObject, result: string): void {
  const parent = invoice.parent as { subscription_details?: { subscription: string } } | null;
  const sub = parent?.subscription_details ? state.objects.get(parent.subscription_details.subscription) : undefined;
  if (!sub || sub.status === 'canceled' || sub.status === 'incomplete_expired') return;
  setStatus(state, sub, () => {
    if (result === 'paid' && sub.latest_invoice === invoice.id) sub.status = 'active';
    else if (result !== 'paid' && (sub.status === 'active' || sub.status === 'trialing')) sub.status = 'past_due';
  });
}

/** Starts the next period of every item and drafts its invoice (finalized and charged an hour later). */
function renew(state: StripeState, sub: StripeObject, at: number): void {
  const scheduled = scheduledAtRenewal(state, sub, at);
  if (sub.cancel_at_period_end || scheduled === 'cancel') {
    endSubscription(state, sub);
    return;
  }
  const wasTrial = sub.status === 'trialing';
  const pending = scheduled ?? (Reflect.get(sub, '_pendingPrice') as StripeObject | undefined);
  setStatus(state, sub, () => {
    for (const item of items(sub)) {
      if (pending) item.price = structuredClone(pending);
      const r = recurring(item.price as StripeObject);
      Object.assign(item, { current_period_start: at, current_period_end: addInterval(at, r.interval, r.interval_count) });
    }
    Reflect.deleteProperty(sub, '_pendingPrice');
    if (wasTrial) sub.status = 'active';
  });
  const period = { start: at, end: Number(items(sub)[0]?.current_period_end) };
  const invoice = createInvoice(state, String(sub.customer), sub.id, 'subscription_cycle', items(sub).map((it) => {
    const price = it.price as StripeObject;
    return { amount: Number(price.unit_amount) * Number(it.quantity), description: `${String(it.quantity)} × ${String(price.nickname ?? price.product)}`, price, quantity: Number(it.quantity), period, subscriptionItem: it.id, proration: false };
  }));
  Object.defineProperty(invoice, '_finalizeAt', { value: at + HOUR, enumerable: false, writable: true });
  sub.latest_invoice = invoice.id;
  const customer = state.objects.get(String(sub.customer));
  const hasCard = Boolean(sub.default_payment_method ?? (customer?.invoice_settings as { default_payment_method: unknown } | undefined)?.default_payment_method);
  const behaviour = (sub.trial_settings as { end_behavior: { missing_payment_method: string } }).end_behavior.missing_payment_method;
  if (wasTrial && !hasCard && behaviour === 'cancel') endSubscription(state, sub, 'payment_disputed');
  else if (wasTrial && !hasCard && behaviour === 'pause') setStatus(state, sub, () => {
    sub.status = 'paused';
  });
}

interface Due { at: number; run(): void }

function nextDue(state: StripeState): Due | null {
  const due: Due[] = [];
  for (const sub of all(state, 'subscription')) {
    if (!['trialing', 'active', 'past_due'].includes(String(sub.status))) continue;
    const end = Number(items(sub)[0]?.current_period_end);
    if (sub.status === 'trialing' && sub.trial_end && Number(sub.trial_end) - 3 * 86_400 > 0 && !Reflect.get(sub, '_warned')) {
      due.push({ at: Number(sub.trial_end) - 3 * 86_400, run: () => {
        Object.defineProperty(sub, '_warned', { value: true, enumerable: false });
        emit(state, 'customer.subscription.trial_will_end', sub);
      } });
    }
    due.push({ at: end, run: () => renew(state, sub, end) });
  }
  for (const invoice of all(state, 'invoice')) {
    const finalizeAt = Reflect.get(invoice, '_finalizeAt') as number | undefined;
    if (invoice.status === 'draft' && finalizeAt !== undefined) {
      due.push({ at: finalizeAt, run: () => {
        finalizeInvoice(state, invoice);
        settle(state, invoice, payInvoice(state, invoice, { offSession: true }));
      } });
    } else if (invoice.status === 'open' && typeof invoice.next_payment_attempt === 'number') {
      due.push({ at: invoice.next_payment_attempt, run: () => settle(state, invoice, payInvoice(state, invoice, { offSession: true })) });
    }
  }
  return due.sort((a, b) => a.at - b.at)[0] ?? null;
}

/** Moves the clock forward to `target` (Unix seconds), running trial ends, renewals and retries in time order. */
export function advanceClock(state: StripeState, target: number): number {
  let steps = 0;
  for (;;) {
    const due = nextDue(state);
    if (!due || due.at > target) break;
    if (due.at > state.now()) state.advanceBy(due.at - state.now());
    due.run();
    if (++steps > 10_000) throw new Error('clock advance did not settle');
  }
  if (target > state.now()) state.advanceBy(target - state.now());
  return steps;
}
