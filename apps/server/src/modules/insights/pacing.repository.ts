import { sql } from 'drizzle-orm';
import type { Db } from '@adloop/db';
import { rowsOf } from '../metrics/report-scope.ts';

/** Keys of the organisation's pacing warnings still open (told and not yet resolved). */
export async function openPacingWarnings(db: Db, orgId: string): Promise<string[]> {
  return rowsOf<{ incident_key: string }>(
    await db.execute(sql`SELECT incident_key FROM notification_events
      WHERE org_id = ${orgId}::uuid AND scope = ${orgId} AND kind = 'budget.pacing' AND resolved_at IS NULL AND incident_key IS NOT NULL`),
  ).map((r) => r.incident_key);
}
