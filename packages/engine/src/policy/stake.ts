/** The object a change's stake is judged on. */
export interface StakeSubject {
  field: string;
  before: string | null;
  after: string | null;
  /** The object's daily budget now (micros), when it has one. */
  dailyBudgetMicros: number | null;
}

const amount = (value: string | null): number | null => (value === null || !Number.isFinite(Number(value)) ? null : Number(value));

/**
 * Money at stake per day (micros), what the inbox shows next to a proposal: a daily budget's change,
 * the daily budget a pause or enable stops or starts, a new campaign's daily budget; null when a day's
 * amount cannot be told (a lifetime budget, a name).
 */
export function stakePerDay(subject: StakeSubject): number | null {
  if (subject.field === 'daily_budget') {
    const before = amount(subject.before);
    const after = amount(subject.after);
    return before === null || after === null ? null : Math.abs(after - before);
  }
  if (subject.field === 'status' || subject.field === 'campaign') return subject.dailyBudgetMicros;
  return null;
}
