import { sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import { SYNC_ACCOUNT } from './sync.jobs.ts';

interface Due {
  id: string;
  org_id: string;
}

/**
 * Interleaves accounts by organisation (a1, b1, c1, a2, b2, …) so the queue serves every
 * organisation in turn: one with 500 accounts does not push one with 2 to the back.
 */
export function interleaveByOrg<T extends { org_id: string }>(rows: readonly T[]): T[] {
  const byOrg = new Map<string, T[]>();
  for (const row of rows) {
    const list = byOrg.get(row.org_id) ?? [];
    list.push(row);
    byOrg.set(row.org_id, list);
  }
  const queues = [...byOrg.values()];
  const result: T[] = [];
  for (let i = 0; result.length < rows.length; i++) {
    for (const queue of queues) if (i < queue.length) result.push(queue[i]!);
  }
  return result;
}

/**
 * The `sync.tick` job (every minute): claims every added account of an active connection whose
 * next sync is due, moves its next sync one interval on, and queues its sync, fairly across
 * organisations. Claiming is one UPDATE, so two workers ticking at once never queue an account twice.
 */
export async function tick(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now();
  const next = new Date(now.getTime() + ctx.config.sync.intervalMinutes * 60_000);
  const result = await ctx.db.execute(sql`
    UPDATE ad_accounts a SET next_sync_at = ${next.toISOString()}::timestamptz
    FROM platform_connections c
    WHERE c.id = a.connection_id AND c.org_id = a.org_id AND c.status = 'active'
      AND a.selected AND NOT a.is_manager
      AND (a.next_sync_at IS NULL OR a.next_sync_at <= ${now.toISOString()}::timestamptz)
      AND (a.sync_lease_until IS NULL OR a.sync_lease_until < ${now.toISOString()}::timestamptz)
    RETURNING a.id, a.org_id`);
  const due = (result as unknown as { rows: Due[] }).rows;
  for (const row of interleaveByOrg(due)) {
    await ctx.jobs.enqueue(SYNC_ACCOUNT, { orgId: row.org_id, adAccountId: row.id, reason: 'scheduled' });
  }
  return due.length;
}
