import { gunzipSync, gzipSync } from 'node:zlib';
import { and, asc, eq, gt, gte, lte, sql, type SQL } from 'drizzle-orm';
import { auditLog, auditLogArchive, type Db } from '@adloop/db';
import { rowsOf } from '../metrics/report-scope.ts';
import { allowAuditMaintenance } from './purge.repository.ts';

/** An archived audit row as it was in `audit_log` (dates as ISO strings). */
export interface ArchivedAuditRow {
  id: number;
  orgId: string | null;
  actorType: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  userAgent: string | null;
  createdAt: string;
}

const pack = (row: ArchivedAuditRow) => gzipSync(Buffer.from(JSON.stringify(row)));
const unpack = (data: Buffer) => JSON.parse(gunzipSync(data).toString('utf8')) as ArchivedAuditRow;

/**
 * Moves audit rows older than `before` into the compressed archive, `batch` rows per transaction
 * (insert then delete, so a crash between batches loses nothing and a re-run skips rows already
 * archived). Returns the number moved.
 */
export async function archiveAuditRows(db: Db, before: Date, now: Date, batch = 1000): Promise<number> {
  let moved = 0;
  for (;;) {
    const count = await db.transaction(async (tx) => {
      const rows = await tx.select().from(auditLog).where(lte(auditLog.createdAt, before)).orderBy(asc(auditLog.id)).limit(batch);
      if (rows.length === 0) return 0;
      await tx
        .insert(auditLogArchive)
        .values(rows.map((row) => ({ id: row.id, orgId: row.orgId, createdAt: row.createdAt, archivedAt: now, row: pack({ ...row, createdAt: row.createdAt.toISOString() }) })))
        .onConflictDoNothing();
      await allowAuditMaintenance(tx);
      await tx.execute(sql`DELETE FROM audit_log WHERE id IN (${sql.join(rows.map((row) => sql`${row.id}`), sql`, `)})`);
      return rows.length;
    });
    moved += count;
    if (count < batch) return moved;
  }
}

/** Archived rows older than `before` (the end of the two-year keep) are deleted for good. */
export async function dropArchivedAuditRows(db: Db, before: Date): Promise<number> {
  return (await db.delete(auditLogArchive).where(lte(auditLogArchive.createdAt, before)).returning({ id: auditLogArchive.id })).length;
}

export interface ArchiveQuery {
  id?: number;
  orgId?: string;
  from?: Date;
  to?: Date;
  /** Keyset: rows with a greater id. */
  afterId?: number;
  limit?: number;
}

/** Operators' search of the archive: by id, or by date range (and organisation), oldest first. */
export async function searchAuditArchive(db: Db, query: ArchiveQuery): Promise<ArchivedAuditRow[]> {
  const where: (SQL | undefined)[] = [
    query.id === undefined ? undefined : eq(auditLogArchive.id, query.id),
    query.orgId === undefined ? undefined : eq(auditLogArchive.orgId, query.orgId),
    query.from === undefined ? undefined : gte(auditLogArchive.createdAt, query.from),
    query.to === undefined ? undefined : lte(auditLogArchive.createdAt, query.to),
    query.afterId === undefined ? undefined : gt(auditLogArchive.id, query.afterId),
  ];
  const rows = await db.select({ row: auditLogArchive.row }).from(auditLogArchive).where(and(...where)).orderBy(asc(auditLogArchive.id)).limit(Math.min(query.limit ?? 100, 1000));
  return rows.map((row) => unpack(row.row));
}

/**
 * Erasure in the archive: rows of a deleted organisation, or naming a deleted person, are
 * rewritten without personal data (as in `audit_log`). Rows are read in batches, since the id
 * may sit inside the compressed values.
 */
export async function anonymiseArchivedAudit(db: Db, id: string): Promise<number> {
  let rewritten = 0;
  let afterId = 0;
  for (;;) {
    const batch = rowsOf<{ id: string | number; row: Buffer | Uint8Array }>(
      await db.execute(sql`SELECT id, row FROM audit_log_archive WHERE id > ${afterId} ORDER BY id LIMIT 500`),
    );
    if (batch.length === 0) return rewritten;
    for (const item of batch) {
      const row = unpack(Buffer.from(item.row));
      if (!JSON.stringify(row).includes(id)) continue;
      const cleaned: ArchivedAuditRow = { ...row, orgId: row.orgId === id ? null : row.orgId, actorId: null, actorLabel: 'erased', targetId: null, before: null, after: null, ip: null, userAgent: null };
      await db.update(auditLogArchive).set({ row: pack(cleaned), orgId: cleaned.orgId }).where(eq(auditLogArchive.id, row.id));
      rewritten += 1;
    }
    afterId = Number(batch[batch.length - 1]?.id ?? afterId);
  }
}
