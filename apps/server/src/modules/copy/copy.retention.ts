import type { AppContext } from '../../platform/context.ts';
import { deleteGenerationsBefore } from './copy.repository.ts';

/** Copy generations (briefs, prompts as sent, copy) are kept this long, then deleted. */
export const COPY_RETENTION_DAYS = 90;
const BATCH = 1_000;

/** Deletes generations created more than 90 days ago, in batches; returns how many went. Safe to run again. */
export async function deleteExpiredGenerations(ctx: Pick<AppContext, 'db' | 'clock' | 'logger'>): Promise<number> {
  const cutoff = new Date(ctx.clock.now().getTime() - COPY_RETENTION_DAYS * 86_400_000);
  let total = 0;
  for (;;) {
    const deleted = await deleteGenerationsBefore(ctx.db, cutoff, BATCH);
    total += deleted;
    if (deleted < BATCH) break;
  }
  if (total > 0) ctx.logger.info({ deleted: total, cutoff: cutoff.toISOString() }, 'copy generations past retention deleted');
  return total;
}
