import { CONVERSION_METRICS, SETTING_METRICS } from './metric-kinds.ts';
import type { RuleCondition, RuleConditionGroup, RuleDefinition, RuleWindow } from '@adloop/contracts';
import { addDays, daysBetween, weekdayOf } from '../time/days.ts';
import { dateInZone, dayStartUtc, zoneOrUtc } from '../time/zone.ts';
import type { ResolvedWindow, WindowSpan } from './types.ts';

/**
 * The periods a rule's conditions read. Semantics, in the ad account's zone:
 * - `today`: today so far; `yesterday`: the last complete day; `last_hours`: the last N whole hours.
 * - `last_days`: N complete days up to yesterday, plus today so far with `includeToday`.
 * - `week_to_date` (weeks start on Monday), `month_to_date`, `lifetime`: complete days up to yesterday plus today so far.
 * - "Skip last day" (conversions arrive late) leaves yesterday out of a window made of complete days
 *   only (`last_days` of 2 or more days without today); elsewhere it changes nothing, and the key says so.
 * The previous period has the same length and ends where the window starts; a window ending "today so
 * far" is compared with the same hours of the day its previous period ends on (as hours).
 */

/** Whether "skip last day" can take effect on `window` (complete days only, and more than one of them). */
export const canSkipLastDay = (window: RuleWindow): boolean => window.kind === 'last_days' && !window.includeToday && window.days >= 2;

/** The stable key of a window as a rule names it, e.g. "last_days:3:false:skip" (for `EntityFacts.metrics`). */
export function windowKey(window: RuleWindow, skipLastDay: boolean): string {
  switch (window.kind) {
    case 'last_hours':
      return `last_hours:${window.hours}`;
    case 'last_days':
      return `last_days:${window.days}:${window.includeToday}:${skipLastDay && canSkipLastDay(window) ? 'skip' : 'all'}`;
    default:
      return window.kind;
  }
}

/** One distinct window a rule reads, and whether some condition compares it with the previous period or the siblings' average. */
export interface RuleWindowUse {
  key: string;
  window: RuleWindow;
  skipLastDay: boolean;
  previous: boolean;
  parentAverage: boolean;
}

const TODAY: RuleWindow = { kind: 'today' };

/** Whether a condition leaves the last day out: as it says, else yes for conversion metrics. */
export const skipsLastDay = (c: Pick<RuleCondition, 'metric' | 'skipLastDay'>): boolean => c.skipLastDay ?? CONVERSION_METRICS.includes(c.metric);

/** The window a condition's metric is read over (budget pacing always reads today; settings read none). */
export function conditionWindow(c: RuleCondition): { window: RuleWindow; skipLastDay: boolean } | null {
  if (c.metric === 'budget_pacing') return { window: TODAY, skipLastDay: false };
  if (SETTING_METRICS.includes(c.metric)) return null;
  return { window: c.window, skipLastDay: skipsLastDay(c) };
}

/**
 * The window the metric a condition compares with (`compare.kind === 'metric'`) is read over: the
 * condition's own ("the same window"), today for budget pacing, none for a setting.
 */
export function comparedWindow(c: RuleCondition): { window: RuleWindow; skipLastDay: boolean } | null {
  if (c.compare.kind !== 'metric') return null;
  const other = c.compare.metric;
  if (other === 'budget_pacing') return { window: TODAY, skipLastDay: false };
  if (SETTING_METRICS.includes(other)) return null;
  return conditionWindow(c) ?? conditionWindow({ ...c, metric: other });
}

/** Every condition of a tree with its path ("0", "1.0"), depth first. */
export function leavesOf(group: RuleConditionGroup, prefix = ''): { path: string; condition: RuleCondition }[] {
  const out: { path: string; condition: RuleCondition }[] = [];
  group.conditions.forEach((node, i) => {
    const path = prefix ? `${prefix}.${i}` : String(i);
    if (node.kind === 'condition') out.push({ path, condition: node });
    else out.push(...leavesOf(node, path));
  });
  return out;
}

/** The distinct windows `def` reads: its conditions' (and compared metrics'), and the minimums' when a minimum is set. */
export function windowsOf(def: RuleDefinition): RuleWindowUse[] {
  const uses = new Map<string, RuleWindowUse>();
  const add = (window: RuleWindow, skipLastDay: boolean, previous: boolean, parentAverage: boolean): void => {
    const key = windowKey(window, skipLastDay);
    const use = uses.get(key);
    if (use) {
      use.previous ||= previous;
      use.parentAverage ||= parentAverage;
    } else uses.set(key, { key, window, skipLastDay: skipLastDay && canSkipLastDay(window), previous, parentAverage });
  };
  for (const { condition } of leavesOf(def.when)) {
    const read = conditionWindow(condition);
    const compare = condition.compare;
    if (read) add(read.window, read.skipLastDay, compare.kind === 'previous_period', compare.kind === 'parent_average');
    const other = comparedWindow(condition);
    if (other) add(other.window, other.skipLastDay, false, false);
  }
  const { minSpend, minImpressions, minConversions, minimumsWindow } = def.limits;
  if (minSpend !== undefined || minImpressions !== undefined || minConversions !== undefined) add(minimumsWindow, false, false, false);
  return [...uses.values()];
}

/** The start of today's hours up to `now`, moved to `day` (the same share of that day, as instants). */
function partialDay(day: string, elapsedMs: number, timeZone: string): WindowSpan['hours'] {
  const start = dayStartUtc(day, timeZone).getTime();
  const end = Math.min(start + elapsedMs, dayStartUtc(addDays(day, 1), timeZone).getTime());
  return { fromUtc: new Date(start).toISOString(), toUtc: new Date(end).toISOString() };
}

/** Complete days [since, yesterday] plus today so far, and the equal-length period before it. */
function toToday(key: string, since: string | null, today: string, elapsedMs: number, timeZone: string): ResolvedWindow {
  const yesterday = addDays(today, -1);
  const days = since === null || since <= yesterday ? { since, until: yesterday } : null;
  if (since === null) return { key, days, today, hours: null, previous: null };
  const length = daysBetween(since, today);
  const prevSince = addDays(since, -length);
  const prevLastFull = addDays(yesterday, -length);
  const previous: WindowSpan = {
    days: prevSince <= prevLastFull ? { since: prevSince, until: prevLastFull } : null,
    today: null,
    hours: partialDay(addDays(today, -length), elapsedMs, timeZone),
  };
  return { key, days, today, hours: null, previous };
}

/** Complete days [since, until] and the equal-length period before them. */
function completeDays(key: string, since: string, until: string): ResolvedWindow {
  const length = daysBetween(since, until);
  return { key, days: { since, until }, today: null, hours: null, previous: { days: { since: addDays(since, -length), until: addDays(since, -1) }, today: null, hours: null } };
}

/**
 * `window` for an account in `timeZone` at `now`: the complete days, today's part and the hours it
 * covers, and the previous period of the same length (null for `lifetime`). A zone the runtime does
 * not know is read as UTC rather than failing the whole run: `evaluateRule` skips its objects and says why.
 */
export function resolveWindow(window: RuleWindow, skipLastDay: boolean, now: Date, zone: string): ResolvedWindow {
  const timeZone = zoneOrUtc(zone);
  const key = windowKey(window, skipLastDay);
  const today = dateInZone(timeZone, now);
  const elapsedMs = now.getTime() - dayStartUtc(today, timeZone).getTime();
  switch (window.kind) {
    case 'today':
      return toToday(key, today, today, elapsedMs, timeZone);
    case 'yesterday': {
      const yesterday = addDays(today, -1);
      return completeDays(key, yesterday, yesterday);
    }
    case 'last_hours': {
      const hourMs = 3_600_000;
      const to = Math.floor(now.getTime() / hourMs) * hourMs;
      const from = to - window.hours * hourMs;
      const span = (a: number, b: number) => ({ fromUtc: new Date(a).toISOString(), toUtc: new Date(b).toISOString() });
      return { key, days: null, today: null, hours: span(from, to), previous: { days: null, today: null, hours: span(from - window.hours * hourMs, from) } };
    }
    case 'last_days': {
      const since = addDays(today, -window.days);
      if (window.includeToday) return toToday(key, since, today, elapsedMs, timeZone);
      const until = addDays(today, skipLastDay && canSkipLastDay(window) ? -2 : -1);
      return completeDays(key, since, until);
    }
    case 'week_to_date':
      return toToday(key, addDays(today, -((weekdayOf(today) + 6) % 7)), today, elapsedMs, timeZone);
    case 'month_to_date':
      return toToday(key, `${today.slice(0, 8)}01`, today, elapsedMs, timeZone);
    case 'lifetime':
      return toToday(key, null, today, elapsedMs, timeZone);
  }
}

/** A window in words, as verdicts and sentences show it ("the last 3 days (yesterday left out)"). */
export function windowWords(window: RuleWindow, skipLastDay: boolean): string {
  switch (window.kind) {
    case 'today':
      return 'today so far';
    case 'yesterday':
      return 'yesterday';
    case 'last_hours':
      return window.hours === 1 ? 'the last hour' : `the last ${window.hours} hours`;
    case 'last_days': {
      const days = window.days === 1 ? 'the last day' : `the last ${window.days} days`;
      if (window.includeToday) return `${days} and today so far`;
      return skipLastDay && canSkipLastDay(window) ? `${days} (yesterday left out)` : days;
    }
    case 'week_to_date':
      return 'this week so far';
    case 'month_to_date':
      return 'this month so far';
    case 'lifetime':
      return 'its lifetime';
  }
}
