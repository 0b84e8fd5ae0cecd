import { defineJob } from '../../platform/jobs/define-job.ts';
import type { AppModule } from '../module.ts';
import { runReport } from './report-run.service.ts';
import { REPORTS_TICK, RUN_REPORT } from './reports.jobs.ts';
import { registerReportRoutes } from './reports.routes.ts';
import { reportsTick } from './reports.service.ts';

export { REPORTS_TICK, RUN_REPORT } from './reports.jobs.ts';
export { reportsTick } from './reports.service.ts';

/**
 * Reports: definitions (accounts, KPIs, breakdowns, branding), PDF and CSV from the dashboard's own
 * queries, schedules in the organisation's time zone (a 5-minute tick claims due ones), the history
 * with downloads, emails with both files attached, and read-only client links.
 */
export const reportsModule: AppModule = {
  name: 'reports',
  routes: registerReportRoutes,
  jobs: (ctx) => [
    defineJob(REPORTS_TICK, { handler: async () => void (await reportsTick(ctx)) }),
    defineJob(RUN_REPORT, { handler: async (payload) => runReport(ctx, payload.orgId, payload.runId) }),
  ],
  schedules: [{ job: REPORTS_TICK, cron: '*/5 * * * *' }],
};
