/**
 * Calendar shapes of demand. Intraday weights are the share of a day's budget paced into each local
 * hour (they sum to 1); weekly factors scale conversion rate and delivery by local weekday.
 */
const INTRADAY_RAW = [
  0.35, 0.22, 0.15, 0.12, 0.12, 0.2, 0.42, 0.7, 0.95, 1.1, 1.18, 1.22,
  1.25, 1.22, 1.18, 1.15, 1.15, 1.2, 1.3, 1.38, 1.35, 1.15, 0.85, 0.55,
];
const INTRADAY_TOTAL = INTRADAY_RAW.reduce((a, b) => a + b, 0);

/** Share of the daily budget spent in local hour 0–23; the 24 values sum to 1. */
export function intradayWeight(localHour: number): number {
  return (INTRADAY_RAW[localHour] ?? 0) / INTRADAY_TOTAL;
}

/** Cost per click is a bit higher at peak hours (more competition). */
export function intradayCpcFactor(localHour: number): number {
  return 0.85 + 0.25 * ((INTRADAY_RAW[localHour] ?? 1) / 1.38);
}

/** Sunday … Saturday conversion-rate factors (mean ≈ 1). */
const WEEKLY_CVR = [0.86, 1.06, 1.08, 1.07, 1.04, 0.98, 0.91];
/** Sunday … Saturday delivery factors: weekends fill the budget less easily. */
const WEEKLY_DELIVERY = [0.9, 1, 1, 1, 1, 0.98, 0.92];

export function weeklyConversionFactor(weekday: number): number {
  return WEEKLY_CVR[weekday] ?? 1;
}

export function weeklyDeliveryFactor(weekday: number): number {
  return WEEKLY_DELIVERY[weekday] ?? 1;
}
