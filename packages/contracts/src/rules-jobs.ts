import { z } from 'zod';
import { Timestamp } from './rules-primitives.ts';
import { RuleRunSummary } from './rules-run-summary.ts';
import { BacktestResult } from './rules-simulation.ts';

/**
 * A backtest or a "run now" working in the background: the request answers 202 with this, and
 * `GET …/rules/jobs/:jobId` with its state as it goes. `progress` runs 0–1 (for a backtest, the
 * share of its scheduled times replayed); when `done`, `backtest` or `run` holds the result; when
 * `failed`, `error` says why.
 */
export const RuleJob = z
  .object({
    id: z.uuid(),
    kind: z.enum(['backtest', 'run']),
    ruleId: z.uuid().nullable(),
    state: z.enum(['queued', 'running', 'done', 'failed']),
    progress: z.number().min(0).max(1),
    /** What the job is doing, in words ("Replaying 90 days: 43 % done"); null once it ended. */
    progressText: z.string().nullable(),
    backtest: BacktestResult.nullable(),
    run: RuleRunSummary.nullable(),
    error: z.string().nullable(),
    createdAt: Timestamp,
    startedAt: Timestamp.nullable(),
    finishedAt: Timestamp.nullable(),
  })
  .meta({ id: 'RuleJob' });
export type RuleJob = z.infer<typeof RuleJob>;

export const RuleJobParams = z.strictObject({ orgId: z.uuid(), jobId: z.uuid() });
