/**
 * @adloop/engine: the product's pure logic, imported by the server and the web app. Plain functions
 * over plain data; no database, network, file system or clock (the caller passes `now`). The lint
 * configuration refuses imports that would do I/O here.
 */

// time: calendar days, time zones, ranges and metric windows
export { addDays, daysBetween, eachDay, formatDay, isDay, weekdayOf } from './time/days.ts';
export { clockInZone, dateInZone, dayEndUtc, dayStartUtc, hoursInDay, isKnownZone, todayIn, zonedHourToInstant, zoneOrUtc } from './time/zone.ts';
export { MAX_RANGE_DAYS, rangeProblem, type DayRange, type RangeProblem } from './time/range.ts';
export { lastCompleteDays, monthToDate, presetRange, previousPeriod, PRESETS, type Preset } from './time/windows.ts';
export { partialDayOf, type PartialDay } from './time/partial-day.ts';

// money: integer micros, currency digits and budget steps
export { currencyDigits, MICROS_PER_UNIT, minorUnitMicros } from './money/currency-digits.ts';
export { microsToAmountInput, microsToDecimal, microsToUnits, unitsToMicros } from './money/micros.ts';
export { isOnStep, roundToStep, scaleBudget, type StepRounding } from './money/budget-step.ts';

// metrics: totals, KPI formulas and period comparison
export { addInto, emptyTotals, sumTotals, type MetricTotals } from './metrics/totals.ts';
export { cpaMicros, cpcMicros, cpmMicros, ctr, cvr, roas } from './metrics/kpi-formulas.ts';
export { toKpis, type KpiKey, type Kpis } from './metrics/kpis.ts';
export { changeVerdict, kpiChange, KPI_BETTER, relativeChange, type ChangeVerdict, type KpiBetter } from './metrics/compare.ts';

// imports: CSV rows of changes and new campaigns, checked before anything is sent
export * from './imports/index.ts';

// changes: platform rules for status and budgets, checked before anything is recorded
export { budgetLimitProblem, budgetStepMessage, DEFAULT_FROZEN_STATUSES, type PlatformRules } from './changes/platform-rules.ts';
export { isProblem, validateChange, type ChangeKind, type ChangeProblem, type ChangeRequest, type ChangeSubject, type ValidChange } from './changes/validate.ts';

// guardrails: one file per guardrail, run together; soft ones a person may confirm
export * from './guardrails/index.ts';

// policy: which changes wait for approval, and the money at stake per day
export * from './policy/index.ts';

// rules: automation rules evaluated the same way live, in a dry run and in a backtest
export * from './rules/index.ts';

// copy: ad copy validated, repaired and written from templates, per platform
export * from './copy/index.ts';

// insights: budget reallocation over fitted response curves, and month pacing
export * from './insights/allocation/index.ts';

// insights: anomaly detection (seasonal ESD, count tests, level shifts, broken tracking) and incidents
export * from './insights/anomaly/index.ts';

// insights: daily forecasts of spend, conversions and value (ETS/Theta/seasonal-naive median, TSB for sparse counts) with 80/95 % intervals
export * from './insights/forecast/index.ts';

// reports: when a scheduled report goes out and which days it covers
export { defaultPeriodOf, nextReportRun, reportPeriodRange, type ReportCadence, type ReportPeriodName } from './reports/schedule.ts';

// notifications: quiet hours and digest timing in a person's time zone
export { DAILY_DIGEST_HOUR, digestDue, parseClockTime, quietHoursEnd, type QuietHours } from './notifications/quiet-hours.ts';

// security: where a sign-in came from, judged against the account's earlier sign-ins
export { countryName, IMPOSSIBLE_TRAVEL_MS, judgeSignInCountry, type PlacedSignIn, type SignInCountryVerdict } from './security/sign-in-country.ts';
