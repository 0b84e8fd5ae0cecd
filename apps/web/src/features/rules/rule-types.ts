/**
 * Types of the rules API, inferred from the shared contract. Type-only imports: the Zod schemas
 * never reach the browser bundle.
 */
import type { z } from 'zod';
import type * as c from '@adloop/contracts';

export type Rule = c.Rule;
export type RuleBody = z.input<typeof c.RuleBody>;
export type RulePatch = z.input<typeof c.RulePatch>;
export type RuleDefinition = c.RuleDefinition;
export type RuleCondition = c.RuleCondition;
export type RuleConditionGroup = c.RuleConditionGroup;
export type RuleComparison = c.RuleComparison;
export type RuleAction = c.RuleAction;
export type RuleScope = c.RuleScope;
export type RuleLimits = c.RuleLimits;
export type RuleSchedule = c.RuleSchedule;
export type RuleWindow = c.RuleWindow;
export type RuleMetric = c.RuleMetric;
export type RuleOperator = c.RuleOperator;
export type RuleMode = c.RuleModeValue;
export type RuleStatus = z.infer<typeof c.RuleStatus>;
export type RuleConflict = c.RuleConflict;
export type RuleRunSummary = c.RuleRunSummary;
export type RuleRunDetail = z.infer<typeof c.RuleRunDetail>;
export type RuleEntityOutcome = c.RuleEntityOutcome;
export type RuleTemplate = c.RuleTemplate;
export type DryRunResult = c.DryRunResult;
export type BacktestResult = c.BacktestResult;
export type RuleJob = c.RuleJob;
export type EntityLevel = z.infer<typeof c.EntityLevel>;
export type RuleObjectChoice = c.RuleObjectChoice;
export type RuleScopeOptions = c.RuleScopeOptions;
