import { z } from 'zod';
import { Timestamp } from './rules-primitives.ts';

export const RuleRunSummary = z
  .object({
    id: z.uuid(),
    ruleId: z.uuid(),
    trigger: z.enum(['schedule', 'manual']),
    startedAt: Timestamp,
    finishedAt: Timestamp.nullable(),
    /** `skipped`: nothing evaluated (stale data, kill switch, outside active hours); `message` says why. */
    outcome: z.enum(['ok', 'skipped', 'failed', 'running']),
    message: z.string().nullable(),
    examined: z.number().int(),
    matched: z.number().int(),
    acted: z.number().int(),
    proposed: z.number().int(),
    notified: z.number().int(),
    skipped: z.number().int(),
    /** The oldest sync time of the numbers it read. */
    dataAsOf: Timestamp.nullable(),
  })
  .meta({ id: 'RuleRunSummary' });
export type RuleRunSummary = z.infer<typeof RuleRunSummary>;
