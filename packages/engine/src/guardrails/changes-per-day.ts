import type { Guardrail } from './types.ts';

const DAY_MS = 86_400_000;

/** At most N changes to one object per (UTC) day, counting this one; soft, so a person may confirm one more. */
export const changesPerDay: Guardrail = (input, settings) => {
  const dayStart = Math.floor(input.now / DAY_MS) * DAY_MS;
  const today = input.history.filter((at) => at >= dayStart && at < dayStart + DAY_MS).length;
  const max = settings.maxChangesPerEntityPerDay;
  const numbers = { changesToday: today, max };
  if (today + 1 > max) return { id: 'changes_per_day', severity: 'soft', passed: false, numbers, message: `This ${input.entityLevel.replace('_', ' ')} was already changed ${today} times today; the limit is ${max} a day` };
  return { id: 'changes_per_day', severity: 'soft', passed: true, numbers, message: `Change ${today + 1} of at most ${max} today` };
};
