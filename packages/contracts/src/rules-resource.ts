import { z } from 'zod';
import { page } from './common.ts';
import { EntityLevel } from './changes.ts';
import { RuleDefinition, RuleMode } from './rules-definition.ts';
import { Timestamp } from './rules-primitives.ts';
import { RuleRunSummary } from './rules-run-summary.ts';

/** `stopped`: Adloop switched the rule off (oscillation, or its objects are gone); `stopReason` says why. */
export const RuleStatus = z.enum(['enabled', 'disabled', 'stopped']);

export const Rule = z
  .object({
    id: z.uuid(),
    name: z.string(),
    mode: RuleMode,
    status: RuleStatus,
    stopReason: z.string().nullable(),
    definition: RuleDefinition,
    /** The rule in one plain sentence. */
    sentence: z.string(),
    templateId: z.string().nullable(),
    version: z.number().int(),
    createdBy: z.string().nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    lastRun: RuleRunSummary.nullable(),
    /** Changes made or proposed by the rule since the start of today (UTC). */
    actionsToday: z.number().int(),
    /** Failed runs in the last 24 hours. */
    errors24h: z.number().int(),
    /** Other rules of the organisation that can act on the same objects in the opposite direction. */
    conflicts: z.array(z.lazy(() => RuleConflict)),
  })
  .meta({ id: 'Rule' });
export type Rule = z.infer<typeof Rule>;

/** Two rules that can act on the same object in opposite directions (pause vs enable, raise vs lower). */
export const RuleConflict = z
  .object({
    ruleId: z.uuid(),
    ruleName: z.string(),
    /** e.g. "pause vs enable". */
    kind: z.string(),
    /** Plain words: which objects both can reach and why they would fight. */
    explanation: z.string(),
    /** Objects both rules' scopes reach today (up to 20), and how many in all. */
    overlap: z.array(z.object({ level: EntityLevel, id: z.uuid(), name: z.string() })),
    overlapCount: z.number().int(),
  })
  .meta({ id: 'RuleConflict' });
export type RuleConflict = z.infer<typeof RuleConflict>;

export const RulePage = page(Rule);
export const RuleParams = z.strictObject({ orgId: z.uuid(), ruleId: z.uuid() });
