import { amountOf, isBudgetField, type Guardrail } from './types.ts';

/**
 * An ad group / ad set still learning (where the platform reports it) loses what it learnt on a big
 * budget step: more than N % (default 20) is refused unless a person confirms. Soft.
 */
export const learningPhase: Guardrail = (input, settings) => {
  const before = amountOf(input.before);
  const after = amountOf(input.after);
  const limit = settings.learningPhasePercent;
  const percent = before !== null && after !== null && before > 0 ? (Math.abs(after - before) / before) * 100 : null;
  const numbers = { percent: percent === null ? null : Number(percent.toFixed(2)), limitPercent: limit };
  const applies = input.entityLevel === 'ad_group' && input.isLearning === true && isBudgetField(input.field) && percent !== null;
  if (applies && percent > limit) {
    return { id: 'learning_phase', severity: 'soft', passed: false, numbers, message: `This ad group is still learning: a ${numbers.percent} % budget change (more than ${limit} %) restarts its learning` };
  }
  return { id: 'learning_phase', severity: 'soft', passed: true, numbers, message: applies ? `${numbers.percent} % is within ${limit} % while learning` : 'Not in a learning phase' };
};
