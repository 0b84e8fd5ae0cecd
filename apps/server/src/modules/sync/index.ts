import type { AppModule } from '../module.ts';
import { defineJob } from '../../platform/jobs/define-job.ts';
import { SYNC_ACCOUNT, SYNC_TICK } from './sync.jobs.ts';
import { syncAccount, type SyncHooks } from './sync.service.ts';
import { tick } from './sync.scheduler.ts';
import { recoverSyncRun } from './sync.recovery.ts';

export { SYNC_ACCOUNT, SYNC_TICK } from './sync.jobs.ts';
export type { SyncHooks } from './sync.service.ts';

/** Syncing ad accounts: the minute tick that queues due accounts, and one account's sync. */
export function syncModule(hooks: SyncHooks): AppModule {
  return {
    name: 'sync',
    jobs: (ctx) => [
      defineJob(SYNC_TICK, { handler: async () => void (await tick(ctx)) }),
      defineJob(SYNC_ACCOUNT, {
        handler: async (payload) => void (await syncAccount(ctx, payload, hooks)),
        onRecovered: (payload) => recoverSyncRun(ctx, payload.orgId, payload.adAccountId),
      }),
    ],
    schedules: [{ job: SYNC_TICK, cron: '* * * * *' }],
  };
}
