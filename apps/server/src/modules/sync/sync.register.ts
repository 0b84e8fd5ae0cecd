import type { AppContext } from '../../platform/context.ts';
import { SYNC_ACCOUNT, SYNC_TICK, TOKENS_CHECK } from './sync.jobs.ts';
import { syncAccount } from './sync.service.ts';
import { tick } from './sync.scheduler.ts';
import { checkTokens } from './token-lifecycle.ts';
import { APPLY_CHANGE } from '../changes/changes.jobs.ts';
import { applyChange, recordOutsideChanges } from '../changes/changes.service.ts';
import { recoverChangeRun } from '../changes/changes.recovery.ts';
import { recoverSyncRun } from './sync.recovery.ts';

/** Registers the sync and token jobs' handlers on this process's queue. */
export function registerSyncJobs(ctx: AppContext): void {
  ctx.jobs.register({ ...SYNC_TICK, handler: async () => void (await tick(ctx)) });
  ctx.jobs.register({
    ...SYNC_ACCOUNT,
    handler: async (payload) => void (await syncAccount(ctx, SYNC_ACCOUNT.payload.parse(payload), { campaignsRead: recordOutsideChanges })),
    onRecovered: async (payload) => {
      const { orgId, adAccountId } = SYNC_ACCOUNT.payload.parse(payload);
      await recoverSyncRun(ctx, orgId, adAccountId);
    },
  });
  ctx.jobs.register({ ...TOKENS_CHECK, handler: async () => void (await checkTokens(ctx)) });
  ctx.jobs.register({
    ...APPLY_CHANGE,
    handler: async (payload) => {
      const { orgId, changeId } = APPLY_CHANGE.payload.parse(payload);
      await applyChange(ctx, orgId, changeId);
    },
    onRecovered: async (payload) => {
      const { orgId, changeId } = APPLY_CHANGE.payload.parse(payload);
      await recoverChangeRun(ctx, orgId, changeId);
    },
  });
}

/** The cron schedules (stored by pg-boss, so several workers share one schedule). */
export async function scheduleSyncJobs(ctx: AppContext): Promise<void> {
  await ctx.jobs.schedule(SYNC_TICK, '* * * * *');
  await ctx.jobs.schedule(TOKENS_CHECK, '*/5 * * * *');
}
