import { addDays, forecastSeries } from '@adloop/engine';
import type { CampaignDay } from './projection.repository.ts';

/** Days of daily history a forecast reads, and the fewest it forecasts from (the weekly cycle seen twice). */
export const FORECAST_HISTORY_DAYS = 90;
export const FORECAST_MIN_DAYS = 14;

export interface DayTotals { date: string; spend: number; conversions: number; value: number }

/**
 * Daily totals of the given campaign-days from the first day with numbers through `until`, one per
 * day with no gaps (a day without numbers is 0, so the weekly season stays aligned), at most the
 * last FORECAST_HISTORY_DAYS days.
 */
export function dailySeries(rows: readonly CampaignDay[], until: string): DayTotals[] {
  const byDate = new Map<string, DayTotals>();
  for (const r of rows) {
    if (r.date > until) continue;
    const t = byDate.get(r.date) ?? { date: r.date, spend: 0, conversions: 0, value: 0 };
    t.spend += r.spend;
    t.conversions += r.conversions;
    t.value += r.value;
    byDate.set(r.date, t);
  }
  if (byDate.size === 0) return [];
  const earliest = addDays(until, -(FORECAST_HISTORY_DAYS - 1));
  const first = [...byDate.keys()].sort()[0]!;
  const series: DayTotals[] = [];
  for (let d = first < earliest ? earliest : first; d <= until; d = addDays(d, 1)) series.push(byDate.get(d) ?? { date: d, spend: 0, conversions: 0, value: 0 });
  return series;
}

/**
 * Spend, conversions and value for the `days` days after `until`, each forecast from its daily
 * history (conversions as counts), with its 80 % and 95 % ranges per day and over the whole span.
 */
export function forecastMetrics(history: readonly DayTotals[], until: string, days: number) {
  const dates = Array.from({ length: days }, (_, i) => addDays(until, i + 1));
  const firstPhase = new Date(`${history[0]!.date}T00:00:00Z`).getUTCDay();
  return (['spend', 'conversions', 'value'] as const).map((metric) => {
    const f = forecastSeries({ values: history.map((d) => d[metric]), horizon: days, firstPhase, isCount: metric === 'conversions' });
    return {
      metric,
      method: f.method,
      days: f.points.map((p, i) => ({ date: dates[i]!, mean: p.mean, lower80: p.lower80, upper80: p.upper80, lower95: p.lower95, upper95: p.upper95 })),
      total: f.total,
    };
  });
}
