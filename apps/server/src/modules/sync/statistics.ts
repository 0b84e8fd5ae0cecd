import { sql } from 'drizzle-orm';
import type { Db } from '@adloop/db';
import { rowsOf } from '../metrics/report-scope.ts';

/** The tables a sync fills (metrics by their partitions) that rule runs and reports join. */
const SYNCED_TABLES = ['campaigns', 'ad_groups', 'ads', 'metrics_daily', 'metrics_hourly'];

/** Above this many rows a table is left to autovacuum alone (its sample then costs more than a sync step). */
const SMALL_TABLE_ROWS = 200_000;

/**
 * Planner statistics for the synced tables that a sync has (at least) doubled since they were last
 * analysed: on a fresh database, or a month's new metrics partition, the tables hold rows before
 * autovacuum's next round gives them statistics, and in that gap the planner takes them for empty
 * and nests loops over every row (a rule run over a few hundred campaigns took a minute instead of
 * a tenth of a second). Only small tables (a sample of them is cheap); one sync at a time does it
 * (a transaction-scoped advisory lock, the others skip); PostgreSQL only.
 */
export async function analyzeGrownTables(db: Db, isPostgres: boolean): Promise<string[]> {
  if (!isPostgres) return [];
  return db.transaction(async (tx) => {
    const [locked] = rowsOf<{ ok: boolean }>(await tx.execute(sql`SELECT pg_try_advisory_xact_lock(hashtext('adloop.sync.analyze')) AS ok`));
    if (!locked?.ok) return [];
    const grown = rowsOf<{ name: string }>(await tx.execute(sql`
      SELECT s.relid::regclass::text AS name
      FROM pg_stat_user_tables s
      LEFT JOIN pg_inherits i ON i.inhrelid = s.relid
      WHERE coalesce(i.inhparent, s.relid)::regclass::text IN (${sql.join(SYNCED_TABLES.map((t) => sql`${t}`), sql`, `)})
        AND s.n_live_tup > 0 AND s.n_live_tup < ${SMALL_TABLE_ROWS}
        AND s.n_mod_since_analyze * 2 > s.n_live_tup`));
    const names = grown.map((r) => r.name);
    // Names come from the catalogue (regclass text, quoted where needed), never from input.
    for (const name of names) await tx.execute(sql.raw(`ANALYZE ${name}`));
    return names;
  });
}
