import type { RuleDefinition } from '@adloop/contracts';
import type { EntityFacts, EvaluationContext, RuleDecision, RuleMemory } from './types.ts';

export function evaluateRule(_def: RuleDefinition, _entities: readonly EntityFacts[], _memory: RuleMemory, _ctx: EvaluationContext): RuleDecision {
  return { skipped: null, entities: [], oscillation: null };
}
