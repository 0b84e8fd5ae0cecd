import { defineJob } from '../../platform/jobs/define-job.ts';
import type { AppModule } from '../module.ts';
import { AI_RELEASE_STALE } from './ai.jobs.ts';
import { registerAiRoutes } from './ai.routes.ts';
import { releaseStaleReservations } from './metering.ts';

export { AiCallFailedAfterUsage, AiCapReachedError, aiAvailable, meteredCall, usageMonth, type AiCaller, type AiFeature, type MeteredOutcome, type MeteredPlan, type MeteredResult } from './metering.ts';
export { getAiSettings } from './settings.repository.ts';

/**
 * AI settings (brand voice, monthly limit) and usage; metered calls go through `meteredCall`.
 * A sweep every 10 minutes releases the reservations of calls cut off mid-way.
 */
export const aiModule: AppModule = {
  name: 'ai',
  routes: registerAiRoutes,
  jobs: (ctx) => [defineJob(AI_RELEASE_STALE, { handler: async () => void (await releaseStaleReservations(ctx)) })],
  schedules: [{ job: AI_RELEASE_STALE, cron: '*/10 * * * *' }],
};
