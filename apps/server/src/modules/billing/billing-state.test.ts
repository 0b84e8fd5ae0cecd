import { describe, expect, it } from 'vitest';
import { billingStateOf, READ_ONLY_AFTER_DAYS } from './billing-state.ts';

const DAY_MS = 86_400_000;
const since = new Date('2026-03-01T12:00:00Z');
const at = (days: number, extraMs = 0) => new Date(since.getTime() + days * DAY_MS + extraMs);
const row = (status: string | null, pastDueSince: Date | null = since) => ({ status, pastDueSince, stripeSubscriptionId: 'sub_1' });

describe('billingStateOf', () => {
  it('is ok without an account, without a status, or while Stripe says the subscription is live', () => {
    expect(billingStateOf(null, since)).toEqual({ state: 'ok', pastDueSince: null, readOnlyAt: null, stripeSubscriptionId: null });
    expect(billingStateOf(undefined, since).state).toBe('ok');
    for (const status of [null, 'active', 'trialing', 'canceled', 'incomplete']) {
      expect(billingStateOf(row(status), at(30))).toEqual({ state: 'ok', pastDueSince: null, readOnlyAt: null, stripeSubscriptionId: 'sub_1' });
    }
  });

  it('is past due from day 0 to day 13, with the date it becomes read-only', () => {
    const readOnlyAt = at(READ_ONLY_AFTER_DAYS);
    for (let day = 0; day <= 13; day += 1) {
      expect(billingStateOf(row('past_due'), at(day))).toEqual({ state: 'past_due', pastDueSince: since, readOnlyAt, stripeSubscriptionId: 'sub_1' });
    }
    expect(billingStateOf(row('past_due'), at(14, -1)).state).toBe('past_due');
  });

  it('is read-only from the 14th day on, past_due and unpaid alike', () => {
    expect(READ_ONLY_AFTER_DAYS).toBe(14);
    for (const status of ['past_due', 'unpaid']) {
      for (const day of [14, 15, 60]) expect(billingStateOf(row(status), at(day))).toMatchObject({ state: 'read_only', readOnlyAt: at(14) });
    }
  });

  it('is restored at once when the invoice is paid (Stripe says active again), however long it was unpaid', () => {
    expect(billingStateOf(row('past_due'), at(20)).state).toBe('read_only');
    expect(billingStateOf(row('active'), at(20))).toMatchObject({ state: 'ok', readOnlyAt: null });
    // A stale pastDueSince left on an active account changes nothing.
    expect(billingStateOf(row('active', since), at(20)).state).toBe('ok');
  });

  it('is ok while past due without a start date (nothing to count the 14 days from)', () => {
    expect(billingStateOf(row('past_due', null), at(30)).state).toBe('ok');
  });
});
