import { MONEY_METRICS, PERCENT_METRICS } from './metric-kinds.ts';
import type { RuleMetric, RuleOperator } from '@adloop/contracts';

/** Numbers and metrics in words, for verdicts, explanations and the rule's sentence (English). */

const moneyFormats = new Map<string, Intl.NumberFormat | null>();

/** `units` (major units) of `currency`: "$40.00", "¥1,500", or "40.00 XYZ" for a code the runtime does not know. */
export function formatMoney(units: number, currency: string): string {
  let format = moneyFormats.get(currency);
  if (format === undefined) {
    try {
      format = new Intl.NumberFormat('en-US', { style: 'currency', currency });
    } catch {
      format = null;
    }
    moneyFormats.set(currency, format);
  }
  return format ? format.format(units) : `${units.toFixed(2)} ${currency}`;
}

/**
 * A plain number with at most `digits` decimals and thousands separated ("1,234.5"), written by hand:
 * every verdict of every object calls it, and Intl's formatter costs several times more.
 */
export function formatNumber(n: number, digits = 2): string {
  if (!Number.isFinite(n)) return n > 0 ? '∞' : n < 0 ? '-∞' : 'NaN';
  const scale = 10 ** digits;
  const abs = Math.round(Math.abs(n) * scale) / scale;
  let text = abs < 1e15 ? String(abs) : abs.toFixed(0);
  if (text.includes('e')) text = abs.toFixed(digits).replace(/\.?0+$/, '');
  if (abs >= 1000) {
    const dot = text.indexOf('.');
    const whole = dot < 0 ? text : text.slice(0, dot);
    text = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (dot < 0 ? '' : text.slice(dot));
  }
  return n < 0 && abs > 0 ? `-${text}` : text;
}

export const METRIC_WORDS: Record<RuleMetric, string> = {
  spend: 'spend',
  impressions: 'impressions',
  clicks: 'clicks',
  conversions: 'conversions',
  value: 'conversion value',
  cpa: 'CPA',
  roas: 'ROAS',
  ctr: 'CTR',
  cpc: 'CPC',
  cpm: 'CPM',
  conversion_rate: 'conversion rate',
  frequency: 'frequency',
  budget: 'budget',
  budget_pacing: 'budget pacing',
  days_since_created: 'days since created',
  status: 'status',
  name: 'name',
};

/** A metric's number in words: money in `currency`, ratios as percentages, ROAS as "2.5×". */
export function formatMetric(metric: RuleMetric, n: number, currency: string): string {
  if (MONEY_METRICS.includes(metric)) return formatMoney(n, currency);
  if (PERCENT_METRICS.includes(metric)) return `${formatNumber(n * 100)} %`;
  if (metric === 'roas') return `${formatNumber(n)}×`;
  return formatNumber(n);
}

export const OPERATOR_WORDS: Record<RuleOperator, string> = {
  gt: 'above',
  gte: 'at least',
  lt: 'below',
  lte: 'at most',
  eq: 'equal to',
  neq: 'not equal to',
  between: 'between',
  not_between: 'outside',
  in: 'one of',
  not_in: 'none of',
  contains: 'containing',
};

/** Hours in words ("24 hours", "1 hour", "1.5 hours"). */
export const formatHours = (hours: number): string => `${formatNumber(hours, 1)} ${hours === 1 ? 'hour' : 'hours'}`;
