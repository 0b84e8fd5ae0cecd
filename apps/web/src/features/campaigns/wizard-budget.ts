import { z } from 'zod';
import { parseAmountToMicros } from './money-input.ts';
import { formatMicros } from './report-format.ts';

export const BudgetValues = z.object({ budgetKind: z.enum(['daily', 'lifetime']), amount: z.string(), startDate: z.string(), endDate: z.string() });
export type BudgetValues = z.infer<typeof BudgetValues>;

export interface BudgetRules {
  currency: string;
  /** The platform's smallest daily budget in the account's currency, when known. */
  minMicros: number | undefined;
  platformName: string;
  /** Today in the account's time zone (YYYY-MM-DD). */
  today: string;
  locale?: string | undefined;
}

/** The budget step's rules as one Zod schema: the step's form checks with it as the person types, and Next with the same. */
export function budgetSchema(rules: BudgetRules) {
  return BudgetValues.superRefine((v, ctx) => {
    const problem = (path: keyof BudgetValues, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    const parsed = parseAmountToMicros(v.amount, rules.currency, rules.locale);
    if (!parsed.ok) problem('amount', parsed.error);
    else if (parsed.micros < 1) problem('amount', 'Enter an amount above zero');
    else if (rules.minMicros !== undefined && parsed.micros < rules.minMicros) problem('amount', `The smallest ${v.budgetKind} budget on ${rules.platformName} is ${formatMicros(rules.minMicros, rules.currency)}`);
    if (v.startDate && v.startDate < rules.today) problem('startDate', 'Choose today or a later date');
    if (v.budgetKind === 'lifetime' && !v.endDate) problem('endDate', 'A lifetime budget needs an end date');
    else if (v.endDate && v.endDate < (v.startDate || rules.today)) problem('endDate', 'Choose an end date on or after the start date');
  });
}

/** The schema's findings as the wizard's errors, one message per field. */
export function budgetErrors(values: BudgetValues, rules: BudgetRules): Record<string, string> {
  const result = budgetSchema(rules).safeParse(values);
  const errors: Record<string, string> = {};
  if (!result.success) for (const issue of result.error.issues) errors[String(issue.path[0])] ??= issue.message;
  return errors;
}
