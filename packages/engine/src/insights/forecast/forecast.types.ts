/** A daily series to forecast: non-negative values (spend or value in micros or any money unit, conversions), oldest first, one per
 * consecutive day with no gaps (a day without delivery is 0; a missing day would shift the weekly season). */
export interface ForecastInput {
  values: readonly number[];
  /** Days to forecast, 1–60 (the product shows 7–30). */
  horizon: number;
  /** Day of week of `values[0]` (0–6); only used to label the season, forecasts do not depend on it. */
  firstPhase?: number;
  /** Counts (conversions) may be intermittent; money never is. Default false. */
  isCount?: boolean;
}

/** One forecast day: the point forecast and its 80 % and 95 % prediction intervals, all ≥ 0 and ordered. */
export interface ForecastPoint {
  /** 1 = the day after the last value. */
  step: number;
  mean: number;
  lower80: number;
  upper80: number;
  lower95: number;
  upper95: number;
}

export type ForecastMethod = 'combination' | 'intermittent' | 'seasonal_naive' | 'mean';

export interface ForecastResult {
  method: ForecastMethod;
  points: ForecastPoint[];
  /** Sum over the horizon with its own intervals (errors across days are not independent, so not the sum of the bounds). */
  total: Omit<ForecastPoint, 'step'>;
  /** How the interval width was estimated: from in-sample backtests, or from seasonal differences on short histories. */
  intervalSource: 'backtest' | 'seasonal_differences';
}
