import { NewCampaignBody } from '@adloop/contracts';
import { defineJob } from '../../platform/jobs/define-job.ts';
import type { AppModule } from '../module.ts';
import { expireDueProposals } from '../approvals/expiry.ts';
import { runLaunch } from '../campaigns/launch.service.ts';
import { applyChange } from './apply/apply-change.ts';
import { APPLY_CHANGE, EXPIRE_PROPOSALS, LAUNCH_CAMPAIGN } from './changes.jobs.ts';
import { recoverChangeRun } from './changes.recovery.ts';

/**
 * The change pipeline's jobs: applying changes (compare-and-set), launching approved proposed
 * campaigns, and expiring proposals nobody decided (every 5 minutes). Its routes are registered
 * with the campaigns' (change history, approvals, settings).
 */
export const changesModule: AppModule = {
  name: 'changes',
  jobs: (ctx) => [
    defineJob(APPLY_CHANGE, {
      handler: (payload) => applyChange(ctx, payload.orgId, payload.changeId),
      onRecovered: (payload) => recoverChangeRun(ctx, payload.orgId, payload.changeId),
    }),
    defineJob(LAUNCH_CAMPAIGN, { handler: (payload) => runLaunch(ctx, payload.orgId, payload.changeId, (raw) => NewCampaignBody.parse(raw)) }),
    defineJob(EXPIRE_PROPOSALS, { handler: async () => void (await expireDueProposals(ctx)) }),
  ],
  schedules: [{ job: EXPIRE_PROPOSALS, cron: '*/5 * * * *' }],
};
