import { defineJob } from '../../platform/jobs/define-job.ts';
import type { AppModule } from '../module.ts';
import { SUMMARY_TICK } from './summary.jobs.ts';
import { registerSummaryRoutes } from './summary.routes.ts';
import { summaryTick } from './summary.send.ts';

export { SUMMARY_TICK } from './summary.jobs.ts';
export { sendDailySummary, summaryTick } from './summary.send.ts';

/**
 * The daily summary: each organisation's yesterday (dashboard numbers against the day before and the
 * forecast, top movers, open anomalies, proposals waiting) sent once a day from 08:00 in its time zone
 * through the notification channels each person chose for `summary.daily`; a preview endpoint.
 */
export const summaryModule: AppModule = {
  name: 'summary',
  routes: registerSummaryRoutes,
  jobs: (ctx) => [defineJob(SUMMARY_TICK, { handler: async () => void (await summaryTick(ctx)) })],
  schedules: [{ job: SUMMARY_TICK, cron: '*/15 * * * *' }],
};
