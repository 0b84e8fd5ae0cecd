import { defineJob } from '../../platform/jobs/define-job.ts';
import type { AppModule } from '../module.ts';
import { resumePaused } from './resume.ts';
import { RESUME_PAUSED, RULES_TICK, RUN_RULES } from './rules.jobs.ts';
import { registerRuleRoutes } from './rules.routes.ts';
import { runRulesOfOrg, tick } from './scheduler.ts';

export { RESUME_PAUSED, RULES_TICK, RUN_RULES } from './rules.jobs.ts';
export { runRule, ruleActor } from './runner.ts';
export { runRulesOfOrg, tick as rulesTick } from './scheduler.ts';

/**
 * Automation rules: the routes, the 15-minute tick that claims due rules, the run of an
 * organisation's due rules (one read of the numbers for all of them), and the end of a `pause_until`.
 */
export const rulesModule: AppModule = {
  name: 'rules',
  routes: registerRuleRoutes,
  jobs: (ctx) => [
    defineJob(RULES_TICK, { handler: async () => void (await tick(ctx)) }),
    defineJob(RUN_RULES, { handler: async (payload) => void (await runRulesOfOrg(ctx, payload.orgId, payload.ruleIds)) }),
    defineJob(RESUME_PAUSED, { handler: async (payload) => void (await resumePaused(ctx, payload.orgId, payload.ruleId, payload.changeId)) }),
  ],
  schedules: [{ job: RULES_TICK, cron: '*/15 * * * *' }],
};
