import { and, desc, eq, gte, inArray, isNotNull, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { adAccounts, campaignChanges, type Db } from '@adloop/db';
import type { PlatformId } from '@adloop/contracts';

/**
 * All SQL on `campaign_changes`. Every method takes `orgId` first and every write carries it in its
 * WHERE, so no change can be read or moved across organisations.
 */
export type ChangeRow = typeof campaignChanges.$inferSelect;
export type NewChangeRow = typeof campaignChanges.$inferInsert;
export type ChangeState = ChangeRow['state'];

export interface ChangeFilter {
  campaignId?: string | undefined;
  adAccountId?: string | undefined;
  /** The caller's accounts (`OrgAccess.accountIds`); null: every account. */
  accountIds?: readonly string[] | null | undefined;
  /** A state; `decided`: proposals someone or something decided; `all`: every proposal, waiting or decided. */
  state?: ChangeState | 'decided' | 'all' | undefined;
  platform?: PlatformId | undefined;
  actorType?: ChangeRow['actorType'] | undefined;
  entityLevel?: ChangeRow['entityLevel'] | undefined;
}

/** A proposal that was decided: it carries a decision, or ended in a state only proposals reach. */
const decidedProposal = or(isNotNull(campaignChanges.decidedAt), inArray(campaignChanges.state, ['rejected', 'expired', 'stopped']));

function stateFilter(state: ChangeFilter['state']): SQL | undefined {
  if (state === undefined) return undefined;
  if (state === 'decided') return decidedProposal;
  if (state === 'all') return or(eq(campaignChanges.state, 'proposed'), decidedProposal);
  return eq(campaignChanges.state, state);
}

const byOrg = (orgId: string, ...more: (SQL | undefined)[]) => and(eq(campaignChanges.orgId, orgId), ...more);

export async function findChange(db: Db, orgId: string, id: string): Promise<ChangeRow | undefined> {
  const [row] = await db.select().from(campaignChanges).where(byOrg(orgId, eq(campaignChanges.id, id)));
  return row;
}

export async function findChanges(db: Db, orgId: string, ids: readonly string[]): Promise<ChangeRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(campaignChanges).where(byOrg(orgId, inArray(campaignChanges.id, [...ids])));
}

export async function findByIdempotencyKey(db: Db, orgId: string, key: string): Promise<ChangeRow[]> {
  return db.select().from(campaignChanges).where(byOrg(orgId, eq(campaignChanges.idempotencyKey, key)));
}

/** The rows of several idempotency keys at once (a batch of submissions), in one read. */
export async function findByIdempotencyKeys(db: Db, orgId: string, keys: readonly string[]): Promise<ChangeRow[]> {
  if (keys.length === 0) return [];
  return db.select().from(campaignChanges).where(byOrg(orgId, inArray(campaignChanges.idempotencyKey, [...new Set(keys)])));
}

/** Change rows per multi-row insert. */
const INSERT_CHUNK = 500;

/** Inserts; a row whose idempotency key (per campaign and field) exists is skipped. */
export async function insertChanges(db: Db, orgId: string, rows: readonly NewChangeRow[]): Promise<ChangeRow[]> {
  const inserted: ChangeRow[] = [];
  // Chunks keep a large batch under PostgreSQL's 65,535 parameters per statement.
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    const chunk = rows.slice(i, i + INSERT_CHUNK).map((r) => ({ ...r, orgId }));
    inserted.push(...(await db.insert(campaignChanges).values(chunk).onConflictDoNothing().returning()));
  }
  return inserted;
}


/** Moves a change on only from the state `from` (compare-and-set on the state); undefined when it had moved. */
export async function updateChangeFrom(db: Db, orgId: string, id: string, from: ChangeState, values: Partial<NewChangeRow>): Promise<ChangeRow | undefined> {
  const { orgId: _ignored, id: _id, ...safe } = values;
  const [row] = await db
    .update(campaignChanges)
    .set(safe)
    .where(byOrg(orgId, eq(campaignChanges.id, id), eq(campaignChanges.state, from)))
    .returning();
  return row;
}

export async function setMessageIfPending(db: Db, orgId: string, id: string, message: string): Promise<ChangeRow | undefined> {
  const [row] = await db
    .update(campaignChanges)
    .set({ message })
    .where(byOrg(orgId, eq(campaignChanges.id, id), eq(campaignChanges.state, 'pending')))
    .returning();
  return row;
}

export async function markSent(db: Db, orgId: string, id: string, at: Date): Promise<void> {
  await db.update(campaignChanges).set({ sentAt: at }).where(byOrg(orgId, eq(campaignChanges.id, id)));
}

export async function markUndone(db: Db, orgId: string, id: string, undoneBy: string): Promise<void> {
  await db.update(campaignChanges).set({ state: 'undone', undoneBy }).where(byOrg(orgId, eq(campaignChanges.id, id)));
}

export async function setCampaignOf(db: Db, orgId: string, id: string, campaignId: string): Promise<void> {
  await db.update(campaignChanges).set({ campaignId }).where(byOrg(orgId, eq(campaignChanges.id, id)));
}

/** Newest first, keyset after (createdAt, id). */
export async function listChangeRows(db: Db, orgId: string, filter: ChangeFilter, after: readonly [string, string] | null, limit: number): Promise<ChangeRow[]> {
  const accounts = filter.accountIds === null || filter.accountIds === undefined ? undefined : filter.accountIds.length ? inArray(campaignChanges.adAccountId, [...filter.accountIds]) : sql`false`;
  const cursor = after
    ? or(lt(campaignChanges.createdAt, new Date(after[0])), and(eq(campaignChanges.createdAt, new Date(after[0])), lt(campaignChanges.id, after[1])))
    : undefined;
  return db
    .select()
    .from(campaignChanges)
    .where(
      byOrg(
        orgId,
        filter.campaignId ? eq(campaignChanges.campaignId, filter.campaignId) : undefined,
        filter.adAccountId ? eq(campaignChanges.adAccountId, filter.adAccountId) : undefined,
        stateFilter(filter.state),
        filter.platform
          ? inArray(campaignChanges.adAccountId, db.select({ id: adAccounts.id }).from(adAccounts).where(and(eq(adAccounts.orgId, orgId), eq(adAccounts.platform, filter.platform))))
          : undefined,
        filter.actorType ? eq(campaignChanges.actorType, filter.actorType) : undefined,
        filter.entityLevel ? eq(campaignChanges.entityLevel, filter.entityLevel) : undefined,
        accounts,
        cursor,
      ),
    )
    .orderBy(desc(campaignChanges.createdAt), desc(campaignChanges.id))
    .limit(limit);
}

/** Adloop's own changes of these campaigns that are on their way or landed (to tell them from outside changes). */
export async function ownValuesOf(db: Db, orgId: string, campaignIds: readonly string[]) {
  if (campaignIds.length === 0) return [];
  return db
    .select({ campaignId: campaignChanges.campaignId, field: campaignChanges.field, after: campaignChanges.after })
    .from(campaignChanges)
    .where(byOrg(orgId, inArray(campaignChanges.campaignId, [...campaignIds]), or(eq(campaignChanges.state, 'pending'), eq(campaignChanges.state, 'applied'))));
}

const DAY_MS = 86_400_000;

/** One change counted by the per-day change limit: its id and when it was asked (ms). */
export interface DayChange {
  id: string;
  at: number;
}

/**
 * Each campaign's changes asked in the UTC day of `now` (proposed, on their way or applied; Adloop's own
 * and undos): the per-day change limit's history, read the same way when a change is asked and when a
 * proposal is approved.
 */
export async function changesOfDay(db: Db, orgId: string, campaignIds: readonly string[], now: Date): Promise<Map<string, DayChange[]>> {
  const byCampaign = new Map<string, DayChange[]>();
  if (campaignIds.length === 0) return byCampaign;
  const dayStart = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  const rows = await db
    .select({ id: campaignChanges.id, campaignId: campaignChanges.campaignId, createdAt: campaignChanges.createdAt })
    .from(campaignChanges)
    .where(
      byOrg(
        orgId,
        inArray(campaignChanges.campaignId, [...new Set(campaignIds)]),
        gte(campaignChanges.createdAt, new Date(dayStart)),
        lt(campaignChanges.createdAt, new Date(dayStart + DAY_MS)),
        inArray(campaignChanges.state, ['proposed', 'pending', 'applied', 'undone']),
        inArray(campaignChanges.origin, ['adloop', 'undo']),
      ),
    );
  for (const row of rows) if (row.campaignId) byCampaign.set(row.campaignId, [...(byCampaign.get(row.campaignId) ?? []), { id: row.id, at: row.createdAt.getTime() }]);
  return byCampaign;
}

/** What one approved proposal becomes (the rest of the decision is the same for all of them). */
export interface ApprovedValues {
  id: string;
  after: string | null;
  proposedAfter: string | null;
  guardrails: NonNullable<NewChangeRow['guardrails']>;
}

export type Decision = Pick<NewChangeRow, 'decidedByType' | 'decidedById' | 'decidedByLabel' | 'decidedAt' | 'decisionNote'>;

/**
 * Approved proposals become `pending` in one statement, each only if it is still `proposed`
 * (compare-and-set on the state, as `updateChangeFrom`): the rows that moved.
 */
export async function approveProposed(db: Db, orgId: string, approved: readonly ApprovedValues[], decision: Decision): Promise<ChangeRow[]> {
  if (approved.length === 0) return [];
  const values = sql`jsonb_to_recordset(${JSON.stringify(approved)}::jsonb) AS approved(id uuid, after text, "proposedAfter" text, guardrails jsonb)`;
  return db
    .update(campaignChanges)
    .set({ ...decision, state: 'pending', after: sql`approved.after`, proposedAfter: sql`approved."proposedAfter"`, guardrails: sql`approved.guardrails`, message: null })
    .from(values)
    .where(byOrg(orgId, eq(campaignChanges.id, sql`approved.id`), eq(campaignChanges.state, 'proposed')))
    .returning();
}

/** Organisations with proposals past their expiry (the expiry job then works per organisation). */
export async function orgsWithExpiredProposals(db: Db, now: Date): Promise<string[]> {
  const rows = await db
    .selectDistinct({ orgId: campaignChanges.orgId })
    .from(campaignChanges)
    .where(and(eq(campaignChanges.state, 'proposed'), isNotNull(campaignChanges.expiresAt), lte(campaignChanges.expiresAt, now)));
  return rows.map((r) => r.orgId);
}

export async function expireProposals(db: Db, orgId: string, now: Date): Promise<ChangeRow[]> {
  return db
    .update(campaignChanges)
    .set({ state: 'expired', decidedAt: now, message: 'Expired: nobody approved or rejected it in time.' })
    .where(byOrg(orgId, eq(campaignChanges.state, 'proposed'), isNotNull(campaignChanges.expiresAt), lte(campaignChanges.expiresAt, now)))
    .returning();
}

/** The kill switch: every automated change not yet sent (proposed, or pending with no send) is stopped. */
export async function stopAutomatedChanges(db: Db, orgId: string, message: string, at: Date): Promise<ChangeRow[]> {
  return db
    .update(campaignChanges)
    .set({ state: 'stopped', message, decidedAt: at })
    .where(
      byOrg(
        orgId,
        inArray(campaignChanges.actorType, ['rule', 'ai']),
        or(eq(campaignChanges.state, 'proposed'), and(eq(campaignChanges.state, 'pending'), isNull(campaignChanges.sentAt))),
      ),
    )
    .returning();
}
