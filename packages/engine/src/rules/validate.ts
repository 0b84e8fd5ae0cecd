import type { RuleDefinition } from '@adloop/contracts';

/** A problem with a rule's definition that the schema cannot see, at `path` (e.g. "definition.when.conditions.0.compare"). */
export interface RuleProblem {
  path: string;
  message: string;
}

/** Semantic checks beyond the schema (operators against comparisons, metric kinds, ranges, levels). */
export function validateRule(_def: RuleDefinition): RuleProblem[] {
  return [];
}
