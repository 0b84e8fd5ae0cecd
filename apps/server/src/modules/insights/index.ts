import { defineJob } from '../../platform/jobs/define-job.ts';
import type { AppModule } from '../module.ts';
import { checkAnomaliesOfOrg } from './anomaly-check.ts';
import { ANOMALY_CHECK, ANOMALY_TICK } from './incidents.jobs.ts';
import { orgsWithAccounts } from './incidents.repository.ts';
import { checkPacingOfOrg } from './pacing.notify.ts';
import { PACING_CHECK, PACING_TICK } from './pacing.jobs.ts';
import { registerIncidentRoutes } from './incidents.routes.ts';
import { registerInsightsRoutes } from './insights.routes.ts';

export { checkAnomaliesOfOrg } from './anomaly-check.ts';
export { ANOMALY_CHECK, ANOMALY_TICK } from './incidents.jobs.ts';
export { checkPacingOfOrg } from './pacing.notify.ts';
export { PACING_CHECK, PACING_TICK } from './pacing.jobs.ts';

/**
 * Insights over stored history: budget reallocation (proposed through the approval inbox), forecasts,
 * and anomaly incidents (an hourly check per organisation opens, folds and resolves them, and notifies).
 */
export const insightsModule: AppModule = {
  name: 'insights',
  routes: (app, ctx) => {
    registerInsightsRoutes(app, ctx);
    registerIncidentRoutes(app, ctx);
  },
  jobs: (ctx) => [
    defineJob(ANOMALY_TICK, {
      handler: async () => {
        // One check per organisation and hour: a second tick within the hour finds the job already queued.
        const hour = ctx.clock.now().toISOString().slice(0, 13);
        for (const orgId of await orgsWithAccounts(ctx.db)) await ctx.jobs.enqueue(ANOMALY_CHECK, { orgId }, { singletonKey: `${orgId}|${hour}` });
      },
    }),
    defineJob(ANOMALY_CHECK, { handler: async (payload) => void (await checkAnomaliesOfOrg(ctx, payload.orgId)) }),
    defineJob(PACING_TICK, {
      handler: async () => {
        const hour = ctx.clock.now().toISOString().slice(0, 13);
        for (const orgId of await orgsWithAccounts(ctx.db)) await ctx.jobs.enqueue(PACING_CHECK, { orgId }, { singletonKey: `${orgId}|${hour}` });
      },
    }),
    defineJob(PACING_CHECK, { handler: async (payload) => void (await checkPacingOfOrg(ctx, payload.orgId)) }),
  ],
  schedules: [
    { job: ANOMALY_TICK, cron: '7 * * * *' },
    { job: PACING_TICK, cron: '23 * * * *' },
  ],
};
