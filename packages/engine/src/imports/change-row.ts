import type { ImportScope, RowIssue, RowResult, RowValues } from './types.ts';
import { formatAmount, parseAmount } from './amount.ts';
import { resolveCampaign } from './resolve-campaign.ts';
import { parseChoice } from './values.ts';

export const IMPORT_ACTIONS = ['pause', 'enable', 'set_daily_budget', 'set_lifetime_budget'] as const;
export type ImportAction = (typeof IMPORT_ACTIONS)[number];
export type ChangedField = 'status' | 'daily_budget' | 'lifetime_budget';

/**
 * A change ready for the change pipeline: the same shape a person's edit sends. `expected` is the
 * value the row expects on the platform (compare-and-set): the file's `expected` cell, or the mirror's value.
 */
export interface ChangeIntent {
  campaignId: string;
  adAccountId: string;
  action: ImportAction;
  field: ChangedField;
  amountMicros?: number;
  expected: { status?: string; dailyBudgetMicros?: number | null; lifetimeBudgetMicros?: number | null };
}

export const FIELD_OF: Record<ImportAction, ChangedField> = { pause: 'status', enable: 'status', set_daily_budget: 'daily_budget', set_lifetime_budget: 'lifetime_budget' };

/**
 * Checks one change row against the campaign it names and its platform's rules (the same rules the
 * change pipeline applies: frozen statuses, lifetime budgets, minimum and steps), so every refusal
 * shows in the preview before anything is sent.
 */
export function validateChangeRow(scope: ImportScope, values: RowValues): RowResult<ChangeIntent> {
  const issues: RowIssue[] = [];
  const resolved = resolveCampaign(scope, values);
  if (!resolved.ok) issues.push(resolved.issue);
  const action = parseChoice(values.action ?? '', IMPORT_ACTIONS);
  if (!action.ok) issues.push({ column: 'action', message: values.action ? action.message : `is empty: write one of ${IMPORT_ACTIONS.join(', ')}` });
  if (!resolved.ok || !action.ok) return { ok: false, issues };

  const { campaign, account } = resolved.found;
  const rules = account.rules;
  const field = FIELD_OF[action.value];
  const amountText = values.amount ?? '';
  const expectedText = values.expected ?? '';
  const base = { campaignId: campaign.id, adAccountId: account.id, action: action.value, field };
  const label = `"${campaign.name}"`;

  if (field === 'status') {
    if (amountText !== '') issues.push({ column: 'amount', message: `leave empty: ${action.value} takes no amount` });
    if (rules.frozenStatuses.includes(campaign.status)) issues.push({ column: 'action', message: `a ${campaign.status} campaign cannot be paused or enabled` });
    const target = action.value === 'pause' ? 'paused' : 'active';
    let expected = campaign.status;
    if (expectedText !== '') {
      const parsed = parseChoice(expectedText, ['active', 'paused', 'removed', 'archived'] as const);
      if (!parsed.ok) issues.push({ column: 'expected', message: parsed.message });
      else expected = parsed.value;
    }
    if (expectedText === '' && campaign.status === target) issues.push({ column: 'action', message: `${label} is already ${target}: nothing to change` });
    if (issues.length > 0) return { ok: false, issues };
    return { ok: true, value: { ...base, expected: { status: expected } }, summary: `${action.value === 'pause' ? 'Pause' : 'Enable'} ${label} (${expected} → ${target})` };
  }

  const isDaily = field === 'daily_budget';
  const current = isDaily ? campaign.dailyBudgetMicros : campaign.lifetimeBudgetMicros;
  if (!isDaily && !rules.lifetimeBudgets) issues.push({ column: 'action', message: `${rules.platformName} campaigns have no lifetime budget` });
  else if (current === null) issues.push({ column: 'action', message: `${label} has no ${isDaily ? 'daily' : 'lifetime'} budget at campaign level` });
  let amountMicros: number | null = null;
  if (amountText === '') issues.push({ column: 'amount', message: `is empty: write the new budget in ${campaign.currency}` });
  else {
    const parsed = parseAmount(amountText, campaign.currency);
    if (!parsed.ok) issues.push({ column: 'amount', message: parsed.message });
    else amountMicros = parsed.micros;
  }
  if (amountMicros !== null) {
    if (isDaily && amountMicros < rules.minDailyBudgetMicros) {
      issues.push({ column: 'amount', message: `is below ${rules.platformName}'s minimum daily budget of ${formatAmount(rules.minDailyBudgetMicros, campaign.currency)} ${campaign.currency}` });
    } else if (amountMicros % rules.budgetStepMicros !== 0) {
      issues.push({ column: 'amount', message: `must be a multiple of ${formatAmount(rules.budgetStepMicros, campaign.currency)} ${campaign.currency} on ${rules.platformName}` });
    }
  }
  let expected = current;
  if (expectedText !== '') {
    const parsed = parseAmount(expectedText, campaign.currency);
    if (!parsed.ok) issues.push({ column: 'expected', message: parsed.message });
    else expected = parsed.micros;
  }
  if (issues.length > 0 || amountMicros === null) return { ok: false, issues };
  if (expectedText === '' && amountMicros === current) return { ok: false, issues: [{ column: 'amount', message: `${label} already has this budget: nothing to change` }] };
  const from = expected === null ? 'none' : formatAmount(expected, campaign.currency);
  return {
    ok: true,
    value: { ...base, amountMicros, expected: isDaily ? { dailyBudgetMicros: expected } : { lifetimeBudgetMicros: expected } },
    summary: `${isDaily ? 'Daily' : 'Lifetime'} budget of ${label}: ${from} → ${formatAmount(amountMicros, campaign.currency)} ${campaign.currency}`,
  };
}
