import type { RuleSchedule } from '@adloop/contracts';

export function nextRunAt(_schedule: RuleSchedule, after: Date, _timeZone: string): Date {
  return new Date(after.getTime() + 15 * 60_000);
}
