import type { EntityFacts, RuleDecision, RuleMemory } from './types.ts';

export const emptyMemory = (): RuleMemory => ({ actionsByEntity: {}, actionsToday: 0, moneyMovedTodayMicros: 0, overrideUntil: {}, recentChanges: {} });

export function rememberDecision(
  memory: RuleMemory,
  _decision: RuleDecision,
  _ruleId: string,
  _now: Date,
  _toOrgMicros: (e: EntityFacts, micros: number) => number,
): RuleMemory {
  return memory;
}
