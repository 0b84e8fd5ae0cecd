/**
 * Automation rules, by concern: the definition (conditions, actions, scope, limits, the bodies a
 * client writes), the rule resource, runs and their per-object outcomes, dry runs and backtests,
 * the editor's lookups, and background jobs.
 *
 * The order below is the order the schemas register their OpenAPI ids, which fixes their order in
 * docs/openapi.json.
 */
export * from './rules-conditions.ts';
export * from './rules-actions.ts';
export * from './rules-definition.ts';
export * from './rules-run-summary.ts';
export * from './rules-resource.ts';
export * from './rules-run-outcomes.ts';
export * from './rules-simulation.ts';
export * from './rules-lookups.ts';
export * from './rules-jobs.ts';
