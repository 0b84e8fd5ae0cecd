/**
 * Month pacing: spend so far against the month's plan, where the month will land at the recent
 * daily rate, and a warning when that lands over or under the plan by more than a tolerance.
 */
export interface PacingInput {
  /** The month's planned spend. */
  planMicros: number;
  /** Spend from the 1st of the month through `throughDay` included. */
  spentMicros: number;
  /** Last complete day the spend covers (YYYY-MM-DD). */
  throughDay: string;
  /** Recent daily spend rate (e.g. the last 7 days' average); defaults to the month-to-date average. */
  recentDailyMicros?: number;
  /** Allowed miss as a fraction of the plan before warning (default 0.05). */
  tolerance?: number;
  /** Currency code named after amounts in the message (none by default). */
  currency?: string;
}

export type PacingStatus = 'on_track' | 'over' | 'under' | 'exhausted';

export interface Pacing {
  status: PacingStatus;
  daysInMonth: number;
  daysElapsed: number;
  daysLeft: number;
  /** Share of the plan spent, and share of the month gone. */
  spentShare: number;
  elapsedShare: number;
  projectedMicros: number;
  /** Projected month-end minus plan (positive: over). */
  projectedGapMicros: number;
  /** Daily spend for the rest of the month that would land exactly on the plan (0 when it is already spent). */
  dailyToLandMicros: number;
  message: string;
}


export function monthPacing(input: PacingInput): Pacing {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(input.throughDay);
  if (!match) throw new RangeError('throughDay must be YYYY-MM-DD');
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth) throw new RangeError('throughDay must be a calendar day');
  if (!(input.planMicros > 0)) throw new RangeError('planMicros must be positive');
  const tolerance = input.tolerance ?? 0.05;
  const money = (micros: number): string => `${(micros / 1_000_000).toFixed(2)}${input.currency ? ` ${input.currency}` : ''}`;
  const spent = Math.max(0, input.spentMicros);
  const daysElapsed = day;
  const daysLeft = daysInMonth - day;
  const rate = Math.max(0, input.recentDailyMicros ?? spent / daysElapsed);
  const projected = spent + rate * daysLeft;
  const gap = projected - input.planMicros;
  const dailyToLand = daysLeft > 0 ? Math.max(0, (input.planMicros - spent) / daysLeft) : 0;
  const status: PacingStatus = spent >= input.planMicros && daysLeft > 0 ? 'exhausted'
    : gap > tolerance * input.planMicros ? 'over'
    : gap < -tolerance * input.planMicros ? 'under' : 'on_track';
  const pct = Math.round((Math.abs(gap) / input.planMicros) * 100);
  const message = status === 'exhausted'
    ? `The month's plan of ${money(input.planMicros)} is already spent with ${daysLeft} days to go.`
    : status === 'over'
      ? `At ${money(rate)} a day the month ends near ${money(projected)}, ${pct} % over the plan of ${money(input.planMicros)}; ${money(dailyToLand)} a day would land on it.`
      : status === 'under'
        ? `At ${money(rate)} a day the month ends near ${money(projected)}, ${pct} % under the plan of ${money(input.planMicros)}; ${money(dailyToLand)} a day would land on it.`
        : `On track: the month ends near ${money(projected)} against a plan of ${money(input.planMicros)}.`;
  return {
    status, daysInMonth, daysElapsed, daysLeft, spentShare: spent / input.planMicros, elapsedShare: daysElapsed / daysInMonth,
    projectedMicros: projected, projectedGapMicros: gap, dailyToLandMicros: dailyToLand, message,
  };
}
