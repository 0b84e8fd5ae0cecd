import type { RuleMetric } from '@adloop/contracts';
import { cpaMicros, cpcMicros, cpmMicros, ctr, cvr, roas } from '../metrics/kpi-formulas.ts';
import type { MetricTotals } from '../metrics/totals.ts';
import { MICROS_PER_UNIT } from '../money/currency-digits.ts';
import type { EntityFacts } from './types.ts';

/** One object as its conditions read it at one moment. */
export interface FactsView {
  entity: EntityFacts;
  now: Date;
  /** Multiply an amount in the account's currency by this to get the rule's currency basis (1 for `account`). */
  basisRate: number;
  basisCurrency: string;
  /** Share of the account's day gone by (0–1), for budget pacing. */
  dayShare: number;
}

/**
 * A metric's value: a number (money in major units of the rule's currency basis, ratios as decimals),
 * a status or name, or null when it cannot be told; `note` says why a value is special.
 */
export interface MetricReading {
  value: number | string | null;
  /** "no conversions" (CPA with spend and no conversions: +∞), or why the value is missing. */
  note: string | null;
}

const reading = (value: number | string | null, note: string | null = null): MetricReading => ({ value, note });
const money = (micros: number | null, view: FactsView): number | null => (micros === null ? null : (micros / MICROS_PER_UNIT) * view.basisRate);

/** The object's own budget in micros: the daily one, else the lifetime one. */
export const ownBudgetMicros = (e: EntityFacts): number | null => e.dailyBudgetMicros ?? e.lifetimeBudgetMicros;

/**
 * `metric` of one object over `totals` (the window's, or null for settings and when the window has no
 * numbers). CPA with spend but no conversions is +∞ ("no conversions"); frequency needs reach, which
 * is not stored, so it is never known.
 */
export function readMetric(metric: RuleMetric, totals: MetricTotals | null, view: FactsView, todayTotals: MetricTotals | null): MetricReading {
  const e = view.entity;
  switch (metric) {
    case 'budget':
      return reading(money(ownBudgetMicros(e), view), ownBudgetMicros(e) === null ? 'no budget of its own' : null);
    case 'days_since_created':
      return e.createdAt === null ? reading(null, 'first seen date unknown') : reading(Math.floor((view.now.getTime() - Date.parse(e.createdAt)) / 86_400_000));
    case 'status':
      return reading(e.status);
    case 'name':
      return reading(e.name);
    case 'frequency':
      return reading(null, 'not reported for this object');
    case 'budget_pacing': {
      if (e.dailyBudgetMicros === null || e.dailyBudgetMicros <= 0) return reading(null, 'no daily budget of its own');
      if (!todayTotals || view.dayShare <= 0) return reading(null, 'the day has only just begun');
      return reading(todayTotals.spendMicros / (e.dailyBudgetMicros * view.dayShare));
    }
    default:
      break;
  }
  if (!totals) return reading(null, 'no numbers for this period');
  switch (metric) {
    case 'spend':
      return reading(money(totals.spendMicros, view));
    case 'impressions':
      return reading(totals.impressions);
    case 'clicks':
      return reading(totals.clicks);
    case 'conversions':
      return reading(totals.conversions);
    case 'value':
      return reading(money(totals.conversionValueMicros, view));
    case 'cpa':
      if (totals.conversions <= 0 && totals.spendMicros > 0) return reading(Number.POSITIVE_INFINITY, 'no conversions');
      return reading(money(cpaMicros(totals.spendMicros, totals.conversions), view));
    case 'roas':
      return reading(roas(totals.conversionValueMicros, totals.spendMicros));
    case 'ctr':
      return reading(ctr(totals.clicks, totals.impressions));
    case 'cpc':
      return reading(money(cpcMicros(totals.spendMicros, totals.clicks), view));
    case 'cpm':
      return reading(money(cpmMicros(totals.spendMicros, totals.impressions), view));
    case 'conversion_rate':
      return reading(cvr(totals.conversions, totals.clicks));
    default:
      return reading(null);
  }
}
