export {
  ADSTOCK_DAYS, adstockSeries, curveSummary, DEFAULT_PRIOR, expectedConversions, fitAccount, fitResponse, hill01, hill01Slope,
  fittedDays, marginalConversions, MIN_DAYS_AFTER_SHIFT, MIN_FIT_DAYS,
  type AccountPrior, type CurvePoint, type DailyObservation, type FitOptions, type ResponseFit,
} from './response-fit.ts';
export {
  allocateBudget, marginalUncertainty,
  type AllocationEntity, type AllocationInput, type AllocationResult, type EntityProposal, type Interval,
} from './allocate.ts';
export { monthPacing, type Pacing, type PacingInput, type PacingStatus } from './pacing.ts';
export { planPacingWarnings, type PacedEntity, type PacingWarningPlan } from './pacing-warnings.ts';
export { detectLevelShift, type LevelShift, type LevelShiftOptions } from './change-point.ts';
