import { and, desc, eq, isNotNull, lte } from 'drizzle-orm';
import { dataExports, type Db } from '@adloop/db';

export type ExportRow = typeof dataExports.$inferSelect;
const listColumns = {
  id: dataExports.id, scope: dataExports.scope, userId: dataExports.userId, orgId: dataExports.orgId, state: dataExports.state,
  progress: dataExports.progress, sizeBytes: dataExports.sizeBytes, error: dataExports.error, createdAt: dataExports.createdAt,
  finishedAt: dataExports.finishedAt, expiresAt: dataExports.expiresAt,
};
export type ExportSummary = Omit<ExportRow, 'file'>;

/** SQL for `data_exports`: every read names the person who asked (only they may see or download it). */
export function createExportRepository(db: Db) {
  return {
    async insert(values: typeof dataExports.$inferInsert): Promise<ExportSummary> {
      const [row] = await db.insert(dataExports).values(values).returning(listColumns);
      if (!row) throw new Error('INSERT ... RETURNING gave no row');
      return row;
    },
    async listForUser(userId: string, limit = 20): Promise<ExportSummary[]> {
      return db.select(listColumns).from(dataExports).where(eq(dataExports.userId, userId)).orderBy(desc(dataExports.createdAt)).limit(limit);
    },
    async findForUser(userId: string, exportId: string): Promise<ExportSummary | null> {
      const [row] = await db.select(listColumns).from(dataExports).where(and(eq(dataExports.userId, userId), eq(dataExports.id, exportId))).limit(1);
      return row ?? null;
    },
    async fileForUser(userId: string, exportId: string): Promise<Buffer | null> {
      const [row] = await db.select({ file: dataExports.file }).from(dataExports).where(and(eq(dataExports.userId, userId), eq(dataExports.id, exportId))).limit(1);
      return row?.file ?? null;
    },
    /** The job's own read (by id only: the job was enqueued for this export). */
    async findForJob(exportId: string): Promise<ExportSummary | null> {
      const [row] = await db.select(listColumns).from(dataExports).where(eq(dataExports.id, exportId)).limit(1);
      return row ?? null;
    },
    async update(exportId: string, patch: Partial<typeof dataExports.$inferInsert>): Promise<void> {
      await db.update(dataExports).set(patch).where(eq(dataExports.id, exportId));
    },
    /** Expired exports lose their file (the row stays, answering 410). */
    async dropExpiredFiles(now: Date): Promise<number> {
      return (await db.update(dataExports).set({ file: null }).where(and(lte(dataExports.expiresAt, now), isNotNull(dataExports.file))).returning({ id: dataExports.id })).length;
    },
  };
}
