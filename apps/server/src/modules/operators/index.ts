import type { AppModule } from '../module.ts';
import type { App } from '../../platform/http/app.ts';
import type { AppContext } from '../../platform/context.ts';
import { registerOperatorRoutes } from './operators.routes.ts';
import { registerTenantNoticeRoutes } from './tenant-notices.routes.ts';
import { defineJob } from '../../platform/jobs/define-job.ts';
import { OPS_FAILED_JOBS_DIGEST, sendFailedJobsDigest } from './failed-jobs.digest.ts';

export { createOperator, type NewOperator } from './operators.service.ts';

/**
 * The operators' console: operator accounts apart from tenant users (TOTP always, own session),
 * role-checked routes under `/api/ops`, tenant search and detail, suspension, two-operator
 * deletion, impersonation, dead letters and their daily digest to operators; and the tenant-side guard that enforces suspension and
 * read-only impersonation on every `/api/v1` request.
 */
export const operatorsModule: AppModule = {
  name: 'operators',
  routes: (app: App, ctx: AppContext) => {
    registerTenantNoticeRoutes(app, ctx);
    registerOperatorRoutes(app, ctx);
  },
  jobs: (ctx) => [defineJob(OPS_FAILED_JOBS_DIGEST, { handler: async () => void (await sendFailedJobsDigest(ctx)) })],
  schedules: [{ job: OPS_FAILED_JOBS_DIGEST, cron: '0 7 * * *' }],
};
