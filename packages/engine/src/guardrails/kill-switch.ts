import type { Guardrail } from './types.ts';

/** While the organisation's kill switch is on, no rule or AI change goes anywhere: hard. People are not stopped. */
export const killSwitch: Guardrail = (input) => {
  const automated = input.actorType === 'rule' || input.actorType === 'ai';
  const numbers = { automationStopped: String(input.automationStopped) };
  if (automated && input.automationStopped) return { id: 'kill_switch', severity: 'hard', passed: false, numbers, message: 'Automated changes are stopped for this organisation (kill switch)' };
  return { id: 'kill_switch', severity: 'hard', passed: true, numbers, message: automated ? 'Automation is running' : 'Not an automated change' };
};
