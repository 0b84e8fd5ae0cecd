import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { DEFAULT_GUARDRAIL_SETTINGS, budgetJumpFactor, isBudgetJump } from '@adloop/engine';
import { changeSettingsQuery } from '../approvals/approvals-api.ts';

/**
 * The organisation's budget-jump limit (Settings › Automation safety), the one the server's guardrail
 * applies: the editors ask for a second look exactly where the server would ask for a confirmation.
 */
export function useBudgetJump(): { isJump: (current: number | null, next: number) => boolean; factor: number } {
  const { orgId } = useParams({ strict: false }) as { orgId?: string };
  const settings = useQuery({ ...changeSettingsQuery(orgId ?? ''), enabled: Boolean(orgId) });
  const percent = settings.data?.guardrails.budgetJumpPercent ?? DEFAULT_GUARDRAIL_SETTINGS.budgetJumpPercent;
  return { isJump: (current, next) => isBudgetJump(current, next, percent), factor: Number(budgetJumpFactor(percent).toFixed(2)) };
}
