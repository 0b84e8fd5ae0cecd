import { and, asc, count, desc, eq, ilike, isNull, max, or, sql, sum } from 'drizzle-orm';
import {
  adAccounts,
  aiUsage,
  apiKeys,
  billingAccounts,
  campaigns,
  memberships,
  organizations,
  plans,
  rules,
  tenantDeletionRequests,
  tenantSuspensions,
  users,
  type Db,
} from '@adloop/db';
import { rowsOf } from '../metrics/report-scope.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Escapes LIKE wildcards so a search for `50%` finds the text `50%`. */
const likeText = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Organisations matching `q`: its id exactly, a part of its name, or a part of a member's email.
 * Operators search across every tenant: this is the one repository without an `orgId` first.
 */
export async function searchTenants(db: Db, q: string, limit = 50) {
  const byMember = db
    .select({ orgId: memberships.orgId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(ilike(users.email, likeText(q)));
  const conditions = [ilike(organizations.name, likeText(q)), sql`${organizations.id} in (${byMember})`];
  if (UUID.test(q)) conditions.push(eq(organizations.id, q.toLowerCase()));
  return db
    .select({ id: organizations.id, name: organizations.name, createdAt: organizations.createdAt, suspendedAt: tenantSuspensions.suspendedAt })
    .from(organizations)
    .leftJoin(tenantSuspensions, eq(tenantSuspensions.orgId, organizations.id))
    .where(or(...conditions))
    .orderBy(asc(organizations.name))
    .limit(limit);
}

export async function findOrganization(db: Db, orgId: string) {
  const [row] = await db.select().from(organizations).where(eq(organizations.id, orgId)).limit(1);
  return row ?? null;
}

export async function isMember(db: Db, orgId: string, userId: string): Promise<boolean> {
  return (await db.$count(memberships, and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)))) > 0;
}

/** Members with their role, owners first. */
export function listMembers(db: Db, orgId: string) {
  return db
    .select({ userId: users.id, email: users.email, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.orgId, orgId))
    .orderBy(sql`${memberships.role} = 'owner' desc`, asc(memberships.createdAt));
}

export async function billingOf(db: Db, orgId: string) {
  const [row] = await db
    .select({ planId: billingAccounts.planId, planName: plans.name, status: billingAccounts.status, currentPeriodEnd: billingAccounts.currentPeriodEnd, cancelAtPeriodEnd: billingAccounts.cancelAtPeriodEnd })
    .from(billingAccounts)
    .leftJoin(plans, eq(plans.id, billingAccounts.planId))
    .where(eq(billingAccounts.orgId, orgId))
    .limit(1);
  return row ?? null;
}

export async function usageCounts(db: Db, orgId: string) {
  const [accounts, campaignCount, userCount, ruleCount] = await Promise.all([
    db.$count(adAccounts, and(eq(adAccounts.orgId, orgId), eq(adAccounts.status, 'active'))),
    db.$count(campaigns, eq(campaigns.orgId, orgId)),
    db.$count(memberships, eq(memberships.orgId, orgId)),
    db.$count(rules, eq(rules.orgId, orgId)),
  ]);
  return { adAccounts: accounts, campaigns: campaignCount, users: userCount, rules: ruleCount };
}

/** AI calls and their real cost in `month` (`2026-12`). */
export async function aiUsageOf(db: Db, orgId: string, month: string) {
  const [row] = await db
    .select({ calls: count(), costMicros: sum(aiUsage.costMicros) })
    .from(aiUsage)
    .where(and(eq(aiUsage.orgId, orgId), eq(aiUsage.month, month)));
  return { calls: row?.calls ?? 0, costMicros: Number(row?.costMicros ?? 0) };
}

export async function apiUsageOf(db: Db, orgId: string) {
  const [row] = await db
    .select({ keys: count(), lastUsedAt: max(apiKeys.lastUsedAt) })
    .from(apiKeys)
    .where(and(eq(apiKeys.orgId, orgId), isNull(apiKeys.revokedAt)));
  return { keys: row?.keys ?? 0, lastUsedAt: row?.lastUsedAt ?? null };
}

/** The tenant's largest tables, measured row by row (`pg_column_size`): a rough size, not the disk's. */
const SIZED_TABLES = ['campaigns', 'ad_groups', 'ads', 'rules', 'rule_runs', 'campaign_changes', 'audit_log', 'ai_usage', 'copy_generations'] as const;

export async function storageBytesOf(db: Db, orgId: string): Promise<number> {
  const parts = SIZED_TABLES.map((table) => sql`(select coalesce(sum(pg_column_size(t.*)), 0) from ${sql.identifier(table)} t where t.org_id = ${orgId})`);
  const rows = rowsOf<{ bytes: string | number }>(await db.execute(sql`select (${sql.join(parts, sql` + `)})::bigint as bytes`));
  return Number(rows[0]?.bytes ?? 0);
}

export async function findSuspension(db: Db, orgId: string) {
  const [row] = await db.select().from(tenantSuspensions).where(eq(tenantSuspensions.orgId, orgId)).limit(1);
  return row ?? null;
}

export async function insertSuspension(db: Db, values: typeof tenantSuspensions.$inferInsert): Promise<boolean> {
  const rows = await db.insert(tenantSuspensions).values(values).onConflictDoNothing().returning({ orgId: tenantSuspensions.orgId });
  return rows.length > 0;
}

export async function deleteSuspension(db: Db, orgId: string) {
  const [row] = await db.delete(tenantSuspensions).where(eq(tenantSuspensions.orgId, orgId)).returning();
  return row ?? null;
}

export type DeletionRequestRow = typeof tenantDeletionRequests.$inferSelect;

export async function insertDeletionRequest(db: Db, values: typeof tenantDeletionRequests.$inferInsert): Promise<DeletionRequestRow> {
  const [row] = await db.insert(tenantDeletionRequests).values(values).returning();
  if (!row) throw new Error('Deletion request insert returned no row');
  return row;
}

export async function findDeletionRequest(db: Db, requestId: string): Promise<DeletionRequestRow | null> {
  const [row] = await db.select().from(tenantDeletionRequests).where(eq(tenantDeletionRequests.id, requestId)).limit(1);
  return row ?? null;
}

/** The newest request about the tenant that is pending or approved. */
export async function latestDeletionRequest(db: Db, orgId: string): Promise<DeletionRequestRow | null> {
  const [row] = await db
    .select()
    .from(tenantDeletionRequests)
    .where(and(eq(tenantDeletionRequests.orgId, orgId), or(eq(tenantDeletionRequests.state, 'pending'), eq(tenantDeletionRequests.state, 'approved'))))
    .orderBy(desc(tenantDeletionRequests.createdAt))
    .limit(1);
  return row ?? null;
}

export function listDeletionRequests(db: Db, limit = 100) {
  return db.select().from(tenantDeletionRequests).orderBy(desc(tenantDeletionRequests.createdAt)).limit(limit);
}

/** Decides a pending request (only once: the state check makes a second decision a no-op). */
export async function decideDeletionRequest(db: Db, requestId: string, values: { state: 'approved' | 'cancelled'; decidedBy: string; decidedByEmail: string; at: Date }) {
  const [row] = await db
    .update(tenantDeletionRequests)
    .set({ state: values.state, decidedBy: values.decidedBy, decidedByEmail: values.decidedByEmail, decidedAt: values.at })
    .where(and(eq(tenantDeletionRequests.id, requestId), eq(tenantDeletionRequests.state, 'pending')))
    .returning();
  return row ?? null;
}
