/**
 * The live side of a rule's numbers: the objects in scope with their settings, and their totals over
 * each window the rule reads, summed by PostgreSQL in one aggregate pass per level (`sum(...) FILTER`
 * per window, the previous period and today's part), read at a moment `now`. The backtest builds the
 * same `EntityFacts` from stored series instead (../backtest).
 */
import { sql } from 'drizzle-orm';
import type { RuleDefinition, RuleScope } from '@adloop/contracts';
import { dateInZone, matchesScope, windowsOf, type EntityFacts, type MetricTotals, type RuleWindowUse } from '@adloop/engine';
import type { AppContext } from '../../../platform/context.ts';
import { accountScopeSql } from '../../metrics/metrics.reader.ts';
import { rowsOf } from '../../metrics/report-scope.ts';
import { latestFactors } from '../../metrics/fx.service.ts';
import { entityQuery, spanColumns, type Level, type ObjectRow } from './facts.sql.ts';
import { spansFor, type ZoneSpans } from './spans.ts';

export interface LoadFactsOptions {
  /** The caller's ad accounts (a member's); null or absent: every account of the organisation. */
  accountIds?: readonly string[] | null;
  /** At most this many objects in scope (dry runs), in id order. */
  limit?: number;
}

export interface LoadedFacts {
  entities: EntityFacts[];
  /** The oldest sync time of the accounts whose numbers were read (null when none were). */
  dataAsOf: Date | null;
}

export interface Loaded {
  /** Objects in scope of any of the scopes asked for (siblings read only for averages are left out). */
  entities: EntityFacts[];
  /** With `siblings`: the objects in scope and their siblings, `inScope` telling which is which. */
  all: (EntityFacts & { inScope: boolean })[];
  syncedAt: Map<string, Date | null>;
}

export const LEVEL_OF: Record<RuleScope['level'], Level> = { campaign: 'campaign', ad_group: 'ad_group', ad: 'ad' };

/** The objects one rule examines now, with their settings and numbers over each window it reads. */
export async function loadFacts(ctx: AppContext, orgId: string, def: RuleDefinition, now: Date, opts: LoadFactsOptions = {}): Promise<LoadedFacts> {
  const loaded = await loadLevel(ctx, orgId, LEVEL_OF[def.scope.level], [def.scope], windowsOf(def), now, opts);
  const entities = loaded.entities.filter((e) => matchesScope(def.scope, e));
  return { entities, dataAsOf: oldestSync(entities, loaded.syncedAt) };
}

/**
 * The facts of many rules of one organisation at once (a scheduler tick): one pass per level over
 * the union of their windows and scopes, the levels at the same time; each rule gets the objects its
 * own scope matches.
 */
export async function loadFactsForRules(
  ctx: AppContext,
  orgId: string,
  rules: readonly { id: string; definition: RuleDefinition }[],
  now: Date,
  opts: Omit<LoadFactsOptions, 'limit'> = {},
): Promise<Map<string, LoadedFacts>> {
  const out = new Map<string, LoadedFacts>();
  const byLevel = new Map<Level, { id: string; definition: RuleDefinition }[]>();
  for (const rule of rules) {
    const level = LEVEL_OF[rule.definition.scope.level];
    byLevel.set(level, [...(byLevel.get(level) ?? []), rule]);
  }
  // The levels read side by side (a query each, on connections of their own).
  await Promise.all(
    [...byLevel].map(async ([level, group]) => {
      const uses = new Map<string, RuleWindowUse>();
      for (const rule of group) {
        for (const use of windowsOf(rule.definition)) {
          const seen = uses.get(use.key);
          uses.set(use.key, seen ? { ...seen, previous: seen.previous || use.previous, parentAverage: seen.parentAverage || use.parentAverage } : use);
        }
      }
      const loaded = await loadLevel(ctx, orgId, level, group.map((r) => r.definition.scope), [...uses.values()], now, opts);
      const candidates = candidatesOf(loaded.entities);
      for (const rule of group) {
        const entities = candidates(rule.definition.scope).filter((e) => matchesScope(rule.definition.scope, e));
        out.set(rule.id, { entities, dataAsOf: oldestSync(entities, loaded.syncedAt) });
      }
    }),
  );
  return out;
}

/**
 * The objects a scope can reach, found through its accounts or ids (a tick's rules mostly name a few
 * accounts each), in id order like `loadFacts` (the engine serves its caps in that order).
 */
function candidatesOf(entities: readonly EntityFacts[]): (scope: RuleScope) => readonly EntityFacts[] {
  const byAccount = new Map<string, EntityFacts[]>();
  const byId = new Map<string, EntityFacts>();
  for (const e of entities) {
    const list = byAccount.get(e.adAccountId);
    if (list) list.push(e);
    else byAccount.set(e.adAccountId, [e]);
    byId.set(e.id, e);
  }
  const byIdOrder = (a: EntityFacts, b: EntityFacts) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return (scope) => {
    if (scope.entityIds && scope.entityIds.length > 0) return scope.entityIds.map((id) => byId.get(id)).filter((e): e is EntityFacts => !!e).sort(byIdOrder);
    if (scope.accountIds.length === 0) return entities;
    if (scope.accountIds.length === 1) return byAccount.get(scope.accountIds[0]!) ?? [];
    return scope.accountIds.flatMap((id) => byAccount.get(id) ?? []).sort(byIdOrder);
  };
}

function oldestSync(entities: readonly EntityFacts[], syncedAt: Map<string, Date | null>): Date | null {
  let oldest: Date | null = null;
  for (const accountId of new Set(entities.map((e) => e.adAccountId))) {
    const at = syncedAt.get(accountId);
    if (at && (!oldest || at < oldest)) oldest = at;
  }
  return oldest;
}

/** The five column names of one set of sums (`<prefix>_spend`, ...), built once per query, not per row. */
type SumColumns = readonly [string, string, string, string, string];
const columnsOf = (prefix: string): SumColumns => [`${prefix}_spend`, `${prefix}_impr`, `${prefix}_clicks`, `${prefix}_conv`, `${prefix}_value`];

const totals = (row: Record<string, unknown>, c: SumColumns): MetricTotals => ({
  spendMicros: Number(row[c[0]] ?? 0),
  impressions: Number(row[c[1]] ?? 0),
  clicks: Number(row[c[2]] ?? 0),
  conversions: Number(row[c[3]] ?? 0),
  conversionValueMicros: Number(row[c[4]] ?? 0),
});

/** How one span of a zone is read from a row: its daily sums, today's part, its hours (hourly rows, or the days' share). */
interface SpanReader {
  key: string;
  previous: boolean;
  days: SumColumns | null;
  today: boolean;
  hourly: SumColumns | null;
  prorated: SumColumns | null;
}

function readersOf(spans: ZoneSpans): SpanReader[] {
  return spans.spans.map((span) => ({
    key: span.key,
    previous: span.previous,
    days: span.days ? columnsOf(`d${span.index}`) : null,
    today: span.today === spans.today,
    hourly: span.hours ? columnsOf(`h${span.index}`) : null,
    prorated: span.hours ? columnsOf(`p${span.index}`) : null,
  }));
}

const TODAY_HOURLY = columnsOf('th');
const TODAY_DAILY = columnsOf('td');

function plus(...parts: (MetricTotals | null)[]): MetricTotals {
  const sum: MetricTotals = { spendMicros: 0, impressions: 0, clicks: 0, conversions: 0, conversionValueMicros: 0 };
  for (const p of parts) {
    if (!p) continue;
    sum.spendMicros += p.spendMicros;
    sum.impressions += p.impressions;
    sum.clicks += p.clicks;
    sum.conversions += p.conversions;
    sum.conversionValueMicros += p.conversionValueMicros;
  }
  return sum;
}

/**
 * Loads one level for one or more scopes of the same level (a superset in SQL; callers narrow with
 * matchesScope). `siblings` also reads the objects sharing a parent with those in scope (for averages;
 * on by itself when a window needs them).
 */
export async function loadLevel(
  ctx: AppContext,
  orgId: string,
  level: Level,
  scopes: readonly RuleScope[],
  uses: readonly RuleWindowUse[],
  now: Date,
  opts: LoadFactsOptions & { siblings?: boolean },
): Promise<Loaded> {
  const zoneRows = rowsOf<{ time_zone: string }>(
    await ctx.db.execute(sql`SELECT DISTINCT a.time_zone FROM ad_accounts a WHERE a.org_id = ${orgId}::uuid AND a.selected ${accountScopeSql('a', opts.accountIds)}`),
  );
  if (zoneRows.length === 0) return { entities: [], all: [], syncedAt: new Map() };
  const zones = new Map<string, ZoneSpans>(zoneRows.map((r) => [r.time_zone, spansFor(uses, now, r.time_zone)]));
  const parentAverage = opts.siblings ?? uses.some((u) => u.parentAverage);
  const columns = spanColumns(zones);
  const rows = rowsOf<ObjectRow & Record<string, unknown>>(
    await ctx.db.execute(entityQuery({ orgId, level, scopes, accountIds: opts.accountIds ?? null, limit: opts.limit ?? null, parentAverage, zones, columns, now })),
  );

  const settings = rowsOf<{ reporting_currency: string }>(await ctx.db.execute(sql`SELECT reporting_currency FROM organizations WHERE id = ${orgId}::uuid`));
  const orgCurrency = settings[0]?.reporting_currency ?? 'USD';
  const factors = await latestFactors(ctx, dateInZone('UTC', now), orgCurrency);
  const staleAfterMs = 2 * ctx.config.sync.intervalMinutes * 60_000 + 5 * 60_000;

  const all: (EntityFacts & { inScope: boolean })[] = [];
  const syncedAt = new Map<string, Date | null>();
  const readers = new Map([...zones].map(([zone, spans]) => [zone, readersOf(spans)]));
  for (const row of rows) {
    const spans = readers.get(row.time_zone)!;
    // Objects with hourly rows (campaigns on platforms that report hours) count hours from them;
    // the others count today from today's daily row so far and hours as their days' share.
    const hasHourly = level === 'campaign' && Number(row.th_n ?? 0) > 0;
    const todayPart = hasHourly ? totals(row, TODAY_HOURLY) : totals(row, TODAY_DAILY);
    const metrics: Record<string, MetricTotals> = {};
    const previous: Record<string, MetricTotals> = {};
    for (const span of spans) {
      const hours = hasHourly ? span.hourly : span.prorated;
      const value = plus(span.days ? totals(row, span.days) : null, span.today ? todayPart : null, hours ? totals(row, hours) : null);
      (span.previous ? previous : metrics)[span.key] = value;
    }
    const synced = row.metrics_synced_at ? new Date(row.metrics_synced_at) : null;
    syncedAt.set(row.ad_account_id, synced);
    const stale = row.connection_status === 'needs_reconnection' || !synced || now.getTime() - synced.getTime() > staleAfterMs;
    const currency = row.currency;
    all.push({
      inScope: row.in_scope,
      level,
      id: row.id,
      platformId: row.platform_id,
      campaignId: row.campaign_id ?? '',
      parentKey: row.parent_key,
      name: row.name,
      platform: row.platform,
      adAccountId: row.ad_account_id,
      timeZone: row.time_zone,
      currency,
      status: row.status,
      objective: row.objective,
      labels: row.labels ?? [],
      isLearning: row.is_learning,
      createdAt: row.created_at ? new Date(row.created_at).toISOString() : null,
      dailyBudgetMicros: row.daily_budget_micros === null ? null : Number(row.daily_budget_micros),
      lifetimeBudgetMicros: row.lifetime_budget_micros === null ? null : Number(row.lifetime_budget_micros),
      bidMicros: row.bid_micros === null ? null : Number(row.bid_micros),
      toOrgRate: factors[currency] ?? null,
      metrics,
      previous,
      parentAverage: {},
      syncedAt: synced ? synced.toISOString() : null,
      stale,
    });
  }
  if (uses.some((u) => u.parentAverage)) fillParentAverages(all, uses);
  const entities = all.filter((e) => e.inScope).map(({ inScope: _inScope, ...e }) => e);
  return { entities, all, syncedAt };
}

/**
 * `parentAverage[key]`: the average totals of the objects sharing the parent (the object itself
 * included) that have any impressions or spend in the window. Shared with the backtest.
 */
export function fillParentAverages(all: readonly EntityFacts[], uses: readonly Pick<RuleWindowUse, 'key' | 'parentAverage'>[]): void {
  const keys = uses.filter((u) => u.parentAverage).map((u) => u.key);
  const groups = new Map<string, EntityFacts[]>();
  for (const e of all) {
    const group = groups.get(e.parentKey);
    if (group) group.push(e);
    else groups.set(e.parentKey, [e]);
  }
  for (const group of groups.values()) {
    for (const key of keys) {
      const active = group.map((e) => e.metrics[key]).filter((t): t is MetricTotals => !!t && (t.impressions > 0 || t.spendMicros > 0));
      const sum = plus(...active);
      const n = Math.max(1, active.length);
      const average: MetricTotals = {
        spendMicros: sum.spendMicros / n,
        impressions: sum.impressions / n,
        clicks: sum.clicks / n,
        conversions: sum.conversions / n,
        conversionValueMicros: sum.conversionValueMicros / n,
      };
      for (const e of group) e.parentAverage[key] = average;
    }
  }
}
