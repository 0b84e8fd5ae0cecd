import { eachDay, MAX_RANGE_DAYS } from '@adloop/engine';

/** Pure helpers behind the time charts: the x positions, zero-filled values, stacking and axis steps. */

/** Axis steps: 1, 2, 2.5 or 5 times a power of ten, about `lines` of them up to `max`. */
export function niceScale(max: number, lines = 4): { step: number; top: number } {
  if (!(max > 0)) return { step: 1, top: lines };
  const raw = max / lines;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => raw <= m * power) ?? 10) * power;
  return { step, top: Math.ceil(max / step - 1e-9) * step || step };
}

/**
 * The points of a chart over [since, until]: every day, or every hour of every day ("YYYY-MM-DDTHH:00")
 * up to `lastAt` (hours after the newest reported one are not there yet, so they are not zeros).
 */
export function chartPoints(range: { since: string; until: string }, granularity: 'day' | 'hour', lastAt?: string): string[] {
  const days = eachDay(range.since, range.until, MAX_RANGE_DAYS);
  if (granularity === 'day') return days;
  const hours = days.flatMap((day) => Array.from({ length: 24 }, (_, h) => `${day}T${String(h).padStart(2, '0')}:00`));
  return lastAt === undefined ? hours : hours.filter((at) => at <= lastAt.slice(0, 16));
}

/** One value per point: the rows' values summed at their point, 0 where no row is (a day without spend is a 0, not a gap). */
export function zeroFill<T>(points: readonly string[], rows: readonly T[], at: (row: T) => string, value: (row: T) => number): number[] {
  const index = new Map(points.map((p, i) => [p, i]));
  const values = points.map(() => 0);
  for (const row of rows) {
    const i = index.get(at(row));
    if (i !== undefined) values[i] = (values[i] ?? 0) + value(row);
  }
  return values;
}

/** Running totals across series, point by point, for stacked bars: the last series is the sum of all. */
export function stack(series: readonly (readonly number[])[]): number[][] {
  const out: number[][] = [];
  series.forEach((values, s) => out.push(values.map((v, i) => v + (s > 0 ? (out[s - 1]?.[i] ?? 0) : 0))));
  return out;
}
