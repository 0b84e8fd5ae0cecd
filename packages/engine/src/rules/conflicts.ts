import type { RuleDefinition } from '@adloop/contracts';

export interface RuleRef {
  id: string;
  name: string;
  definition: RuleDefinition;
}

export function ruleConflict(_a: RuleRef, _b: RuleRef): { kind: string; explanation: string } | null {
  return null;
}
