import type { PastAction } from './types.ts';

/** Directions that undo each other on one field. */
const OPPOSITE: Record<string, string> = { pause: 'enable', enable: 'pause', raise: 'lower', lower: 'raise' };

const FIELD_WORDS: Record<PastAction['field'], string> = {
  status: 'status',
  daily_budget: 'daily budget',
  lifetime_budget: 'lifetime budget',
  bid: 'bid',
  name: 'name',
  label: 'labels',
  notify: 'notifications',
};

const PAST: Record<string, string> = { pause: 'paused', enable: 'enabled', raise: 'raised', lower: 'lowered' };

/**
 * Whether `b` undoes `a` by rules: same field, opposite directions, both by a rule, and neither the
 * return a pause-until planned (pausing again after it is the plan repeating, not a fight).
 */
export function isReversalByRules(a: PastAction, b: PastAction): boolean {
  return a.field === b.field && a.actorType === 'rule' && b.actorType === 'rule' && OPPOSITE[a.direction] === b.direction && a.resumes !== true && b.resumes !== true;
}

/**
 * Rules going A→B→A on one field of one object within `windowHours` before `now`: a change by a rule
 * undone by the next change of that field, also by a rule (the same or another). Changes are oldest
 * first; a person's change in between breaks the chain. Returns the newest such pair in words, or null.
 */
export function detectOscillation(changes: readonly PastAction[], now: Date, windowHours: number): string | null {
  const since = now.getTime() - windowHours * 3_600_000;
  const lastByField = new Map<PastAction['field'], PastAction>();
  let found: [PastAction, PastAction] | null = null;
  for (const change of changes) {
    const at = Date.parse(change.at);
    if (at < since || at > now.getTime()) continue;
    const before = lastByField.get(change.field);
    if (before && isReversalByRules(before, change)) found = [before, change];
    lastByField.set(change.field, change);
  }
  if (!found) return null;
  const [a, b] = found;
  const hours = Math.round(((Date.parse(b.at) - Date.parse(a.at)) / 3_600_000) * 10) / 10;
  return (
    `Rules ${PAST[a.direction] ?? a.direction} and then ${PAST[b.direction] ?? b.direction} the ${FIELD_WORDS[a.field]} ` +
    `within ${hours} hours (at ${a.at} and ${b.at}): they undo each other.`
  );
}
