/**
 * Automation rules: validation, windows, evaluation (live, dry run and backtest alike), memory across
 * runs, oscillation and conflicts, the rule in words, its schedule and templates.
 */
export type {
  EntityDecision,
  EntityFacts,
  EntitySeries,
  EvaluationContext,
  PastAction,
  PlannedAction,
  ResolvedWindow,
  RuleDecision,
  RuleMemory,
  WindowSpan,
} from './types.ts';
export { validateRule, MAX_GROUP_DEPTH, type RuleProblem } from './validate.ts';
export { canSkipLastDay, conditionWindow, leavesOf, resolveWindow, skipsLastDay, windowKey, windowsOf, windowWords, type RuleWindowUse } from './windows.ts';
export { indexSeries, seriesSpan, totalsOfSeries, totalsOfSpan, type IndexedSeries, type SeriesSpan } from './series.ts';
export { evaluateRule, DEFAULT_OSCILLATION_HOURS } from './evaluate.ts';
export { emptyMemory, rememberDecision } from './memory.ts';
export { matchesScope, type ScopeSubject } from './scope.ts';
export { ruleConflict, scopesMayOverlap, type RuleRef } from './conflicts.ts';
export { detectOscillation } from './oscillation.ts';
export { describeRule } from './describe.ts';
export { nextRunAt } from './schedule.ts';
export { RULE_TEMPLATES, type RuleTemplateDef } from './templates.ts';
export { CONVERSION_METRICS, isSettingMetric, METRIC_KINDS, MONEY_METRICS, PERCENT_METRICS, RULE_METRICS, SETTING_METRICS, type MetricKind, type RuleMetricId } from './metric-kinds.ts';
