import { describe, expect, it } from 'vitest';
import { billingDate, dunningNotice } from './dunning-words.ts';

const readOnlyAt = '2026-03-15T12:00:00.000Z';

describe('dunningNotice', () => {
  it('says nothing while billing is fine', () => {
    expect(dunningNotice({ billingState: 'ok', readOnlyAt: null })).toBeNull();
  });

  it('past due: the payment failed, with the day to update the card by (the day it becomes read-only)', () => {
    expect(billingDate(readOnlyAt)).toBe('15 Mar 2026');
    expect(dunningNotice({ billingState: 'past_due', readOnlyAt })).toBe('Payment failed — update your card by 15 Mar 2026');
    expect(dunningNotice({ billingState: 'past_due', readOnlyAt: null })).toBe('Payment failed — update your card');
  });

  it('read-only: since when, and that automation is paused', () => {
    expect(dunningNotice({ billingState: 'read_only', readOnlyAt })).toBe('Read-only since 15 Mar 2026: automation paused');
    expect(dunningNotice({ billingState: 'read_only', readOnlyAt: null })).toBe('Read-only: automation paused');
  });
});
