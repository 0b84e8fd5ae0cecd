import type { Guardrail } from './types.ts';

/** Nothing changes a removed or archived object (the platform would refuse or, worse, revive it): hard. */
export const frozenStatus: Guardrail = (input) => {
  const frozen = input.rules.frozenStatuses.includes(input.entityStatus);
  const numbers = { status: input.entityStatus };
  if (frozen) return { id: 'frozen_status', severity: 'hard', passed: false, numbers, message: `A ${input.entityStatus} ${input.entityLevel.replace('_', ' ')} cannot be changed` };
  return { id: 'frozen_status', severity: 'hard', passed: true, numbers, message: `Status ${input.entityStatus} can be changed` };
};
