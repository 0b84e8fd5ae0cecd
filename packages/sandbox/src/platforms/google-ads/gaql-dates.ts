import { addDays, isDay, weekdayOf as weekday } from '@adloop/engine';
import { queryError, type GaqlCondition } from './gaql.types.ts';

/** The inclusive local-day range of a DURING literal, relative to `today` (account time zone). */
export function duringRange(literal: string, today: string): [string, string] {
  const lastNDays = /^LAST_(\d+)_DAYS$/.exec(literal);
  if (lastNDays && ['7', '14', '30'].includes(lastNDays[1] ?? '')) return [addDays(today, -Number(lastNDays[1])), addDays(today, -1)];
  const wd = weekday(today);
  const monthStart = `${today.slice(0, 8)}01`;
  switch (literal) {
    case 'TODAY': return [today, today];
    case 'YESTERDAY': return [addDays(today, -1), addDays(today, -1)];
    case 'THIS_MONTH': return [monthStart, today];
    case 'LAST_MONTH': {
      const end = addDays(monthStart, -1);
      return [`${end.slice(0, 8)}01`, end];
    }
    case 'THIS_WEEK_SUN_TODAY': return [addDays(today, -wd), today];
    case 'THIS_WEEK_MON_TODAY': return [addDays(today, -((wd + 6) % 7)), today];
    case 'LAST_WEEK_SUN_SAT': return [addDays(today, -wd - 7), addDays(today, -wd - 1)];
    case 'LAST_WEEK_MON_SUN':
    case 'LAST_BUSINESS_WEEK': {
      const monday = addDays(today, -((wd + 6) % 7) - 7);
      return [monday, addDays(monday, literal === 'LAST_BUSINESS_WEEK' ? 4 : 6)];
    }
    default:
      throw queryError('INVALID_VALUE_WITH_DURING_OPERATOR', `Error in query: invalid value ${literal} with DURING operator.`, literal);
  }
}

function dayLiteral(value: string | number | undefined): string {
  const text = String(value ?? '');
  if (!isDay(text)) throw queryError('INVALID_DATE_FORMAT', `Error in query: invalid date ${text}; use YYYY-MM-DD.`, text);
  return text;
}

/**
 * The finite local-day range the WHERE clause puts on `segments.date`, or null when it sets none.
 * Open-ended comparisons (only `>=`) are not finite.
 */
export function dateRangeOf(where: readonly GaqlCondition[], today: string): [string, string] | null {
  let from: string | null = null;
  let to: string | null = null;
  const narrow = (lo: string | null, hi: string | null): void => {
    if (lo !== null && (from === null || lo > from)) from = lo;
    if (hi !== null && (to === null || hi < to)) to = hi;
  };
  for (const c of where.filter((w) => w.field === 'segments.date')) {
    const [a, b] = c.values;
    if (c.operator === 'DURING') narrow(...duringRange(String(a), today));
    else if (c.operator === 'BETWEEN') narrow(dayLiteral(a), dayLiteral(b));
    else if (c.operator === '=') narrow(dayLiteral(a), dayLiteral(a));
    else if (c.operator === '>=') narrow(dayLiteral(a), null);
    else if (c.operator === '>') narrow(addDays(dayLiteral(a), 1), null);
    else if (c.operator === '<=') narrow(null, dayLiteral(a));
    else if (c.operator === '<') narrow(null, addDays(dayLiteral(a), -1));
    else if (c.operator === 'IN') {
      const days = c.values.map(dayLiteral).sort();
      narrow(days[0] ?? null, days[days.length - 1] ?? null);
    }
  }
  return from !== null && to !== null ? [from, to] : null;
}
