import { defineJob } from '../../platform/jobs/define-job.ts';
import type { AppModule } from '../module.ts';
import { COPY_RETENTION } from './copy.jobs.ts';
import { deleteExpiredGenerations } from './copy.retention.ts';
import { registerCopyRoutes } from './copy.routes.ts';

export { COPY_RETENTION } from './copy.jobs.ts';
export { COPY_RETENTION_DAYS, deleteExpiredGenerations } from './copy.retention.ts';

/** AI ad copy: generation, review (validate → repair → validate), the copy routes, and the 90-day retention of generations. */
export const copyModule: AppModule = {
  name: 'copy',
  routes: registerCopyRoutes,
  jobs: (ctx) => [defineJob(COPY_RETENTION, { handler: async () => void (await deleteExpiredGenerations(ctx)) })],
  schedules: [{ job: COPY_RETENTION, cron: '17 3 * * *' }],
};
