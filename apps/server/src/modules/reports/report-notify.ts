import type { Db } from '@adloop/db';
import type { AppContext } from '../../platform/context.ts';
import { emitNotification } from '../notifications/emit.ts';

/**
 * Tells the person who asked for a run (or the report's author, for a scheduled one) that it is
 * ready, through the notification channels they chose (`report.ready`); inside the run's transaction.
 */
export async function announceReportReady(
  ctx: Pick<AppContext, 'jobs' | 'clock'>,
  db: Db,
  run: { orgId: string; reportId: string; runId: string; name: string; range: { since: string; until: string }; requestedById: string | null },
): Promise<void> {
  if (!run.requestedById) return;
  await emitNotification(ctx, db, {
    orgId: run.orgId,
    kind: 'report.ready',
    title: `${run.name} is ready`,
    body: `${run.range.since} to ${run.range.until}: the PDF and CSV are in the report history.`,
    link: `/orgs/${run.orgId}/reports`,
    recipients: [run.requestedById],
    data: { reportId: run.reportId, runId: run.runId, since: run.range.since, until: run.range.until },
  });
}
