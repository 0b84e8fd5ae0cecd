import type { RuleMetric } from '@adloop/contracts';

/**
 * The kinds of rule metrics, as the contract defines them (packages/contracts/src/rules.ts). Kept here
 * as plain lists because the contracts package imports the engine: a value import back would be a
 * cycle that leaves these undefined while the modules load. A test checks both agree.
 */

/** Metrics whose numbers arrive late (attribution lag): their windows leave the last day out unless told otherwise. */
export const CONVERSION_METRICS: readonly RuleMetric[] = ['conversions', 'value', 'cpa', 'roas', 'conversion_rate'];
/** Amounts in money (major units of the rule's currency basis). */
export const MONEY_METRICS: readonly RuleMetric[] = ['spend', 'value', 'cpa', 'cpc', 'cpm', 'budget'];
/** Metrics read from the object, not from a window. */
export const SETTING_METRICS: readonly RuleMetric[] = ['budget', 'days_since_created', 'status', 'name'];
