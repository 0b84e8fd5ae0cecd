import { addDays, weekdayOf as weekday } from '@adloop/engine';

const LAST_DAYS = [3, 7, 14, 28, 30, 90];

function quarterStart(day: string): string {
  const month = Math.floor((Number(day.slice(5, 7)) - 1) / 3) * 3 + 1;
  return `${day.slice(0, 4)}-${String(month).padStart(2, '0')}-01`;
}

/** Graph's `date_preset` words, in the account's days; "last" presets end yesterday. */
export function presetRange(preset: string, today: string): [string, string] | null {
  const days = /^last_(\d+)d$/.exec(preset);
  if (days) return LAST_DAYS.includes(Number(days[1])) ? [addDays(today, -Number(days[1])), addDays(today, -1)] : null;
  const monday = addDays(today, -((weekday(today) + 6) % 7));
  const sunday = addDays(today, -weekday(today));
  const year = today.slice(0, 4);
  switch (preset) {
    case 'today': return [today, today];
    case 'yesterday': return [addDays(today, -1), addDays(today, -1)];
    case 'this_week_mon_today': return [monday, today];
    case 'this_week_sun_today': return [sunday, today];
    case 'last_week_mon_sun': return [addDays(monday, -7), addDays(monday, -1)];
    case 'last_week_sun_sat': return [addDays(sunday, -7), addDays(sunday, -1)];
    case 'this_month': return [`${today.slice(0, 8)}01`, today];
    case 'last_month': {
      const end = addDays(`${today.slice(0, 8)}01`, -1);
      return [`${end.slice(0, 8)}01`, end];
    }
    case 'this_quarter': return [quarterStart(today), today];
    case 'last_quarter': {
      const end = addDays(quarterStart(today), -1);
      return [quarterStart(end), end];
    }
    case 'this_year': return [`${year}-01-01`, today];
    case 'last_year': return [`${Number(year) - 1}-01-01`, `${Number(year) - 1}-12-31`];
    case 'maximum':
    case 'data_maximum': return [addDays(today, -37 * 30), today];
    default: return null;
  }
}

export const DATE_PRESETS: readonly string[] = [
  'today', 'yesterday', ...LAST_DAYS.map((n) => `last_${n}d`), 'this_week_mon_today', 'this_week_sun_today', 'last_week_mon_sun', 'last_week_sun_sat',
  'this_month', 'last_month', 'this_quarter', 'last_quarter', 'this_year', 'last_year', 'maximum', 'data_maximum',
];
