/** Metric series and alerts of the anomaly detector (plain data, no I/O). */

export type AnomalyMetric = 'spend' | 'clicks' | 'cpc' | 'conversions' | 'conversion_rate';
export const ANOMALY_METRICS: readonly AnomalyMetric[] = ['spend', 'clicks', 'cpc', 'conversions', 'conversion_rate'];

export type AnomalyGrain = 'hour' | 'day';

/** One period of one entity (account or campaign); spend in any unit (micros or currency). */
export interface MetricPoint {
  /** Start of the period (ms). */
  at: number;
  spend: number;
  clicks: number;
  conversions: number;
}

export interface SeriesInput {
  grain: AnomalyGrain;
  /** Regularly spaced, oldest first, no gaps (a period without delivery is a point of zeros). */
  points: readonly MetricPoint[];
  /**
   * Position of points[0] in the weekly cycle: the local hour of the week (weekday × 24 + hour,
   * Sunday = 0) for hourly series, the local weekday (Sunday = 0) for daily series.
   */
  firstPhase: number;
  /** How many of the last points to judge (each only against the points before it). Default 1. */
  recent?: number;
  /** Significance of the residual test (default 0.05) and of the count tests (default 0.001). */
  alpha?: number;
  countAlpha?: number;
  /**
   * Smallest relative change worth an alert (|observed / expected − 1|) for a single point; default
   * 0.4 for hours, 0.2 for days. Level shifts (sustained runs) need half of it.
   */
  minChange?: number;
}

export type AnomalyMethod = 'seasonal_esd' | 'rolling_mad' | 'poisson' | 'level_shift' | 'tracking_break';
export type AnomalyCause = 'tracking' | 'cost' | 'delivery' | 'overspend' | 'performance';
export type Confidence = 'normal' | 'low';

/** One metric of one point judged abnormal. */
export interface AnomalyFinding {
  metric: AnomalyMetric;
  /** Start of the judged period. */
  at: number;
  /** Start of the abnormal run this point belongs to (the change point for a level shift). */
  since: number;
  observed: number;
  expected: number;
  /** Interval of normal values at the test's significance. */
  lower: number;
  upper: number;
  direction: 'up' | 'down';
  method: AnomalyMethod;
  confidence: Confidence;
  /** Test statistic in robust σ (residual tests) or −log10 p (count tests); larger is stronger. */
  score: number;
}

/** Findings of one series grouped into one incident while they continue. */
export interface Incident {
  /** Deterministic: `${seriesKey}|${openedAt}`. */
  id: string;
  seriesKey: string;
  cause: AnomalyCause;
  status: 'open' | 'resolved';
  since: number;
  openedAt: number;
  lastSeenAt: number;
  resolvedAt: number | null;
  confidence: Confidence;
  /** Latest finding per metric. */
  findings: AnomalyFinding[];
}
