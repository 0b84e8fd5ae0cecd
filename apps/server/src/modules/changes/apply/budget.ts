import type { Money } from '@adloop/platforms';
import type { FieldApply } from './field-apply.ts';

const micros = (money: Money | null | undefined): string | null => (money ? String(money.micros) : null);

/** A campaign's daily budget, in micros of its currency. */
export const dailyBudgetApply: FieldApply = {
  mirrorValue: (c) => (c.dailyBudgetMicros === null ? null : String(c.dailyBudgetMicros)),
  platformValue: (c) => micros(c.dailyBudget),
  send: (adapter, t) => adapter.campaigns.setBudget(t.tokens, t.ref, t.platformId, { kind: 'daily', amount: { micros: Number(t.after), currency: t.currency } }),
};

/** A campaign's lifetime budget, in micros of its currency (platforms with `capabilities.lifetimeBudgets`). */
export const lifetimeBudgetApply: FieldApply = {
  mirrorValue: (c) => (c.lifetimeBudgetMicros === null ? null : String(c.lifetimeBudgetMicros)),
  platformValue: (c) => micros(c.lifetimeBudget),
  send: (adapter, t) => adapter.campaigns.setBudget(t.tokens, t.ref, t.platformId, { kind: 'lifetime', amount: { micros: Number(t.after), currency: t.currency } }),
};
