import { randomUUID } from 'node:crypto';
import { and, count, desc, eq, getTableColumns, gte, inArray, is, isNotNull, lt, lte, or, SQL, sql } from 'drizzle-orm';
import { adAccounts, adGroups, ads, campaignChanges, campaigns, ruleRunEntities, ruleRuns, rules, type Db } from '@adloop/db';
import { insertUnmatched } from './unmatched.ts';

/**
 * All SQL on `rules`, `rule_runs` and `rule_run_entities`. Every method takes `orgId` first and
 * every read and write carries it in its WHERE, so no rule or run crosses organisations.
 */
export type RuleRow = typeof rules.$inferSelect;
export type NewRuleRow = typeof rules.$inferInsert;
export type RuleRunRow = typeof ruleRuns.$inferSelect;
export type NewRuleRunEntityRow = typeof ruleRunEntities.$inferInsert;
export type RuleRunEntityRow = typeof ruleRunEntities.$inferSelect;

const ruleOf = (orgId: string, id: string) => and(eq(rules.orgId, orgId), eq(rules.id, id));

export async function findRule(db: Db, orgId: string, id: string): Promise<RuleRow | undefined> {
  const [row] = await db.select().from(rules).where(ruleOf(orgId, id));
  return row;
}

export async function listRuleRows(db: Db, orgId: string, filter: { status?: RuleRow['status'] | undefined }, after: readonly [string, string] | null, limit: number): Promise<RuleRow[]> {
  const keyset = after ? or(lt(rules.createdAt, new Date(after[0])), and(eq(rules.createdAt, new Date(after[0])), lt(rules.id, after[1]))) : undefined;
  return db
    .select()
    .from(rules)
    .where(and(eq(rules.orgId, orgId), filter.status ? eq(rules.status, filter.status) : undefined, keyset))
    .orderBy(desc(rules.createdAt), desc(rules.id))
    .limit(limit);
}

/** Every rule of the organisation (conflict checks compare a rule with all the others). */
export async function allRules(db: Db, orgId: string): Promise<RuleRow[]> {
  return db.select().from(rules).where(eq(rules.orgId, orgId)).orderBy(desc(rules.createdAt));
}

export async function insertRule(db: Db, orgId: string, row: Omit<NewRuleRow, 'orgId'>): Promise<RuleRow> {
  const [created] = await db.insert(rules).values({ ...row, orgId }).returning();
  return created!;
}

/** Compare-and-set on the version: undefined when someone else saved first (or it is gone). */
export async function updateRuleAtVersion(db: Db, orgId: string, id: string, version: number, values: Partial<NewRuleRow>): Promise<RuleRow | undefined> {
  const { orgId: _o, id: _i, version: _v, ...safe } = values;
  const [row] = await db
    .update(rules)
    .set({ ...safe, version: sql`${rules.version} + 1` })
    .where(and(ruleOf(orgId, id), eq(rules.version, version)))
    .returning();
  return row;
}

/** An update by the system (status, schedule): bumps the version only when asked. */
export async function updateRule(db: Db, orgId: string, id: string, values: Partial<NewRuleRow>, bumpVersion = false): Promise<RuleRow | undefined> {
  const { orgId: _o, id: _i, ...safe } = values;
  const [row] = await db
    .update(rules)
    .set(bumpVersion ? { ...safe, version: sql`${rules.version} + 1` } : safe)
    .where(ruleOf(orgId, id))
    .returning();
  return row;
}

export async function deleteRule(db: Db, orgId: string, id: string): Promise<boolean> {
  const deleted = await db.delete(rules).where(ruleOf(orgId, id)).returning({ id: rules.id });
  return deleted.length > 0;
}

/**
 * Claims a due rule for its due time: moves `next_run_at` on only if it still holds the time read,
 * so two ticks at once never run a rule twice for one due time.
 */
export async function claimDueRule(db: Db, orgId: string, id: string, dueAt: Date, next: Date): Promise<boolean> {
  const claimed = await db
    .update(rules)
    .set({ nextRunAt: next })
    .where(and(ruleOf(orgId, id), eq(rules.status, 'enabled'), eq(rules.nextRunAt, dueAt)))
    .returning({ id: rules.id });
  return claimed.length > 0;
}

export async function findRules(db: Db, orgId: string, ids: readonly string[]): Promise<RuleRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(rules).where(and(eq(rules.orgId, orgId), inArray(rules.id, [...ids])));
}

/** Enabled rules whose next run is due, oldest due first (every organisation: the scheduler's read). */
export async function dueRules(db: Db, now: Date, limit: number): Promise<RuleRow[]> {
  return db
    .select()
    .from(rules)
    .where(and(eq(rules.status, 'enabled'), isNotNull(rules.nextRunAt), lte(rules.nextRunAt, now)))
    .orderBy(rules.nextRunAt)
    .limit(limit);
}

/** The organisation's zone (daily schedules run at a clock time there) and reporting currency. */
export async function orgZoneAndCurrency(db: Db, orgId: string): Promise<{ timeZone: string; currency: string }> {
  const result = await db.execute(sql`SELECT time_zone, reporting_currency FROM organizations WHERE id = ${orgId}`);
  const row = (result as unknown as { rows: { time_zone: string; reporting_currency: string }[] }).rows[0];
  return { timeZone: row?.time_zone ?? 'UTC', currency: row?.reporting_currency ?? 'USD' };
}

// ---------------------------------------------------------------------------------------------
// Runs

export async function insertRun(db: Db, orgId: string, row: Omit<typeof ruleRuns.$inferInsert, 'orgId'>): Promise<RuleRunRow> {
  const [created] = await db.insert(ruleRuns).values({ ...row, orgId }).returning();
  return created!;
}

export async function finishRun(db: Db, orgId: string, runId: string, values: Partial<typeof ruleRuns.$inferInsert>): Promise<RuleRunRow | undefined> {
  const { orgId: _o, id: _i, ...safe } = values;
  const [row] = await db.update(ruleRuns).set(safe).where(and(eq(ruleRuns.orgId, orgId), eq(ruleRuns.id, runId))).returning();
  return row;
}

/** Runs per insert (one JSON parameter: bound by size, not by parameters). */
const CHUNK = 1_000;

/** Run objects per insert: one JSON parameter each, so the count is bound by size, not by parameters. */
const ENTITY_CHUNK = 5_000;

/**
 * The objects runs examined: those that did not match packed one row per run (`rule_run_unmatched`),
 * the others one row each, one insert per chunk of 5,000 from a single JSON array parameter
 * (`jsonb_to_recordset`; binding each column of each row as its own parameter costs more than the insert).
 */
export async function insertRunEntities(db: Db, orgId: string, records: readonly Omit<NewRuleRunEntityRow, 'orgId'>[]): Promise<void> {
  const rows = await insertUnmatched(db, orgId, records);
  for (let i = 0; i < rows.length; i += ENTITY_CHUNK) {
    const chunk = rows.slice(i, i + ENTITY_CHUNK).map((r) => ({
      run_id: r.runId,
      rule_id: r.ruleId,
      entity_level: r.entityLevel,
      entity_id: r.entityId,
      entity_name: r.entityName,
      platform: r.platform,
      ad_account_id: r.adAccountId,
      outcome: r.outcome,
      skip_reason: r.skipReason ?? null,
      explanation: r.explanation,
      values: r.values,
      conditions: r.conditions,
      actions: r.actions,
      change_ids: r.changeIds,
      created_at: r.createdAt instanceof Date ? r.createdAt.toISOString() : r.createdAt,
    }));
    await db.execute(sql`
      INSERT INTO rule_run_entities (run_id, org_id, rule_id, entity_level, entity_id, entity_name, platform, ad_account_id, outcome, skip_reason, explanation, "values", conditions, actions, change_ids, created_at)
      SELECT r.run_id, ${orgId}::uuid, r.rule_id, r.entity_level, r.entity_id, r.entity_name, r.platform, r.ad_account_id, r.outcome, r.skip_reason, r.explanation, r."values", r.conditions, r.actions, r.change_ids, r.created_at
      FROM jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) AS r(run_id uuid, rule_id uuid, entity_level text, entity_id uuid, entity_name text, platform text, ad_account_id uuid, outcome text, skip_reason text, explanation text, "values" jsonb, conditions jsonb, actions jsonb, change_ids jsonb, created_at timestamptz)`);
  }
}

/** The objects of the given runs recorded with changes (their changes could not be written after all). */
export async function deleteRunEntitiesWithChanges(db: Db, orgId: string, runIds: readonly string[]): Promise<void> {
  if (runIds.length === 0) return;
  await db.delete(ruleRunEntities).where(and(eq(ruleRunEntities.orgId, orgId), inArray(ruleRunEntities.runId, [...runIds]), sql`jsonb_array_length(${ruleRunEntities.changeIds}) > 0`));
}

/** The columns of `rule_runs` in the order an insert lists them. */
const RUN_COLUMNS = Object.entries(getTableColumns(ruleRuns));

/**
 * Runs as rows of a SELECT for `insert(ruleRuns).select(...)`: one JSON parameter read back with
 * `jsonb_to_recordset`, every column in the insert's order (binding each value of a thousand runs as
 * a parameter of its own cost more than writing them). A value left out takes the column's default;
 * the id is made here, so the rows written are known before they come back.
 */
function runsAsSelect(orgId: string, rows: readonly Omit<typeof ruleRuns.$inferInsert, 'orgId'>[]): { select: SQL; ids: string[] } {
  const ids: string[] = [];
  const records = rows.map((row) => {
    const values: Record<string, unknown> = { ...row, orgId };
    const record: Record<string, unknown> = {};
    for (const [key, column] of RUN_COLUMNS) {
      let value = key === 'id' ? (values.id ?? randomUUID()) : values[key];
      if (value === undefined) value = column.hasDefault && !is(column.default, SQL) ? column.default : null;
      record[column.name] = value instanceof Date ? value.toISOString() : value;
    }
    ids.push(record.id as string);
    return record;
  });
  const names = RUN_COLUMNS.map(([, column]) => `r."${column.name}"`).join(', ');
  const types = RUN_COLUMNS.map(([, column]) => `"${column.name}" ${column.getSQLType()}`).join(', ');
  return { select: sql`SELECT ${sql.raw(names)} FROM jsonb_to_recordset(${JSON.stringify(records)}::jsonb) AS r(${sql.raw(types)})`, ids };
}

/** Several runs of the organisation's rules started at once: one insert per chunk, in the order given. */
export async function insertRuns(db: Db, orgId: string, rows: readonly Omit<typeof ruleRuns.$inferInsert, 'orgId'>[]): Promise<RuleRunRow[]> {
  const created: RuleRunRow[] = [];
  for (let i = 0; i < rows.length; i += CHUNK) {
    const { select, ids } = runsAsSelect(orgId, rows.slice(i, i + CHUNK));
    const byId = new Map((await db.insert(ruleRuns).select(select).returning()).map((r) => [r.id, r]));
    for (const id of ids) created.push(byId.get(id)!);
  }
  return created;
}

/** Several finished runs of the organisation written at once (each row replaces its started run): one statement per chunk. */
export async function finishRuns(db: Db, orgId: string, rows: readonly RuleRunRow[]): Promise<void> {
  const excluded = (column: string) => sql.raw(`excluded.${column}`);
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db
      .insert(ruleRuns)
      .select(runsAsSelect(orgId, rows.slice(i, i + CHUNK)).select)
      .onConflictDoUpdate({
        target: ruleRuns.id,
        set: {
          outcome: excluded('outcome'),
          message: excluded('message'),
          examined: excluded('examined'),
          matched: excluded('matched'),
          acted: excluded('acted'),
          proposed: excluded('proposed'),
          notified: excluded('notified'),
          skipped: excluded('skipped'),
          dataAsOf: excluded('data_as_of'),
          finishedAt: excluded('finished_at'),
        },
        setWhere: eq(ruleRuns.orgId, orgId),
      });
  }
}

/** The organisation's rules that ran at `at` (one statement for a tick's batch). */
export async function markRulesRun(db: Db, orgId: string, ids: readonly string[], at: Date): Promise<void> {
  if (ids.length === 0) return;
  await db.update(rules).set({ lastRunAt: at }).where(and(eq(rules.orgId, orgId), inArray(rules.id, [...ids])));
}

export async function findRun(db: Db, orgId: string, ruleId: string, runId: string): Promise<RuleRunRow | undefined> {
  const [row] = await db.select().from(ruleRuns).where(and(eq(ruleRuns.orgId, orgId), eq(ruleRuns.ruleId, ruleId), eq(ruleRuns.id, runId)));
  return row;
}

export async function listRuns(db: Db, orgId: string, ruleId: string, after: readonly [string, string] | null, limit: number): Promise<RuleRunRow[]> {
  const keyset = after ? or(lt(ruleRuns.startedAt, new Date(after[0])), and(eq(ruleRuns.startedAt, new Date(after[0])), lt(ruleRuns.id, after[1]))) : undefined;
  return db
    .select()
    .from(ruleRuns)
    .where(and(eq(ruleRuns.orgId, orgId), eq(ruleRuns.ruleId, ruleId), keyset))
    .orderBy(desc(ruleRuns.startedAt), desc(ruleRuns.id))
    .limit(limit);
}

/** Where objects that did not match come in a run's list (after everything it did). */
export const NO_MATCH_RANK = 5;

const OUTCOME_ORDER = sql`CASE ${ruleRunEntities.outcome} WHEN 'acted' THEN 0 WHEN 'proposed' THEN 1 WHEN 'notified' THEN 2 WHEN 'failed' THEN 3 WHEN 'skipped' THEN 4 ELSE ${sql.raw(String(NO_MATCH_RANK))} END`;

/** A run's objects: what it did first (acted, proposed, notified, failed, skipped, no match), then by name; keyset by (rank, name, id). */
export async function listRunEntities(db: Db, orgId: string, runId: string, after: readonly [number, string, string] | null, limit: number, accountIds: readonly string[] | null): Promise<(RuleRunEntityRow & { rank: number })[]> {
  const rank = OUTCOME_ORDER;
  const keyset: SQL | undefined = after
    ? sql`(${rank}, ${ruleRunEntities.entityName}, ${ruleRunEntities.entityId}::text) > (${after[0]}, ${after[1]}, ${after[2]})`
    : undefined;
  const scoped = accountIds === null ? undefined : accountIds.length === 0 ? sql`false` : inArray(ruleRunEntities.adAccountId, [...accountIds]);
  const rows = await db
    .select({ row: ruleRunEntities, rank: sql<number>`${rank}`.mapWith(Number) })
    .from(ruleRunEntities)
    .where(and(eq(ruleRunEntities.orgId, orgId), eq(ruleRunEntities.runId, runId), scoped, keyset))
    .orderBy(rank, ruleRunEntities.entityName, sql`${ruleRunEntities.entityId}::text`)
    .limit(limit);
  return rows.map(({ row, rank: r }) => ({ ...row, rank: r }));
}

/** The newest run of each rule. */
export async function lastRuns(db: Db, orgId: string, ruleIds: readonly string[]): Promise<Map<string, RuleRunRow>> {
  if (ruleIds.length === 0) return new Map();
  const rows = await db
    .selectDistinctOn([ruleRuns.ruleId])
    .from(ruleRuns)
    .where(and(eq(ruleRuns.orgId, orgId), inArray(ruleRuns.ruleId, [...ruleIds])))
    .orderBy(ruleRuns.ruleId, desc(ruleRuns.startedAt));
  return new Map(rows.map((r) => [r.ruleId, r]));
}

/** Failed runs per rule since `since`. */
export async function failedRunsSince(db: Db, orgId: string, ruleIds: readonly string[], since: Date): Promise<Map<string, number>> {
  if (ruleIds.length === 0) return new Map();
  const rows = await db
    .select({ ruleId: ruleRuns.ruleId, n: count() })
    .from(ruleRuns)
    .where(and(eq(ruleRuns.orgId, orgId), inArray(ruleRuns.ruleId, [...ruleIds]), eq(ruleRuns.outcome, 'failed'), gte(ruleRuns.startedAt, since)))
    .groupBy(ruleRuns.ruleId);
  return new Map(rows.map((r) => [r.ruleId, Number(r.n)]));
}

/** Changes made or proposed by each rule since `since`. */
export async function ruleChangesSince(db: Db, orgId: string, ruleIds: readonly string[], since: Date): Promise<Map<string, number>> {
  if (ruleIds.length === 0) return new Map();
  const rows = await db
    .select({ ruleId: campaignChanges.actorId, n: count() })
    .from(campaignChanges)
    .where(and(eq(campaignChanges.orgId, orgId), eq(campaignChanges.actorType, 'rule'), inArray(campaignChanges.actorId, [...ruleIds]), gte(campaignChanges.createdAt, since)))
    .groupBy(campaignChanges.actorId);
  return new Map(rows.map((r) => [r.ruleId ?? '', Number(r.n)]));
}

// ---------------------------------------------------------------------------------------------
// What the runner remembers

export type ChangeMemoryRow = Pick<typeof campaignChanges.$inferSelect, 'id' | 'campaignId' | 'entityLevel' | 'entityId' | 'field' | 'before' | 'after' | 'state' | 'actorType' | 'actorId' | 'createdAt' | 'currency' | 'idempotencyKey'>;

const CHANGE_MEMORY_COLUMNS = {
  id: campaignChanges.id,
  campaignId: campaignChanges.campaignId,
  entityLevel: campaignChanges.entityLevel,
  entityId: campaignChanges.entityId,
  field: campaignChanges.field,
  before: campaignChanges.before,
  after: campaignChanges.after,
  state: campaignChanges.state,
  actorType: campaignChanges.actorType,
  actorId: campaignChanges.actorId,
  createdAt: campaignChanges.createdAt,
  currency: campaignChanges.currency,
  idempotencyKey: campaignChanges.idempotencyKey,
};

/** The fields whose changes the runner remembers. */
const REMEMBERED_FIELDS = ['status', 'daily_budget', 'lifetime_budget', 'bid', 'name'] as const;

/** Status, budget, bid and name changes of the organisation since `since` (any actor, any state that was sent or may be), oldest first. */
export async function changesSince(db: Db, orgId: string, since: Date): Promise<ChangeMemoryRow[]> {
  return db
    .select(CHANGE_MEMORY_COLUMNS)
    .from(campaignChanges)
    .where(and(eq(campaignChanges.orgId, orgId), gte(campaignChanges.createdAt, since), inArray(campaignChanges.field, [...REMEMBERED_FIELDS])))
    .orderBy(campaignChanges.createdAt, campaignChanges.id);
}

/**
 * What several rules of one organisation remember, in one read: the changes since `since` made by
 * those rules, by people (a later change overrides a rule's), and every actor's changes that took
 * effect since `effectiveSince` (oscillation), oldest first.
 */
export async function changesForRules(db: Db, orgId: string, ruleIds: readonly string[], since: Date, effectiveSince: Date, people: readonly NonNullable<ChangeMemoryRow['actorType']>[], effectiveStates: readonly ChangeMemoryRow['state'][]): Promise<ChangeMemoryRow[]> {
  if (ruleIds.length === 0) return [];
  return db
    .select(CHANGE_MEMORY_COLUMNS)
    .from(campaignChanges)
    .where(
      and(
        eq(campaignChanges.orgId, orgId),
        gte(campaignChanges.createdAt, since),
        inArray(campaignChanges.field, [...REMEMBERED_FIELDS]),
        or(
          and(eq(campaignChanges.actorType, 'rule'), inArray(campaignChanges.actorId, [...ruleIds])),
          inArray(campaignChanges.actorType, [...people]),
          and(gte(campaignChanges.createdAt, effectiveSince), inArray(campaignChanges.state, [...effectiveStates])),
        ),
      ),
    )
    .orderBy(campaignChanges.createdAt, campaignChanges.id);
}

export interface LocalActionRow {
  ruleId: string;
  entityId: string;
  changeIds: unknown;
  outcome: string;
  createdAt: Date;
}

/** Several rules' recorded notify / label actions per object since `since`, in one read. */
export async function localActionsForRules(db: Db, orgId: string, ruleIds: readonly string[], since: Date): Promise<LocalActionRow[]> {
  if (ruleIds.length === 0) return [];
  return db
    .select({ ruleId: ruleRunEntities.ruleId, entityId: ruleRunEntities.entityId, changeIds: ruleRunEntities.changeIds, outcome: ruleRunEntities.outcome, createdAt: ruleRunEntities.createdAt })
    .from(ruleRunEntities)
    .where(and(eq(ruleRunEntities.orgId, orgId), inArray(ruleRunEntities.ruleId, [...ruleIds]), gte(ruleRunEntities.createdAt, since), inArray(ruleRunEntities.outcome, ['notified', 'acted', 'proposed'])))
    .orderBy(ruleRunEntities.createdAt);
}

// ---------------------------------------------------------------------------------------------
// Objects (conflict overlap, labels)

export interface ScopeObject {
  level: 'campaign' | 'ad_group' | 'ad';
  id: string;
  campaignId: string;
  /** The ad group / ad set the object is or belongs to ("account:platform id"); the campaign's id for campaigns. */
  groupKey: string;
  platformId: string;
  name: string;
  platform: 'google_ads' | 'meta' | 'tiktok';
  adAccountId: string;
  status: 'active' | 'paused' | 'removed' | 'archived';
  objective: string | null;
  labels: readonly string[];
  createdAt: string | null;
}

/** Every object of one level with what a rule's scope filters on (and its campaign's Adloop id). */
export async function objectsAtLevel(db: Db, orgId: string, level: ScopeObject['level']): Promise<ScopeObject[]> {
  if (level === 'campaign') {
    const rows = await db
      .select({ c: campaigns, platform: adAccounts.platform })
      .from(campaigns)
      .innerJoin(adAccounts, eq(adAccounts.id, campaigns.adAccountId))
      .where(eq(campaigns.orgId, orgId));
    return rows.map(({ c, platform }) => ({ level, id: c.id, campaignId: c.id, groupKey: c.id, platformId: c.platformId, name: c.name, platform: platform as ScopeObject['platform'], adAccountId: c.adAccountId, status: c.status, objective: c.objective, labels: c.labels, createdAt: c.createdAt.toISOString() }));
  }
  const rows =
    level === 'ad_group'
      ? await db
          .select({ id: adGroups.id, platformId: adGroups.platformId, group: adGroups.platformId, name: adGroups.name, status: adGroups.status, labels: adGroups.labels, createdAt: adGroups.createdAt, adAccountId: adGroups.adAccountId, campaignId: campaigns.id, objective: campaigns.objective, platform: adAccounts.platform })
          .from(adGroups)
          .innerJoin(adAccounts, eq(adAccounts.id, adGroups.adAccountId))
          .innerJoin(campaigns, and(eq(campaigns.adAccountId, adGroups.adAccountId), eq(campaigns.platformId, adGroups.campaignPlatformId)))
          .where(eq(adGroups.orgId, orgId))
      : await db
          .select({ id: ads.id, platformId: ads.platformId, group: ads.adGroupPlatformId, name: ads.name, status: ads.status, labels: ads.labels, createdAt: ads.createdAt, adAccountId: ads.adAccountId, campaignId: campaigns.id, objective: campaigns.objective, platform: adAccounts.platform })
          .from(ads)
          .innerJoin(adAccounts, eq(adAccounts.id, ads.adAccountId))
          .innerJoin(campaigns, and(eq(campaigns.adAccountId, ads.adAccountId), eq(campaigns.platformId, ads.campaignPlatformId)))
          .where(eq(ads.orgId, orgId));
  return rows.map((r) => ({ level, id: r.id, campaignId: r.campaignId, groupKey: `${r.adAccountId}:${r.group}`, platformId: r.platformId, name: r.name, platform: r.platform as ScopeObject['platform'], adAccountId: r.adAccountId, status: r.status, objective: r.objective, labels: r.labels, createdAt: r.createdAt.toISOString() }));
}

/** Adds an Adloop label to an object (once). */
export async function addLabel(db: Db, orgId: string, level: ScopeObject['level'], id: string, label: string): Promise<boolean> {
  const table = sql.raw(level === 'campaign' ? 'campaigns' : level === 'ad_group' ? 'ad_groups' : 'ads');
  const result = await db.execute(sql`UPDATE ${table} SET labels = array_append(labels, ${label}::text) WHERE org_id = ${orgId} AND id = ${id} AND NOT (${label}::text = ANY(labels)) RETURNING id`);
  const updated = (result as unknown as { rows: unknown[] }).rows;
  return updated.length > 0;
}

/** One change of the organisation (what a `pause_until` paused). */
export async function findChangeRow(db: Db, orgId: string, id: string): Promise<typeof campaignChanges.$inferSelect | undefined> {
  const [row] = await db.select().from(campaignChanges).where(and(eq(campaignChanges.orgId, orgId), eq(campaignChanges.id, id)));
  return row;
}

/** An object's mirrored status and name (null when it is gone). */
export async function objectStatus(db: Db, orgId: string, level: ScopeObject['level'], id: string): Promise<{ status: string; name: string } | null> {
  const table = sql.raw(level === 'campaign' ? 'campaigns' : level === 'ad_group' ? 'ad_groups' : 'ads');
  const result = await db.execute(sql`SELECT status, name FROM ${table} WHERE org_id = ${orgId} AND id = ${id}`);
  return (result as unknown as { rows: { status: string; name: string }[] }).rows[0] ?? null;
}
