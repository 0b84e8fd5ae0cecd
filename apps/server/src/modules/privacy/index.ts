import { defineJob } from '../../platform/jobs/define-job.ts';
import type { AppModule } from '../module.ts';
import { purgeDueErasures } from './erasure.purge.ts';
import { BUILD_EXPORT, PRIVACY_DAILY } from './export.jobs.ts';
import { buildExport, failExport } from './export.service.ts';
import { registerPrivacyRoutes } from './privacy.routes.ts';
import { runRetention } from './retention.service.ts';

export { scheduleOrganisationErasure, restoreOrganisation, findOrganisationErasure } from './erasure.service.ts';
export { searchAuditArchive, type ArchivedAuditRow, type ArchiveQuery } from './audit-archive.ts';
export { purgeDueErasures } from './erasure.purge.ts';
export { runRetention } from './retention.service.ts';

/**
 * Privacy: data exports (a job builds the zip, the link is emailed, expiring), deletions of an
 * account or an organisation with a 30-day grace then a purge, and the daily retention rules.
 */
export const privacyModule: AppModule = {
  name: 'privacy',
  routes: registerPrivacyRoutes,
  jobs: (ctx) => [
    defineJob(BUILD_EXPORT, {
      handler: async (payload, meta) => {
        try {
          await buildExport(ctx, payload.exportId);
        } catch (error) {
          if (meta.attempt > BUILD_EXPORT.retry.limit) await failExport(ctx, payload.exportId, error instanceof Error ? error.message : String(error));
          throw error;
        }
      },
    }),
    defineJob(PRIVACY_DAILY, {
      handler: async () => {
        await purgeDueErasures(ctx);
        await runRetention(ctx);
      },
    }),
  ],
  schedules: [{ job: PRIVACY_DAILY, cron: '30 3 * * *' }],
};
