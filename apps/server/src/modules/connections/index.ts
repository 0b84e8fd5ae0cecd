import type { AppModule } from '../module.ts';
import { defineJob } from '../../platform/jobs/define-job.ts';
import { registerConnectionRoutes } from './connections.routes.ts';
import { TOKENS_CHECK } from './connections.jobs.ts';
import { checkTokens } from './token-lifecycle.ts';

export { withAccount, openAccountSession, platformFailure, loadWorkingAccount, type AccountSession } from './platform-access.ts';

/** Platform connections and their ad accounts, and the tokens' upkeep. */
export const connectionsModule: AppModule = {
  name: 'connections',
  routes: registerConnectionRoutes,
  jobs: (ctx) => [defineJob(TOKENS_CHECK, { handler: async () => void (await checkTokens(ctx)) })],
  schedules: [{ job: TOKENS_CHECK, cron: '*/5 * * * *' }],
};
