export type { ForecastInput, ForecastMethod, ForecastPoint, ForecastResult } from './forecast.types.ts';
export { forecast as forecastSeries, combinedPoint as combinedForecastPoint, MAX_HORIZON as FORECAST_MAX_HORIZON } from './forecast.ts';
export { fitEts, forecastEts, type EtsFit } from './ets.ts';
export { forecastTheta } from './theta.ts';
export { forecastSeasonalNaive, forecastTsb, isIntermittent } from './baselines.ts';
export { cleanOutliers } from './clean.ts';
