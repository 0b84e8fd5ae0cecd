/** Joins a daily chart's history with a forecast of the days after it: one x axis, the history and the forecast each null where the other speaks. */

export interface ForecastDayPoint {
  date: string;
  mean: number;
  lower80: number;
  upper80: number;
  lower95: number;
  upper95: number;
}

export interface ForecastOverlay {
  points: string[];
  actual: Array<number | null>;
  mean: Array<number | null>;
  lower80: Array<number | null>;
  upper80: Array<number | null>;
  lower95: Array<number | null>;
  upper95: Array<number | null>;
}

/**
 * The history's days (`points`, oldest first, `values` one per point) followed by the forecast's days.
 * A forecast day inside the history (today, partly counted) keeps both. Null when the history ends
 * before the forecast's first day less one (a gap would read as a straight line across missing days).
 */
export function overlayForecast(points: readonly string[], values: readonly number[], days: readonly ForecastDayPoint[]): ForecastOverlay | null {
  const first = days[0];
  const last = points[points.length - 1];
  if (!first || last === undefined) return null;
  const dayBefore = new Date(Date.parse(`${first.date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  if (last < dayBefore) return null;
  const all = [...new Set([...points, ...days.map((d) => d.date)])].sort();
  const history = new Map(points.map((p, i) => [p, values[i] ?? 0]));
  const ahead = new Map(days.map((d) => [d.date, d]));
  const pick = (key: keyof Omit<ForecastDayPoint, 'date'>) => all.map((p) => ahead.get(p)?.[key] ?? null);
  // The forecast's line starts from the last day before it, so history and forecast join.
  const mean = pick('mean');
  const anchor = all.indexOf(dayBefore);
  if (anchor >= 0 && history.has(dayBefore)) mean[anchor] = history.get(dayBefore) ?? null;
  return {
    points: all,
    actual: all.map((p) => history.get(p) ?? null),
    mean,
    lower80: pick('lower80'),
    upper80: pick('upper80'),
    lower95: pick('lower95'),
    upper95: pick('upper95'),
  };
}
