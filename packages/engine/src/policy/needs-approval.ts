import type { ApprovalAnswer, ApprovalPolicy, ApprovalQuestion } from './types.ts';

const amount = (value: string | null): number | null => (value === null || !Number.isFinite(Number(value)) ? null : Number(value));

/**
 * Whether a change waits in the approval inbox, and why:
 * - the AI: always (AI-013/014/017; not configurable);
 * - a rule: unless the caller says the rule runs in `auto` mode;
 * - a member's new campaign: when `memberLaunches` is on;
 * - a budget change above the policy's amount (daily stake) or percentage, for anyone who cannot approve it themselves.
 */
export function needsApproval(question: ApprovalQuestion, policy: ApprovalPolicy): ApprovalAnswer {
  if (question.actorType === 'ai') return { needed: true, why: 'AI changes always wait for a person' };
  if (question.actorType === 'rule' && question.ruleMode !== 'auto') return { needed: true, why: 'This rule proposes its changes for approval' };
  if (question.field === 'campaign') {
    if (question.role === 'member' && policy.memberLaunches) return { needed: true, why: 'New campaigns by members wait for a manager' };
    return { needed: false, why: null };
  }
  // A new ad starts spending like a launch: members' new ads follow the same policy.
  if (question.field === 'ad') {
    if (question.role === 'member' && policy.memberLaunches) return { needed: true, why: 'New ads by members wait for a manager' };
    return { needed: false, why: null };
  }
  if (question.canApprove || (question.field !== 'daily_budget' && question.field !== 'lifetime_budget')) return { needed: false, why: null };
  const before = amount(question.before);
  const after = amount(question.after);
  if (before === null || after === null) return { needed: false, why: null };
  const { amountMicros, percent } = policy.budgetAbove;
  const delta = Math.abs(after - before);
  if (amountMicros !== null && delta > amountMicros) return { needed: true, why: `The budget moves by more than ${amountMicros / 1e6} a day` };
  if (percent !== null && before > 0 && (delta / before) * 100 > percent) return { needed: true, why: `The budget moves by more than ${percent} %` };
  return { needed: false, why: null };
}
