import { eq } from 'drizzle-orm';
import { organizations, users } from '@adloop/db';
import type { AppContext } from '../../platform/context.ts';
import { anonymiseArchivedAudit } from './audit-archive.ts';
import { createErasureRepository, type ErasureRow } from './erasure.repository.ts';
import {
  allowAuditMaintenance,
  anonymiseOrganisationAudit,
  anonymiseUserAudit,
  deleteByEmail,
  deleteJobsNaming,
  sweepReferences,
} from './purge.repository.ts';

export interface PurgeResult {
  purged: number;
  rowsTouched: number;
}

/**
 * Purges every deletion whose grace has ended, one per transaction: the subject's rows go (the
 * database's cascades first, then every table still naming the id), its queued jobs go, and its
 * audit rows (hot and archived) keep the event without personal data. Idempotent: a purged
 * request is no longer due, and a re-run after a crash finds the same rows gone or still there.
 */
export async function purgeDueErasures(ctx: AppContext): Promise<PurgeResult> {
  const result: PurgeResult = { purged: 0, rowsTouched: 0 };
  for (;;) {
    const done = await ctx.db.transaction(async (tx) => {
      const [due] = await createErasureRepository(tx).claimDue(ctx.clock.now(), 1);
      if (!due) return false;
      result.rowsTouched += await purgeOne(ctx, tx, due);
      result.purged += 1;
      return true;
    });
    if (!done) break;
  }
  ctx.logger.info({ purged: result.purged, rowsTouched: result.rowsTouched }, 'privacy: purge of deleted accounts and organisations');
  return result;
}

async function purgeOne(ctx: AppContext, tx: AppContext['db'], due: ErasureRow): Promise<number> {
  const id = due.subjectId;
  if (!id) return 0;
  await allowAuditMaintenance(tx);
  let touched = 0;
  if (due.subjectType === 'organization') {
    touched += (await tx.delete(organizations).where(eq(organizations.id, id)).returning({ id: organizations.id })).length;
    touched += await anonymiseOrganisationAudit(tx, id);
  } else {
    const [user] = await tx.select({ email: users.email }).from(users).where(eq(users.id, id)).limit(1);
    const email = (user?.email ?? due.subjectLabel ?? '').toLowerCase();
    touched += (await tx.delete(users).where(eq(users.id, id)).returning({ id: users.id })).length;
    if (email) touched += await deleteByEmail(tx, email);
    touched += await anonymiseUserAudit(tx, id, email);
  }
  for (const count of Object.values(await sweepReferences(tx, id, due.subjectType))) touched += count;
  touched += await anonymiseArchivedAudit(tx, id);
  touched += await deleteJobsNaming(tx, id);
  await createErasureRepository(tx).markPurged(due.id, ctx.clock.now(), due.requestedBy === id);
  await createErasureRepository(tx).forgetSubject(id);
  ctx.logger.info({ erasureId: due.id, subject: due.subjectType, rowsTouched: touched }, 'privacy: purged');
  return touched;
}
