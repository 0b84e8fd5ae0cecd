import { and, count, desc, eq, isNotNull, lte, max, sql } from 'drizzle-orm';
import { reportDefinitions, reportLinks, reportLinkViews, reportRuns, type Db } from '@adloop/db';

/** All SQL of reports: definitions, runs (with their files), client links and their views. Every method takes `orgId` first. */

export type DefinitionRow = typeof reportDefinitions.$inferSelect;
export type RunRow = Omit<typeof reportRuns.$inferSelect, 'pdf' | 'csv'>;
export type LinkRow = typeof reportLinks.$inferSelect;

const definitionColumns = {
  id: reportDefinitions.id,
  orgId: reportDefinitions.orgId,
  name: reportDefinitions.name,
  definition: reportDefinitions.definition,
  logoType: reportDefinitions.logoType,
  frequency: reportDefinitions.frequency,
  recipients: reportDefinitions.recipients,
  nextRunAt: reportDefinitions.nextRunAt,
  createdById: reportDefinitions.createdById,
  createdAt: reportDefinitions.createdAt,
  updatedAt: reportDefinitions.updatedAt,
};
export type DefinitionMeta = Omit<DefinitionRow, 'logo'>;

const runColumns = {
  id: reportRuns.id,
  orgId: reportRuns.orgId,
  definitionId: reportRuns.definitionId,
  trigger: reportRuns.trigger,
  state: reportRuns.state,
  progress: reportRuns.progress,
  error: reportRuns.error,
  since: reportRuns.since,
  until: reportRuns.until,
  pdfBytes: reportRuns.pdfBytes,
  sentTo: reportRuns.sentTo,
  requestedById: reportRuns.requestedById,
  createdAt: reportRuns.createdAt,
  finishedAt: reportRuns.finishedAt,
};

export async function listDefinitions(db: Db, orgId: string): Promise<DefinitionMeta[]> {
  return db.select(definitionColumns).from(reportDefinitions).where(eq(reportDefinitions.orgId, orgId)).orderBy(desc(reportDefinitions.createdAt), desc(reportDefinitions.id));
}

export async function findDefinition(db: Db, orgId: string, id: string): Promise<DefinitionMeta | null> {
  const [row] = await db.select(definitionColumns).from(reportDefinitions).where(and(eq(reportDefinitions.orgId, orgId), eq(reportDefinitions.id, id)));
  return row ?? null;
}

export async function findLogo(db: Db, orgId: string, id: string): Promise<{ logo: Buffer; logoType: string } | null> {
  const [row] = await db.select({ logo: reportDefinitions.logo, logoType: reportDefinitions.logoType }).from(reportDefinitions).where(and(eq(reportDefinitions.orgId, orgId), eq(reportDefinitions.id, id)));
  return row?.logo && row.logoType ? { logo: row.logo, logoType: row.logoType } : null;
}

export async function insertDefinition(db: Db, orgId: string, values: Omit<typeof reportDefinitions.$inferInsert, 'orgId' | 'id'>): Promise<DefinitionMeta> {
  const [row] = await db.insert(reportDefinitions).values({ ...values, orgId }).returning(definitionColumns);
  return row!;
}

export async function updateDefinition(db: Db, orgId: string, id: string, values: Partial<typeof reportDefinitions.$inferInsert>): Promise<DefinitionMeta | null> {
  const [row] = await db
    .update(reportDefinitions)
    .set(values)
    .where(and(eq(reportDefinitions.orgId, orgId), eq(reportDefinitions.id, id)))
    .returning(definitionColumns);
  return row ?? null;
}

export async function deleteDefinition(db: Db, orgId: string, id: string): Promise<boolean> {
  const rows = await db.delete(reportDefinitions).where(and(eq(reportDefinitions.orgId, orgId), eq(reportDefinitions.id, id))).returning({ id: reportDefinitions.id });
  return rows.length > 0;
}

/** Scheduled definitions whose next run is due (any organisation: the tick's claim, never a page's read). */
export async function dueDefinitions(db: Db, now: Date, limit: number): Promise<DefinitionMeta[]> {
  return db
    .select(definitionColumns)
    .from(reportDefinitions)
    .where(and(isNotNull(reportDefinitions.nextRunAt), lte(reportDefinitions.nextRunAt, now)))
    .orderBy(reportDefinitions.nextRunAt)
    .limit(limit);
}

/** Moves the next run on if it is still `seen` (compare-and-set: two ticks never claim one due time twice). */
export async function claimDue(db: Db, orgId: string, id: string, seen: Date, next: Date | null): Promise<boolean> {
  const rows = await db
    .update(reportDefinitions)
    .set({ nextRunAt: next })
    .where(and(eq(reportDefinitions.orgId, orgId), eq(reportDefinitions.id, id), eq(reportDefinitions.nextRunAt, seen)))
    .returning({ id: reportDefinitions.id });
  return rows.length > 0;
}

export async function insertRun(db: Db, orgId: string, values: { definitionId: string; trigger: 'schedule' | 'manual'; requestedById: string | null; createdAt: Date }): Promise<RunRow> {
  const [row] = await db.insert(reportRuns).values({ ...values, orgId, state: 'queued' }).returning(runColumns);
  return row!;
}

export async function updateRun(db: Db, orgId: string, id: string, values: Partial<typeof reportRuns.$inferInsert>): Promise<void> {
  await db.update(reportRuns).set(values).where(and(eq(reportRuns.orgId, orgId), eq(reportRuns.id, id)));
}

export async function findRun(db: Db, orgId: string, id: string): Promise<RunRow | null> {
  const [row] = await db.select(runColumns).from(reportRuns).where(and(eq(reportRuns.orgId, orgId), eq(reportRuns.id, id)));
  return row ?? null;
}

export async function listRuns(db: Db, orgId: string, definitionId: string, limit = 50): Promise<RunRow[]> {
  return db
    .select(runColumns)
    .from(reportRuns)
    .where(and(eq(reportRuns.orgId, orgId), eq(reportRuns.definitionId, definitionId)))
    .orderBy(desc(reportRuns.createdAt), desc(reportRuns.id))
    .limit(limit);
}

export async function runFile(db: Db, orgId: string, definitionId: string, runId: string, format: 'pdf' | 'csv'): Promise<Buffer | string | null> {
  const [row] = await db
    .select({ pdf: reportRuns.pdf, csv: reportRuns.csv })
    .from(reportRuns)
    .where(and(eq(reportRuns.orgId, orgId), eq(reportRuns.definitionId, definitionId), eq(reportRuns.id, runId), eq(reportRuns.state, 'done')));
  if (!row) return null;
  return format === 'pdf' ? row.pdf : row.csv;
}

export async function insertLink(db: Db, orgId: string, values: { definitionId: string; label: string; accountIds: string[] | null; expiresAt: Date; createdById: string | null; createdAt: Date }): Promise<LinkRow> {
  const [row] = await db.insert(reportLinks).values({ ...values, orgId }).returning();
  return row!;
}

/** A link by id alone: the signed token names it before any organisation is known (the client page). */
export async function findLinkById(db: Db, id: string): Promise<LinkRow | null> {
  const [row] = await db.select().from(reportLinks).where(eq(reportLinks.id, id));
  return row ?? null;
}

export async function listLinks(db: Db, orgId: string, definitionId: string): Promise<(LinkRow & { views: number; lastViewedAt: Date | null })[]> {
  return db
    .select({ ...getLinkColumns(), views: count(reportLinkViews.id), lastViewedAt: max(reportLinkViews.viewedAt) })
    .from(reportLinks)
    .leftJoin(reportLinkViews, and(eq(reportLinkViews.linkId, reportLinks.id), eq(reportLinkViews.orgId, reportLinks.orgId)))
    .where(and(eq(reportLinks.orgId, orgId), eq(reportLinks.definitionId, definitionId)))
    .groupBy(reportLinks.id)
    .orderBy(desc(reportLinks.createdAt));
}

function getLinkColumns() {
  return {
    id: reportLinks.id,
    orgId: reportLinks.orgId,
    definitionId: reportLinks.definitionId,
    label: reportLinks.label,
    accountIds: reportLinks.accountIds,
    expiresAt: reportLinks.expiresAt,
    revokedAt: reportLinks.revokedAt,
    createdById: reportLinks.createdById,
    createdAt: reportLinks.createdAt,
  };
}

export async function revokeLink(db: Db, orgId: string, definitionId: string, linkId: string, at: Date): Promise<LinkRow | null> {
  const [row] = await db
    .update(reportLinks)
    .set({ revokedAt: sql`coalesce(${reportLinks.revokedAt}, ${at.toISOString()}::timestamptz)` })
    .where(and(eq(reportLinks.orgId, orgId), eq(reportLinks.definitionId, definitionId), eq(reportLinks.id, linkId)))
    .returning();
  return row ?? null;
}

export async function insertLinkView(db: Db, orgId: string, values: { linkId: string; viewedAt: Date; userAgent: string | null; addressHash: string | null }): Promise<void> {
  await db.insert(reportLinkViews).values({ ...values, orgId });
}

export async function listLinkViews(db: Db, orgId: string, linkId: string, limit = 200) {
  return db
    .select({ viewedAt: reportLinkViews.viewedAt, userAgent: reportLinkViews.userAgent })
    .from(reportLinkViews)
    .where(and(eq(reportLinkViews.orgId, orgId), eq(reportLinkViews.linkId, linkId)))
    .orderBy(desc(reportLinkViews.viewedAt))
    .limit(limit);
}
