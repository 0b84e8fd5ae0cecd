import { emptyTotals, type MetricTotals } from '../metrics/totals.ts';
import { addDays } from '../time/days.ts';
import { dateInZone, dayStartUtc, zoneOrUtc } from '../time/zone.ts';
import type { EntitySeries, WindowSpan } from './types.ts';

/**
 * The totals one window span covers in stored rows, as they stood at `now` (a backtest step):
 * - complete days from the daily rows;
 * - today so far from the hourly rows whose hour started before `now`, or without hourly rows, the
 *   day's total times the share of the day gone by;
 * - hours from the hourly rows starting in [fromUtc, toUtc), or without hourly rows, each day's total
 *   times the share of that day the hours cover.
 * Rows are read through running sums built once per series (see `SeriesIndex`): any span costs the
 * same whatever its length, so a backtest asking every window at every step does not re-add the days.
 * A zone the runtime does not know reads as UTC, as in `resolveWindow` (the engine skips its objects).
 */
export function totalsOfSeries(series: EntitySeries, span: WindowSpan, now: Date, zone: string): MetricTotals {
  return totalsOfSpan(indexSeries(series), seriesSpan(span, now, zone));
}

/** A series with its running sums, to read many spans of (a backtest keeps one per object). */
export interface IndexedSeries {
  readonly series: EntitySeries;
  readonly index: SeriesIndex;
}

/** `series` with its running sums (built once per series, on first use). */
export function indexSeries(series: EntitySeries): IndexedSeries {
  return { series, index: indexOf(series) };
}

/**
 * A window span as instants and day numbers, worked out once for every object of a zone at one moment
 * (a backtest step): `totalsOfSpan` then only looks up running sums.
 */
export interface SeriesSpan {
  /** Complete days as days since 1970-01-01, both counted (`since` null: from the first row). */
  days: { since: number | null; until: number } | null;
  /** Hours [from, to) as ms: today so far, or the span's hours (at most one of each). */
  today: { from: number; to: number } | null;
  hours: { from: number; to: number } | null;
  /** The zone days are read in where hours have no hourly rows. */
  timeZone: string;
}

export function seriesSpan(span: WindowSpan, now: Date, zone: string): SeriesSpan {
  const timeZone = zoneOrUtc(zone);
  return {
    days: span.days ? { since: span.days.since === null ? null : epochDay(span.days.since), until: epochDay(span.days.until) } : null,
    today: span.today ? { from: dayStartUtc(span.today, timeZone).getTime(), to: now.getTime() } : null,
    hours: span.hours ? { from: Date.parse(span.hours.fromUtc), to: Date.parse(span.hours.toUtc) } : null,
    timeZone,
  };
}

/** `totalsOfSeries` of a span already worked out (the same sums, the same rounding). */
export function totalsOfSpan({ series, index }: IndexedSeries, span: SeriesSpan): MetricTotals {
  const sum = emptyTotals();
  if (span.days && index.days) addRange(sum, index.days, span.days.since === null ? 0 : span.days.since - index.days.base, span.days.until - index.days.base + 1);
  if (span.today) addHours(sum, series, index, span.timeZone, span.today.from, span.today.to);
  if (span.hours) addHours(sum, series, index, span.timeZone, span.hours.from, span.hours.to);
  sum.conversions = Math.round(sum.conversions * 1e6) / 1e6;
  return sum;
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** Hourly rows start on the quarter hour at the finest (zones such as Asia/Kolkata or Asia/Kathmandu). */
const QUARTER_MS = 900_000;

/**
 * Running sums of one kind of row: slot `i` is `base + i` (days since 1970-01-01, or `base + i * step`
 * ms for hours); `sums[5 * k + f]` holds field `f` summed over slots [0, k). Amounts are whole numbers
 * (micros, counts), so a difference of two sums is exact; conversions may carry decimals, so a span's
 * are rounded to millionths (no platform reports finer) and the order they were added in does not show.
 */
interface Prefix {
  base: number;
  step: number;
  slots: number;
  sums: Float64Array;
}

/** Running sums of a series' daily rows (null without any) and hourly rows (null without any). */
export interface SeriesIndex {
  days: Prefix | null;
  hours: Prefix | null;
}

const indexes = new WeakMap<EntitySeries, SeriesIndex>();

/** The running sums of `series`, built on first use (a series' rows are read-only). */
function indexOf(series: EntitySeries): SeriesIndex {
  let index = indexes.get(series);
  if (!index) {
    index = { days: prefixOf(series.daily, epochDay, 1), hours: series.hourly ? prefixOf(series.hourly, Date.parse, null) : null };
    indexes.set(series, index);
  }
  return index;
}

/** Days since 1970-01-01 of "YYYY-MM-DD" (calendar arithmetic, no zone). */
function epochDay(day: string): number {
  return Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / DAY_MS;
}

/**
 * Running sums over rows keyed by a position (`position(key)`): days (step 1), or hour starts a whole
 * number of hours apart, else a quarter hour apart (rows of zones whose hours start at :30 or :45
 * mixed with others; hours start on the quarter hour in every zone).
 */
function prefixOf(rows: ReadonlyMap<string, MetricTotals>, position: (key: string) => number, fixedStep: number | null): Prefix | null {
  if (rows.size === 0) return null;
  let base = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  const at: number[] = [];
  for (const key of rows.keys()) {
    const p = position(key);
    at.push(p);
    if (p < base) base = p;
    if (p > last) last = p;
  }
  const step = fixedStep ?? (at.every((p) => (p - base) % HOUR_MS === 0) ? HOUR_MS : QUARTER_MS);
  const slots = Math.round((last - base) / step) + 1;
  const sums = new Float64Array(5 * (slots + 1));
  let i = 0;
  for (const row of rows.values()) {
    const k = 5 * (Math.round((at[i++]! - base) / step) + 1);
    sums[k] = row.spendMicros;
    sums[k + 1] = row.impressions;
    sums[k + 2] = row.clicks;
    sums[k + 3] = row.conversions;
    sums[k + 4] = row.conversionValueMicros;
  }
  for (let k = 5; k < sums.length; k++) sums[k]! += sums[k - 5]!;
  return { base, step, slots, sums };
}

/** Adds the rows of slots [lo, hi) (clamped to the rows there are) into `into`. */
function addRange(into: MetricTotals, prefix: Prefix, lo: number, hi: number): void {
  const a = 5 * Math.max(0, Math.min(prefix.slots, lo));
  const b = 5 * Math.max(0, Math.min(prefix.slots, hi));
  if (b <= a) return;
  const s = prefix.sums;
  into.spendMicros += s[b]! - s[a]!;
  into.impressions += s[b + 1]! - s[a + 1]!;
  into.clicks += s[b + 2]! - s[a + 2]!;
  into.conversions += s[b + 3]! - s[a + 3]!;
  into.conversionValueMicros += s[b + 4]! - s[a + 4]!;
}

/** Adds `row` × `share` into `into`. */
function addShare(into: MetricTotals, row: MetricTotals, share: number): void {
  into.spendMicros += row.spendMicros * share;
  into.impressions += row.impressions * share;
  into.clicks += row.clicks * share;
  into.conversions += row.conversions * share;
  into.conversionValueMicros += row.conversionValueMicros * share;
}

/** Rows of [from, to): hourly rows whose hour starts in it, else each overlapping day's total pro rata. */
function addHours(into: MetricTotals, series: EntitySeries, index: SeriesIndex, timeZone: string, from: number, to: number): void {
  if (to <= from) return;
  if (series.hourly) {
    const hours = index.hours;
    if (hours) addRange(into, hours, Math.ceil((from - hours.base) / hours.step), Math.ceil((to - hours.base) / hours.step));
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
