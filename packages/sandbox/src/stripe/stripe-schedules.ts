import { invalid, missingParam } from './stripe-errors.ts';
import type { FormTree } from './stripe-form.ts';
import type { Op } from './stripe-catalog.api.ts';
import { int, list, mergeMetadata, only, str, tree } from './stripe-query.ts';
import { emit, find, newId, store, type StripeObject, type StripeState } from './stripe-state.ts';
import { addInterval, items, recurring } from './stripe-subscriptions.ts';

/**
 * Subscription schedules (`/v1/subscription_schedules`), the part a "change at period end" needs:
 * created `from_subscription` (one phase: the current period), phases replaced by an update, the
 * next phase's price taking over at its start date (a renewal), and `release` to drop what is
 * planned. The last phase runs one interval of its price unless it names `end_date` or `duration`, then the
 * schedule ends by `end_behavior` (`release`: the subscription simply continues).
 */

interface Phase { start_date: number; end_date: number; items: Array<{ price: string; quantity: number; metadata: Record<string, string>; discounts: never[]; tax_rates: never[] }>; proration_behavior: string; metadata: Record<string, string>; currency: string; trial_end: null; billing_cycle_anchor: null; collection_method: null; default_payment_method: null; description: null; discounts: never[]; add_invoice_items: never[]; application_fee_percent: null; automatic_tax: { enabled: boolean; liability: null }; default_tax_rates: never[]; invoice_settings: null; on_behalf_of: null; transfer_data: null }

function phaseOf(start: number, end: number, priceItems: Array<{ price: string; quantity: number }>, proration = 'create_prorations', metadata: Record<string, string> = {}): Phase {
  return {
    start_date: start, end_date: end, items: priceItems.map((it) => ({ ...it, metadata: {}, discounts: [], tax_rates: [] })), proration_behavior: proration, metadata, currency: 'usd',
    trial_end: null, billing_cycle_anchor: null, collection_method: null, default_payment_method: null, description: null, discounts: [], add_invoice_items: [],
    application_fee_percent: null, automatic_tax: { enabled: false, liability: null }, default_tax_rates: [], invoice_settings: null, on_behalf_of: null, transfer_data: null,
  };
}

const phases = (schedule: StripeObject): Phase[] => schedule.phases as Phase[];

function setCurrentPhase(schedule: StripeObject, at: number): void {
  const phase = phases(schedule).find((p) => p.start_date <= at && at < p.end_date);
  schedule.current_phase = phase ? { start_date: phase.start_date, end_date: phase.end_date } : null;
}

export function createSchedule({ state, p }: Op): StripeObject {
  only(p, ['from_subscription', 'metadata']);
  const subId = str(p, 'from_subscription');
  if (!subId) throw invalid('This sandbox creates schedules from an existing subscription only: pass from_subscription.', 'from_subscription');
  const sub = find(state, 'subscription', subId, 'from_subscription');
  if (sub.schedule) throw invalid(`You cannot migrate a subscription that is already attached to a schedule: \`${String(sub.schedule)}\`.`, 'from_subscription', 'resource_already_exists');
  if (!['active', 'trialing', 'past_due'].includes(String(sub.status))) throw invalid(`A subscription with status \`${String(sub.status)}\` cannot be attached to a schedule.`, 'from_subscription');
  const first = items(sub)[0];
  const start = Number(first?.current_period_start);
  const end = Number(first?.current_period_end);
  const schedule = store(state, {
    id: newId(state, 'sub_sched_'), object: 'subscription_schedule', application: null, billing_mode: sub.billing_mode, canceled_at: null, completed_at: null,
    created: state.now(), current_phase: { start_date: start, end_date: end }, customer: sub.customer,
    default_settings: { application_fee_percent: null, automatic_tax: { enabled: false, liability: null }, billing_cycle_anchor: 'automatic', collection_method: 'charge_automatically', default_payment_method: null, description: null, invoice_settings: { account_tax_ids: null, days_until_due: null, issuer: { type: 'self' } }, on_behalf_of: null, transfer_data: null },
    end_behavior: 'release', livemode: false, metadata: mergeMetadata({}, p),
    phases: [phaseOf(start, end, items(sub).map((it) => ({ price: (it.price as StripeObject).id, quantity: Number(it.quantity) })))],
    released_at: null, released_subscription: null, status: 'active', subscription: sub.id, test_clock: null,
  });
  sub.schedule = schedule.id;
  emit(state, 'subscription_schedule.created', schedule);
  emit(state, 'customer.subscription.updated', sub, { schedule: null });
  return schedule;
}

function phaseParam(state: StripeState, raw: unknown, i: number, previousEnd: number | null): Phase {
  const t = (typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? raw : {}) as FormTree;
  const rawItems = list(t, 'items');
  if (!rawItems.length) throw missingParam(`phases[${i}][items]`);
  const phaseItems = rawItems.map((it, j) => {
    const item = (typeof it === 'object' && !Array.isArray(it) ? it : {}) as FormTree;
    if (typeof item.price !== 'string') throw missingParam(`phases[${i}][items][${j}][price]`);
    const price = find(state, 'price', item.price, `phases[${i}][items][${j}][price]`);
    if (!price.recurring) throw invalid('The price specified is set to `type=one_time` but this field only accepts prices with `type=recurring`.', `phases[${i}][items][${j}][price]`);
    return { price: price.id, quantity: item.quantity === undefined ? 1 : Number(item.quantity) };
  });
  const start = int(t, 'start_date') ?? previousEnd;
  if (start === null) throw missingParam(`phases[${i}][start_date]`);
  const firstPrice = find(state, 'price', phaseItems[0]!.price);
  const r = recurring(firstPrice);
  const duration = tree(t, 'duration');
  let end = int(t, 'end_date');
  if (end !== undefined && duration) throw invalid('You may only specify one of these parameters: duration, end_date.', `phases[${i}][duration]`, 'parameters_exclusive');
  if (end === undefined && duration) {
    const unit = str(duration, 'interval');
    if (!unit || !['day', 'week', 'month', 'year'].includes(unit)) throw invalid('Invalid duration interval: must be one of day, week, month, or year', `phases[${i}][duration][interval]`);
    end = addInterval(start, unit, int(duration, 'interval_count', 1, 1_000) ?? 1);
  }
  end ??= addInterval(start, r.interval, r.interval_count);
  if (end <= start) throw invalid(`Phase ${i} must end after it starts.`, `phases[${i}][end_date]`);
  return phaseOf(start, end, phaseItems, str(t, 'proration_behavior') ?? 'create_prorations', mergeMetadata({}, t));
}

export function updateSchedule({ state, p, ids }: Op): StripeObject {
  only(p, ['phases', 'end_behavior', 'metadata', 'proration_behavior']);
  const schedule = find(state, 'subscription_schedule', ids.id ?? '');
  if (schedule.status !== 'active' && schedule.status !== 'not_started') throw invalid(`You cannot update a subscription schedule that is currently in the \`${String(schedule.status)}\` status. It must be in one of the following statuses: \`not_started\`, \`active\`.`, 'id');
  const before = structuredClone(schedule);
  if (p.phases !== undefined) {
    const raw = list(p, 'phases');
    if (!raw.length) throw missingParam('phases');
    const next: Phase[] = [];
    raw.forEach((r, i) => next.push(phaseParam(state, r, i, next[i - 1]?.end_date ?? null)));
    const current = schedule.current_phase as { start_date: number } | null;
    if (current && next[0]?.start_date !== current.start_date) throw invalid('You can not modify the start date of the current phase.', 'phases[0][start_date]');
    schedule.phases = next;
    setCurrentPhase(schedule, state.now());
  }
  const end = str(p, 'end_behavior');
  if (end !== undefined) {
    if (!['release', 'cancel'].includes(end)) throw invalid('Invalid end_behavior: must be one of release, cancel', 'end_behavior');
    schedule.end_behavior = end;
  }
  if (p.metadata !== undefined) schedule.metadata = mergeMetadata(schedule.metadata, p);
  const previous: Record<string, unknown> = {};
  for (const key of ['phases', 'end_behavior', 'metadata', 'current_phase']) if (JSON.stringify(before[key]) !== JSON.stringify(schedule[key])) previous[key] = before[key];
  if (Object.keys(previous).length) emit(state, 'subscription_schedule.updated', schedule, previous);
  return schedule;
}

/** Detaches the schedule: the subscription keeps its current price and renews as usual. */
export function releaseSchedule(state: StripeState, schedule: StripeObject): void {
  const sub = state.objects.get(String(schedule.subscription));
  Object.assign(schedule, { status: 'released', released_at: state.now(), released_subscription: schedule.subscription, subscription: null, current_phase: null });
  emit(state, 'subscription_schedule.released', schedule);
  if (sub && sub.schedule === schedule.id) {
    sub.schedule = null;
    emit(state, 'customer.subscription.updated', sub, { schedule: schedule.id });
  }
}

export function releaseScheduleOp({ state, p, ids }: Op): StripeObject {
  only(p, ['preserve_cancel_date']);
  const schedule = find(state, 'subscription_schedule', ids.id ?? '');
  if (schedule.status !== 'active' && schedule.status !== 'not_started') throw invalid(`You cannot release a subscription schedule that is currently in the \`${String(schedule.status)}\` status. It must be in one of the following statuses: \`not_started\`, \`active\`.`, 'id');
  releaseSchedule(state, schedule);
  return schedule;
}

/**
 * At a renewal (`at`, the period end): the price the schedule's phase starting then brings, or
 * null. A schedule whose last phase has ended is released (or, with `end_behavior=cancel`, the
 * renewal ends the subscription: returns 'cancel').
 */
export function scheduledAtRenewal(state: StripeState, sub: StripeObject, at: number): StripeObject | 'cancel' | null {
  const schedule = typeof sub.schedule === 'string' ? state.objects.get(sub.schedule) : undefined;
  if (!schedule || schedule.status !== 'active') return null;
  const next = phases(schedule).find((phase) => phase.start_date === at);
  if (next) {
    const before = structuredClone(schedule.current_phase);
    setCurrentPhase(schedule, at);
    emit(state, 'subscription_schedule.updated', schedule, { current_phase: before });
    return find(state, 'price', next.items[0]!.price);
  }
  const last = phases(schedule).at(-1);
  if (last && last.end_date <= at) {
    if (schedule.end_behavior === 'cancel') {
      Object.assign(schedule, { status: 'canceled', canceled_at: at, current_phase: null });
      emit(state, 'subscription_schedule.canceled', schedule);
      return 'cancel';
    }
    releaseSchedule(state, schedule);
  }
  return null;
}
