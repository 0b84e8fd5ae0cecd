import { and, desc, eq, gt, inArray, lt, or, sql } from 'drizzle-orm';
import { anomalyIncidents, type Db } from '@adloop/db';
import type { IncidentCandidate } from '@adloop/engine';
import { rowsOf } from '../metrics/report-scope.ts';

/**
 * All SQL on `anomaly_incidents`. Every method takes `orgId` first and every read and write carries
 * it in its WHERE, so no incident crosses organisations.
 */
export type IncidentRow = typeof anomalyIncidents.$inferSelect;

export async function openIncidentsOfAccount(db: Db, orgId: string, accountId: string): Promise<IncidentRow[]> {
  return db.select().from(anomalyIncidents).where(and(eq(anomalyIncidents.orgId, orgId), eq(anomalyIncidents.adAccountId, accountId), eq(anomalyIncidents.status, 'open')));
}

/** Keys of the account snoozed past `now` (a resolved incident's snooze still covers its key). */
export async function snoozedKeys(db: Db, orgId: string, accountId: string, now: Date): Promise<Map<string, Date>> {
  const rows = await db
    .select({ key: anomalyIncidents.incidentKey, until: sql<string>`max(${anomalyIncidents.snoozedUntil})::text` })
    .from(anomalyIncidents)
    .where(and(eq(anomalyIncidents.orgId, orgId), eq(anomalyIncidents.adAccountId, accountId), gt(anomalyIncidents.snoozedUntil, now)))
    .groupBy(anomalyIncidents.incidentKey);
  return new Map(rows.map((r) => [r.key, new Date(r.until)]));
}

const figures = (c: IncidentCandidate) => ({
  grain: c.grain,
  direction: c.finding.direction,
  method: c.finding.method,
  confidence: c.finding.confidence,
  observed: c.finding.observed,
  expected: c.finding.expected,
  lower: c.finding.lower,
  upper: c.finding.upper,
  lastAt: new Date(c.finding.at),
});

export async function insertIncident(
  db: Db, orgId: string, accountId: string, c: IncidentCandidate, campaignId: string | null, name: string, now: Date, snoozedUntil: Date | null,
): Promise<IncidentRow | null> {
  const [row] = await db
    .insert(anomalyIncidents)
    .values({
      orgId, adAccountId: accountId, campaignId, incidentKey: c.key, name, metric: c.metric, cause: c.cause, status: 'open',
      ...figures(c), since: new Date(c.finding.since), openedAt: now, lastSeenAt: now, occurrences: 1, snoozedUntil,
    })
    .onConflictDoNothing()
    .returning();
  return row ?? null;
}

/** A repeat folded into the open incident: latest figures, one more occurrence, the earliest start kept. */
export async function repeatIncident(db: Db, orgId: string, id: string, c: IncidentCandidate, now: Date): Promise<void> {
  await db
    .update(anomalyIncidents)
    .set({ ...figures(c), lastSeenAt: now, occurrences: sql`${anomalyIncidents.occurrences} + 1`, since: sql`least(${anomalyIncidents.since}, ${new Date(c.finding.since).toISOString()}::timestamptz)` })
    .where(and(eq(anomalyIncidents.orgId, orgId), eq(anomalyIncidents.id, id), eq(anomalyIncidents.status, 'open')));
}

export async function resolveIncidents(db: Db, orgId: string, ids: readonly string[], now: Date): Promise<IncidentRow[]> {
  if (ids.length === 0) return [];
  return db
    .update(anomalyIncidents)
    .set({ status: 'resolved', resolvedAt: now })
    .where(and(eq(anomalyIncidents.orgId, orgId), inArray(anomalyIncidents.id, [...ids]), eq(anomalyIncidents.status, 'open')))
    .returning();
}

export async function findIncident(db: Db, orgId: string, id: string): Promise<IncidentRow | undefined> {
  const [row] = await db.select().from(anomalyIncidents).where(and(eq(anomalyIncidents.orgId, orgId), eq(anomalyIncidents.id, id)));
  return row;
}

export interface IncidentFilter {
  status: 'open' | 'resolved';
  accountIds: readonly string[] | null;
}

/** Newest first (opening time, then id), after the keyset position. */
export async function listIncidentRows(db: Db, orgId: string, filter: IncidentFilter, after: readonly [string, string] | null, limit: number): Promise<IncidentRow[]> {
  const t = anomalyIncidents;
  const keyset = after ? or(lt(t.openedAt, new Date(after[0])), and(eq(t.openedAt, new Date(after[0])), lt(t.id, after[1]))) : undefined;
  const accounts = filter.accountIds === null ? undefined : inArray(t.adAccountId, filter.accountIds.length > 0 ? [...filter.accountIds] : ['00000000-0000-0000-0000-000000000000']);
  return db.select().from(t).where(and(eq(t.orgId, orgId), eq(t.status, filter.status), accounts, keyset)).orderBy(desc(t.openedAt), desc(t.id)).limit(limit);
}

export async function snoozeIncident(db: Db, orgId: string, id: string, until: Date, userId: string | null): Promise<IncidentRow | undefined> {
  const [row] = await db.update(anomalyIncidents).set({ snoozedUntil: until, snoozedById: userId }).where(and(eq(anomalyIncidents.orgId, orgId), eq(anomalyIncidents.id, id))).returning();
  return row;
}

export async function acknowledgeIncident(db: Db, orgId: string, id: string, at: Date, userId: string | null): Promise<IncidentRow | undefined> {
  const [row] = await db
    .update(anomalyIncidents)
    .set({ acknowledgedAt: sql`coalesce(${anomalyIncidents.acknowledgedAt}, ${at.toISOString()}::timestamptz)`, acknowledgedById: sql`coalesce(${anomalyIncidents.acknowledgedById}, ${userId}::uuid)` })
    .where(and(eq(anomalyIncidents.orgId, orgId), eq(anomalyIncidents.id, id)))
    .returning();
  return row;
}

/** Organisations with at least one selected ad account (the hourly check's work list). */
export async function orgsWithAccounts(db: Db): Promise<string[]> {
  return rowsOf<{ org_id: string }>(await db.execute(sql`SELECT DISTINCT org_id::text AS org_id FROM ad_accounts WHERE selected`)).map((r) => r.org_id);
}
