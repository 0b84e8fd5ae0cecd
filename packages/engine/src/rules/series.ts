import { addInto, emptyTotals, type MetricTotals } from '../metrics/totals.ts';
import { addDays, eachDay } from '../time/days.ts';
import { dateInZone, dayStartUtc } from '../time/zone.ts';
import type { EntitySeries, WindowSpan } from './types.ts';

/**
 * The totals one window span covers in stored rows, as they stood at `now` (a backtest step):
 * - complete days from the daily rows;
 * - today so far from the hourly rows whose hour started before `now`, or without hourly rows, the
 *   day's total times the share of the day gone by;
 * - hours from the hourly rows starting in [fromUtc, toUtc), or without hourly rows, each day's total
 *   times the share of that day the hours cover.
 */
export function totalsOfSeries(series: EntitySeries, span: WindowSpan, now: Date, timeZone: string): MetricTotals {
  const sum = emptyTotals();
  if (span.days) {
    const { since, until } = span.days;
    if (since === null) {
      for (const [day, row] of series.daily) if (day <= until) addInto(sum, row);
    } else {
      for (const day of eachDay(since, until)) {
        const row = series.daily.get(day);
        if (row) addInto(sum, row);
      }
    }
  }
  if (span.today) {
    const start = dayStartUtc(span.today, timeZone).getTime();
    addHours(sum, series, timeZone, start, now.getTime());
  }
  if (span.hours) addHours(sum, series, timeZone, Date.parse(span.hours.fromUtc), Date.parse(span.hours.toUtc));
  return sum;
}

const QUARTER_MS = 15 * 60_000;

/** Adds `row` × `share` into `into`. */
function addShare(into: MetricTotals, row: MetricTotals, share: number): void {
  into.spendMicros += row.spendMicros * share;
  into.impressions += row.impressions * share;
  into.clicks += row.clicks * share;
  into.conversions += row.conversions * share;
  into.conversionValueMicros += row.conversionValueMicros * share;
}

/**
 * Rows of [from, to): hourly rows whose hour starts in it (keys are on the quarter hour in zones like
 * Asia/Kolkata), else each overlapping day's total pro rata.
 */
function addHours(into: MetricTotals, series: EntitySeries, timeZone: string, from: number, to: number): void {
  if (to <= from) return;
  if (series.hourly) {
    for (let at = Math.ceil(from / QUARTER_MS) * QUARTER_MS; at < to; at += QUARTER_MS) {
      const row = series.hourly.get(new Date(at).toISOString());
      if (row) addInto(into, row);
    }
    return;
  }
  for (let day = dateInZone(timeZone, new Date(from)); ; day = addDays(day, 1)) {
    const start = dayStartUtc(day, timeZone).getTime();
    if (start >= to) break;
    const end = dayStartUtc(addDays(day, 1), timeZone).getTime();
    const overlap = Math.min(end, to) - Math.max(start, from);
    const row = series.daily.get(day);
    if (row && overlap > 0) addShare(into, row, overlap / (end - start));
  }
}
