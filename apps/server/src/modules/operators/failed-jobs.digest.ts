import { z } from 'zod';
import { and, inArray, isNull } from 'drizzle-orm';
import { operators } from '@adloop/db';
import type { AppContext } from '../../platform/context.ts';
import type { JobType } from '../../platform/jobs/jobs.types.ts';
import { renderNotificationEmail, type EmailBlock } from '../notifications/email.template.ts';
import { failedSince } from './dead-letters.repository.ts';
import { errorOf, summarisePayload } from './dead-letters.summary.ts';

/** Daily at 07:00 UTC: the last day's failed jobs, per queue, to the operators who handle them. */
export const OPS_FAILED_JOBS_DIGEST = {
  name: 'ops.failed-jobs-digest',
  payload: z.object({}).passthrough(),
  retry: { limit: 1, delaySeconds: 300, backoff: false },
} satisfies JobType;

const DAY_MS = 86_400_000;
/** Roles that look after jobs: Platform Admins and On-Call. */
const DIGEST_ROLES = ['platform_admin', 'on_call'] as const;

/**
 * Sends the failed-jobs digest: one e-mail per active Platform Admin and On-Call operator listing each
 * queue with jobs that failed for good in the last 24 hours (count, latest error, a payload summary)
 * and a link to retry or discard them in the console. Nothing is sent on a day without failures.
 */
export async function sendFailedJobsDigest(ctx: AppContext): Promise<{ queues: number; failed: number; recipients: number }> {
  const now = ctx.clock.now();
  const rows = await failedSince(ctx.db, new Date(now.getTime() - DAY_MS));
  const failed = rows.reduce((sum, r) => sum + r.failed, 0);
  if (rows.length === 0) return { queues: 0, failed: 0, recipients: 0 };
  const recipients = await ctx.db.select({ email: operators.email }).from(operators)
    .where(and(isNull(operators.disabledAt), inArray(operators.role, [...DIGEST_ROLES])));
  const consoleUrl = `${ctx.config.publicUrl}/ops/system`;
  const blocks: EmailBlock[] = [
    { type: 'heading', text: `${failed} job${failed === 1 ? '' : 's'} failed in the last 24 hours` },
    { type: 'paragraph', text: 'These jobs used up their retries. Retry or discard them in the operators\u2019 console.' },
    ...rows.map((r): EmailBlock => ({
      type: 'item', title: `${r.name}: ${r.failed} failed`, url: `${consoleUrl}?queue=${encodeURIComponent(r.name)}`,
      text: `Latest error: ${errorOf(r.last_output) || 'none recorded'} (payload ${summarisePayload(r.last_data)})`,
      when: new Date(r.last_failed_on).toISOString(),
    })),
    { type: 'action', label: 'Open the console', url: consoleUrl },
    { type: 'footer', text: 'Sent daily to Platform Admins and On-Call operators when jobs failed.' },
  ];
  const email = renderNotificationEmail({ subject: `Adloop: ${failed} failed job${failed === 1 ? '' : 's'} in ${rows.length} queue${rows.length === 1 ? '' : 's'}`, severity: 'warning', blocks });
  for (const r of recipients) await ctx.mailer.send({ to: r.email, ...email });
  ctx.logger.info({ queues: rows.length, failed, recipients: recipients.length }, 'operators: failed-jobs digest');
  return { queues: rows.length, failed, recipients: recipients.length };
}
