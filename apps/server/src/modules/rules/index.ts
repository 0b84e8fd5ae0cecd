import { defineJob } from '../../platform/jobs/define-job.ts';
import type { AppModule } from '../module.ts';
import { resumePaused } from './resume.ts';
import { announceRules } from './rules.live.ts';
import { RULE_BACKTEST, RULE_RUN_NOW } from './backtest/rule-jobs.jobs.ts';
import { runBacktestJob, runRunNowJob } from './backtest/rule-jobs.service.ts';
import { RESUME_PAUSED, RULES_TICK, RUN_RULES } from './rules.jobs.ts';
import { registerRuleRoutes } from './rules.routes.ts';
import { runRulesOfOrg, tick } from './scheduler.ts';

export { RESUME_PAUSED, RULES_TICK, RUN_RULES } from './rules.jobs.ts';
export { runRule, ruleActor } from './runner.ts';
export { runRulesOfOrg, tick as rulesTick } from './scheduler.ts';

/**
 * Automation rules: the routes, the 15-minute tick that claims due rules, the run of an
 * organisation's due rules (one read of the numbers for all of them), the end of a `pause_until`, and
 * the backtests and run-now asked for by people (background jobs with progress).
 */
export const rulesModule: AppModule = {
  name: 'rules',
  routes: registerRuleRoutes,
  jobs: (ctx) => [
    defineJob(RULES_TICK, { handler: async () => void (await tick(ctx)) }),
    defineJob(RUN_RULES, {
      handler: async (payload) => {
        await runRulesOfOrg(ctx, payload.orgId, payload.ruleIds);
        // Their runs are written: open rule pages read the list and the history again.
        await announceRules(ctx, payload.orgId, payload.ruleIds);
      },
    }),
    defineJob(RESUME_PAUSED, { handler: async (payload) => void (await resumePaused(ctx, payload.orgId, payload.ruleId, payload.changeId)) }),
    defineJob(RULE_BACKTEST, { handler: async (payload) => runBacktestJob(ctx, payload.orgId, payload.jobId) }),
    defineJob(RULE_RUN_NOW, { handler: async (payload) => runRunNowJob(ctx, payload.orgId, payload.jobId, payload.ruleId) }),
  ],
  schedules: [{ job: RULES_TICK, cron: '*/15 * * * *' }],
};
