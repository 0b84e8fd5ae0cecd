import { directionOf } from './actions.ts';
import { todayCounts, utcDay } from './limits.ts';
import type { EntityFacts, PastAction, RuleDecision, RuleMemory } from './types.ts';

/** A memory with nothing in it (a rule that never ran). */
export const emptyMemory = (): RuleMemory => ({ actionsByEntity: {}, actionsToday: 0, moneyMovedTodayMicros: 0, overrideUntil: {}, recentChanges: {} });

/**
 * The memory after `decision` (made at `now` by rule `ruleId`): every acted, proposed or notified
 * object's actions added to its past actions (cooldown) and its status/budget/bid changes to its recent
 * changes (oscillation); today's count and budget moved (`toOrgMicros` converts an object's micros to
 * the organisation's) added, starting from zero when `now` is on a later UTC day than the memory.
 * Pure: returns a new memory; lists it does not touch are shared with the old one.
 */
export function rememberDecision(
  memory: RuleMemory,
  decision: RuleDecision,
  ruleId: string,
  now: Date,
  toOrgMicros: (e: EntityFacts, micros: number) => number,
): RuleMemory {
  const counts = todayCounts(memory, now);
  const at = now.toISOString();
  const actionsByEntity = { ...memory.actionsByEntity };
  const recentChanges = { ...memory.recentChanges };
  let actionsToday = counts.actions;
  let moneyMovedTodayMicros = counts.moneyMicros;
  for (const d of decision.entities) {
    if ((d.outcome !== 'act' && d.outcome !== 'propose' && d.outcome !== 'notify') || d.planned.length === 0) continue;
    const done: PastAction[] = d.planned.map((p) => ({ at, ...directionOf(p), actorType: 'rule', actorId: ruleId }));
    actionsByEntity[d.id] = [...(actionsByEntity[d.id] ?? []), ...done];
    const changes = done.filter((a) => a.field === 'status' || a.field === 'daily_budget' || a.field === 'lifetime_budget' || a.field === 'bid');
    if (changes.length > 0) recentChanges[d.id] = [...(recentChanges[d.id] ?? []), ...changes];
    actionsToday += d.planned.length;
    for (const p of d.planned) {
      if (p.kind !== 'budget') continue;
      const moved = Math.abs(p.toMicros - p.fromMicros);
      moneyMovedTodayMicros += d.facts ? toOrgMicros(d.facts, moved) : moved;
    }
  }
  return { ...memory, actionsByEntity, recentChanges, actionsToday, moneyMovedTodayMicros, day: utcDay(now) };
}
