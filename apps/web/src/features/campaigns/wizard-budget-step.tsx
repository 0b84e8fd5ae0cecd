import { type ChangeEvent } from 'react';
import { useController, useForm, type UseControllerReturn } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import type { AdAccount, PlatformCreationOptions } from '../../lib/types.ts';
import { TextField } from '../../components/ui/field.tsx';
import { PLATFORM_NAMES } from '../connections/health.tsx';
import { amountExample, parseAmountToMicros, understoodAs } from './money-input.ts';
import { formatMicros } from './report-format.ts';
import { budgetSchema, type BudgetValues } from './wizard-budget.ts';
import { budgetRules, type Draft, type Errors } from './wizard-model.ts';
import { type Setter, ChoiceList, Choice } from './wizard-fields.tsx';

/** The budget step: amount typed the way the person's language writes numbers, and what it was understood as. */
export function BudgetStep({ draft, options, account, today, errors, set }: { draft: Draft; options: PlatformCreationOptions; account: AdAccount; today: string; errors: Errors; set: Setter }) {
  const min = options.minDailyBudgetMicros[account.currency];
  const rules = budgetRules({ options, account, today });
  // The step's fields checked by the budget schema as the person leaves and edits them; Next checks the same schema.
  const { control } = useForm<BudgetValues>({
    resolver: zodResolver(budgetSchema(rules)),
    mode: 'onTouched',
    values: { budgetKind: draft.budgetKind, amount: draft.amount, startDate: draft.startDate, endDate: draft.endDate },
  });
  const amount = useController({ control, name: 'amount' });
  const startDate = useController({ control, name: 'startDate' });
  const endDate = useController({ control, name: 'endDate' });
  const bind = <N extends 'amount' | 'startDate' | 'endDate'>(field: UseControllerReturn<BudgetValues, N>, name: N) => ({
    name,
    value: field.field.value,
    onBlur: field.field.onBlur,
    onChange: (e: ChangeEvent<HTMLInputElement>) => {
      field.field.onChange(e.currentTarget.value);
      set(name, e.currentTarget.value);
    },
    error: field.fieldState.error?.message ?? errors[name],
  });
  const parsed = parseAmountToMicros(draft.amount, account.currency);
  const minimum = min !== undefined ? `Minimum: ${formatMicros(min, account.currency)}${draft.budgetKind === 'daily' ? ' a day' : ''}.` : `In ${account.currency}, the account’s currency.`;
  return (
    <>
      {options.lifetimeBudgets ? (
        <ChoiceList legend="Budget type" error={errors.budgetKind}>
          <Choice name="budgetKind" value="daily" checked={draft.budgetKind === 'daily'} onChange={() => set('budgetKind', 'daily')} label="Daily budget" detail="Spend up to this much per day." />
          <Choice name="budgetKind" value="lifetime" checked={draft.budgetKind === 'lifetime'} onChange={() => set('budgetKind', 'lifetime')} label="Lifetime budget" detail="Spend this much in total, up to the end date." />
        </ChoiceList>
      ) : (
        <p className="text-sm text-gray-600">{PLATFORM_NAMES[options.platform]} campaigns created here use a daily budget.</p>
      )}
      <TextField
        label={`${draft.budgetKind === 'daily' ? 'Daily' : 'Lifetime'} budget in ${account.currency}`}
        inputMode="decimal"
        autoComplete="off"
        placeholder={amountExample(account.currency)}
        {...bind(amount, 'amount')}
        hint={
          <>
            {parsed.ok && (
              <span className="font-medium text-gray-800" data-understood>
                {understoodAs(parsed.micros, account.currency)}
                {draft.budgetKind === 'daily' ? ' a day' : ' in total'}.{' '}
              </span>
            )}
            {minimum}
          </>
        }
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Start date (optional)" type="date" min={today} {...bind(startDate, 'startDate')} hint="Empty: start right away." />
        <TextField
          label={draft.budgetKind === 'lifetime' ? 'End date' : 'End date (optional)'}
          type="date"
          min={draft.startDate || today}
          {...bind(endDate, 'endDate')}
          hint={draft.budgetKind === 'lifetime' ? 'The lifetime budget is spread up to this day.' : 'Empty: run until paused.'}
          required={draft.budgetKind === 'lifetime'}
        />
      </div>
      <p className="text-xs text-gray-500">Dates are in the account’s time zone, {account.timeZone}.</p>
    </>
  );
}
