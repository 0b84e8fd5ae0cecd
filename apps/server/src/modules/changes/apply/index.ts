import type { ChangeRow } from '../changes.repository.ts';
import { bidApply, targetRoasApply } from './bid.ts';
import { dailyBudgetApply, lifetimeBudgetApply } from './budget.ts';
import type { FieldApply } from './field-apply.ts';
import { nameApply } from './name.ts';
import { statusApply } from './status.ts';

export type { FieldApply, SendTarget } from './field-apply.ts';

/**
 * The fields a change job can apply, one file each. `campaign` (a launch) is applied by the
 * creation path, not here. Add a field by adding its file and one line.
 */
const APPLY: Partial<Record<ChangeRow['field'], FieldApply>> = {
  status: statusApply,
  daily_budget: dailyBudgetApply,
  lifetime_budget: lifetimeBudgetApply,
  name: nameApply,
  bid: bidApply,
  target_roas: targetRoasApply,
};

export function fieldApply(field: ChangeRow['field']): FieldApply | undefined {
  return APPLY[field];
}

/** The campaign fields an outside change is looked for in (by the structure sync). */
export const WATCHED_FIELDS = ['status', 'daily_budget', 'lifetime_budget'] as const satisfies readonly ChangeRow['field'][];
