import { sql, type SQL } from 'drizzle-orm';
import type { RuleScope } from '@adloop/contracts';
import { addDays, dateInZone, zoneOrUtc } from '@adloop/engine';
import { accountScopeSql } from '../../metrics/metrics.reader.ts';
import type { ZoneSpans } from './spans.ts';

export type Level = 'campaign' | 'ad_group' | 'ad';

/** One object row of the facts query (settings, account, and the sums named by `spanColumns`). */
export interface ObjectRow {
  id: string;
  platform_id: string;
  campaign_id: string | null;
  parent_key: string;
  name: string;
  platform: 'google_ads' | 'meta' | 'tiktok';
  ad_account_id: string;
  time_zone: string;
  currency: string;
  status: 'active' | 'paused' | 'removed' | 'archived';
  objective: string | null;
  labels: string[] | null;
  is_learning: boolean | null;
  created_at: string | Date | null;
  daily_budget_micros: string | number | null;
  lifetime_budget_micros: string | number | null;
  bid_micros: string | number | null;
  metrics_synced_at: string | Date | null;
  connection_status: string;
  in_scope: boolean;
}

/** Which spans need daily sums (`d<i>_…`) and hourly sums (`h<i>_…`), and the dates the rows come from. */
export interface SpanColumns {
  daily: number[];
  hourly: number[];
  /** metrics_daily dates read: [since, until]; since null when a lifetime window reads all. */
  dailyDates: { since: string | null; until: string };
}

export function spanColumns(zones: ReadonlyMap<string, ZoneSpans>): SpanColumns {
  const daily = new Set<number>();
  const hourly = new Set<number>();
  let since: string | null | undefined;
  let until = '0000-01-01';
  for (const zone of zones.values()) {
    if (zone.today > until) until = zone.today;
    if (since !== null && (since === undefined || zone.today < since)) since = zone.today;
    for (const span of zone.spans) {
      if (span.days) {
        daily.add(span.index);
        if (span.days.until > until) until = span.days.until;
        if (span.days.since === null) since = null;
        else if (since !== null && (since === undefined || span.days.since < since)) since = span.days.since;
      }
      if (span.hours) hourly.add(span.index);
    }
  }
  return { daily: [...daily].sort((a, b) => a - b), hourly: [...hourly].sort((a, b) => a - b), dailyDates: { since: since ?? null, until } };
}

const sums = (prefix: string, condition: string): string =>
  [
    `sum(m.spend_micros) FILTER (WHERE ${condition})::float8 AS ${prefix}_spend`,
    `sum(m.impressions) FILTER (WHERE ${condition})::float8 AS ${prefix}_impr`,
    `sum(m.clicks) FILTER (WHERE ${condition})::float8 AS ${prefix}_clicks`,
    `sum(m.conversions) FILTER (WHERE ${condition})::float8 AS ${prefix}_conv`,
    `sum(m.conversion_value_micros) FILTER (WHERE ${condition})::float8 AS ${prefix}_value`,
  ].join(', ');

/**
 * Daily rows' share of an hours span (objects without hourly rows): each day's total times the part
 * of that day, in the account's zone, the hours cover.
 */
function proratedSums(i: number): string {
  const start = `(m.date::timestamp AT TIME ZONE z.qz)`;
  const end = `((m.date + 1)::timestamp AT TIME ZONE z.qz)`;
  const share = `greatest(0, extract(epoch FROM least(z.h${i}_to, ${end}) - greatest(z.h${i}_from, ${start}))) / extract(epoch FROM ${end} - ${start})`;
  const condition = `m.date BETWEEN z.h${i}_dfrom AND z.h${i}_dto`;
  return [
    `sum(m.spend_micros * ${share}) FILTER (WHERE ${condition})::float8 AS p${i}_spend`,
    `sum(m.impressions * ${share}) FILTER (WHERE ${condition})::float8 AS p${i}_impr`,
    `sum(m.clicks * ${share}) FILTER (WHERE ${condition})::float8 AS p${i}_clicks`,
    `sum(m.conversions * ${share}) FILTER (WHERE ${condition})::float8 AS p${i}_conv`,
    `sum(m.conversion_value_micros * ${share}) FILTER (WHERE ${condition})::float8 AS p${i}_value`,
  ].join(', ');
}

const SUM_NAMES = ['spend', 'impr', 'clicks', 'conv', 'value'];
const picked = (alias: string, prefix: string) => SUM_NAMES.map((n) => `${alias}.${prefix}_${n}`).join(', ');

/**
 * The spans per time zone as a VALUES table `z` (one row per zone); `qz` is the zone PostgreSQL is
 * asked to convert in: the account's, or UTC when the zone is unknown (as in the spans: the engine
 * then skips those objects with `time_zone`, and the read never fails on them).
 */
function zoneTable(zones: ReadonlyMap<string, ZoneSpans>, columns: SpanColumns): SQL {
  const names = ['tz', 'qz', 'today', 'day_start'];
  for (const i of columns.daily) names.push(`d${i}_since`, `d${i}_until`);
  for (const i of columns.hourly) names.push(`h${i}_from`, `h${i}_to`, `h${i}_dfrom`, `h${i}_dto`);
  const rows = [...zones.values()].map((zone) => {
    const values: SQL[] = [sql`${zone.timeZone}::text`, sql`${zoneOrUtc(zone.timeZone)}::text`, sql`${zone.today}::date`, sql`${zone.dayStart}::timestamptz`];
    for (const i of columns.daily) {
      const days = zone.spans[i]!.days;
      values.push(sql`${days ? (days.since ?? '0001-01-01') : null}::date`, sql`${days ? days.until : null}::date`);
    }
    for (const i of columns.hourly) {
      const hours = zone.spans[i]!.hours;
      const lastInstant = hours ? new Date(Date.parse(hours.toUtc) - 1) : null;
      values.push(
        sql`${hours ? hours.fromUtc : null}::timestamptz`,
        sql`${hours ? hours.toUtc : null}::timestamptz`,
        sql`${hours ? dateInZone(zoneOrUtc(zone.timeZone), new Date(hours.fromUtc)) : null}::date`,
        sql`${lastInstant ? dateInZone(zoneOrUtc(zone.timeZone), lastInstant) : null}::date`,
      );
    }
    return sql`(${sql.join(values, sql`, `)})`;
  });
  return sql`z(${sql.raw(names.join(', '))}) AS (VALUES ${sql.join(rows, sql`, `)})`;
}

/** Every rule's scope at once as one SQL condition that admits at least what any of them admits. */
function scopeSql(scopes: readonly RuleScope[]): SQL {
  const parts: SQL[] = [];
  const union = <T>(pick: (s: RuleScope) => readonly T[] | undefined): T[] | null => {
    const all: T[] = [];
    for (const s of scopes) {
      const values = pick(s);
      if (!values || values.length === 0) return null;
      all.push(...values);
    }
    return [...new Set(all)];
  };
  const platforms = union((s) => s.platforms);
  if (platforms) parts.push(sql`a.platform IN (${sql.join(platforms.map((p) => sql`${p}`), sql`, `)})`);
  const accounts = union((s) => s.accountIds);
  if (accounts) parts.push(sql`a.id IN (${sql.join(accounts.map((id) => sql`${id}::uuid`), sql`, `)})`);
  const statuses = union((s) => s.statuses);
  if (statuses) parts.push(sql`o.status IN (${sql.join(statuses.map((st) => sql`${st}`), sql`, `)})`);
  const ids = union((s) => s.entityIds);
  if (ids) parts.push(sql`o.id IN (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})`);
  if (scopes.length === 1) {
    const s = scopes[0]!;
    const like = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    if (s.nameContains) parts.push(sql`o.name ILIKE ${like(s.nameContains)}`);
    // Case-sensitive: admits at least what the engine's own check admits.
    if (s.nameNotContains) parts.push(sql`o.name NOT LIKE ${like(s.nameNotContains)}`);
    if (s.labels && s.labels.length) parts.push(sql`o.labels && ${`{${s.labels.map((l) => `"${l.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`}::text[]`);
    // Dates of first sight compared a day wide either way: the engine compares them in its own zone.
    if (s.createdAfter) parts.push(sql`o.created_at >= ${addDays(s.createdAfter, -1)}::date`);
    if (s.createdBefore) parts.push(sql`o.created_at < ${addDays(s.createdBefore, 2)}::date`);
  }
  return parts.length ? sql.join(parts, sql` AND `) : sql`true`;
}

/** `AND a.id IN (…)` when every scope names its accounts (the union of them), else nothing. */
function accountsOf(scopes: readonly RuleScope[]): SQL {
  const ids = new Set<string>();
  for (const s of scopes) {
    if (s.accountIds.length === 0) return sql``;
    for (const id of s.accountIds) ids.add(id);
  }
  return sql`AND a.id IN (${sql.join([...ids].map((id) => sql`${id}::uuid`), sql`, `)})`;
}

const TABLE: Record<Level, string> = { campaign: 'campaigns', ad_group: 'ad_groups', ad: 'ads' };

/**
 * The dates of the hourly rows read: from the earliest instant any zone reads (its day's start or a
 * last-hours window's) up to now, as dates in every basis a row can be kept in (the account's zone or UTC).
 */
export function hourlyDates(zones: ReadonlyMap<string, ZoneSpans>, now: Date): { since: string; until: string } {
  let since = '9999-12-31';
  let until = '0000-01-01';
  for (const zone of zones.values()) {
    let earliest = zone.dayStart;
    for (const span of zone.spans) if (span.hours && span.hours.fromUtc < earliest) earliest = span.hours.fromUtc;
    for (const basis of [zoneOrUtc(zone.timeZone), 'UTC']) {
      const from = dateInZone(basis, new Date(earliest));
      const to = dateInZone(basis, now);
      if (from < since) since = from;
      if (to > until) until = to;
    }
  }
  return since <= until ? { since, until } : { since: until, until };
}

export interface EntityQuery {
  orgId: string;
  level: Level;
  scopes: readonly RuleScope[];
  accountIds: readonly string[] | null;
  limit: number | null;
  /** Also read the siblings of the objects in scope (same parent), for parent averages. */
  parentAverage: boolean;
  zones: ReadonlyMap<string, ZoneSpans>;
  columns: SpanColumns;
  now: Date;
}

/**
 * One statement: the objects in scope (and their siblings when averages are needed), their settings,
 * account and connection, and per window the sums of their daily rows (`d<i>_…`), today's daily row
 * (`td_…`), and at campaign level today's hourly rows up to now (`th_…`, `th_n`) and last-hours rows (`h<i>_…`).
 */
export function entityQuery(q: EntityQuery): SQL {
  const table = sql.raw(TABLE[q.level]);
  const campaignPid = q.level === 'campaign' ? sql.raw('o.platform_id') : sql.raw('o.campaign_platform_id');
  const scoped = sql`
    SELECT o.id, o.ad_account_id, ${campaignPid} AS campaign_pid
    FROM ${table} o JOIN ad_accounts a ON a.id = o.ad_account_id AND a.org_id = o.org_id AND a.selected
    WHERE o.org_id = ${q.orgId}::uuid AND ${scopeSql(q.scopes)} ${accountScopeSql('a', q.accountIds)}
    ${q.limit !== null ? sql`ORDER BY o.id LIMIT ${q.limit}` : sql``}`;
  // Siblings share the account: every object of the accounts in scope is read (a condition on the
  // accounts the planner can estimate; a semi-join on the parents it cannot, and a misjudged count
  // there turns the joins below into nested loops).
  const examined = q.parentAverage
    ? sql`SELECT o.id, o.ad_account_id, o.platform_id, (o.id IN (SELECT id FROM s)) AS in_scope
        FROM ${table} o JOIN ad_accounts a ON a.id = o.ad_account_id AND a.org_id = o.org_id AND a.selected
        WHERE o.org_id = ${q.orgId}::uuid ${accountsOf(q.scopes)} ${accountScopeSql('a', q.accountIds)}`
    : sql`SELECT o.id, o.ad_account_id, o.platform_id, true AS in_scope FROM ${table} o JOIN s ON s.id = o.id`;

  const { daily, hourly, dailyDates } = q.columns;
  const dailySums = [
    ...daily.map((i) => sums(`d${i}`, `m.date BETWEEN z.d${i}_since AND z.d${i}_until`)),
    sums('td', 'm.date = z.today'),
    ...hourly.map((i) => proratedSums(i)),
  ].join(', ');
  let since = dailyDates.since;
  for (const zone of q.zones.values()) {
    for (const i of hourly) {
      const hours = zone.spans[i]!.hours;
      const from = hours ? dateInZone(zoneOrUtc(zone.timeZone), new Date(hours.fromUtc)) : null;
      if (since !== null && from && from < since) since = from;
    }
  }
  const dailyFrom = since ? sql`AND m.date >= ${since}::date` : sql``;
  // Summed per object in a subquery of its own (one index range each), not grouped after a join:
  // the planner cannot tell how many daily rows the objects have, and sorting every row of the
  // join for a group-by cost more than the sums themselves.
  const d = sql`
    SELECT e.ad_account_id, e.platform_id AS entity_id, x.*
    FROM e
    JOIN ad_accounts a ON a.id = e.ad_account_id
    JOIN z ON z.tz = a.time_zone
    CROSS JOIN LATERAL (
      SELECT ${sql.raw(dailySums)}
      FROM metrics_daily m
      WHERE m.org_id = ${q.orgId}::uuid AND m.ad_account_id = e.ad_account_id AND m.level = ${q.level} AND m.entity_id = e.platform_id
        ${dailyFrom} AND m.date <= ${dailyDates.until}::date) x`;

  const withHourly = q.level === 'campaign';
  const nowIso = q.now.toISOString();
  const { since: hourSince, until: hourUntil } = hourlyDates(q.zones, q.now);
  const hourlyFrom = sql`${hourSince}::date`;
  const hourlyTo = sql`${hourUntil}::date`;
  // Every hour of the dates read, per account zone and time basis, with the instant it starts and
  // whether each window holds it: the zone's conversion done once an hour, not once a row. Materialized:
  // inlined, the planner spreads its cross joins through the join over the hourly rows.
  const flags = [...hourly.map((i) => `(t.hs >= z.h${i}_from AND t.hs < z.h${i}_to) AS f${i}`), `(t.hs >= z.day_start AND t.hs < '${nowIso}'::timestamptz) AS fth`].join(', ');
  const zh = sql`
    SELECT z.tz, b.utc, d.date, h.hour, ${sql.raw(flags)}
    FROM z
    CROSS JOIN (VALUES (true), (false)) b(utc)
    CROSS JOIN (SELECT g::date AS date FROM generate_series(${hourlyFrom}, ${hourlyTo}, interval '1 day') g) d
    CROSS JOIN (SELECT g::smallint AS hour FROM generate_series(0, 23) g) h
    CROSS JOIN LATERAL (SELECT ((d.date + h.hour * interval '1 hour') AT TIME ZONE (CASE WHEN b.utc THEN 'UTC' ELSE z.qz END)) AS hs) t`;
  const hourlySums = [...hourly.map((i) => sums(`h${i}`, `zh.f${i}`)), sums('th', 'zh.fth'), `count(*) AS th_n`].join(', ');
  const h = sql`
    SELECT m.ad_account_id, m.entity_id, ${sql.raw(hourlySums)}
    FROM metrics_hourly m
    JOIN e ON e.ad_account_id = m.ad_account_id AND e.platform_id = m.entity_id
    JOIN ad_accounts a ON a.id = m.ad_account_id
    JOIN zh ON zh.tz = a.time_zone AND zh.utc = (m.time_basis = 'utc') AND zh.date = m.date AND zh.hour = m.hour
    WHERE m.org_id = ${q.orgId}::uuid AND m.level = 'campaign' AND m.date BETWEEN ${hourlyFrom} AND ${hourlyTo}
    GROUP BY m.ad_account_id, m.entity_id`;

  const dailyCols = [...daily.map((i) => picked('d', `d${i}`)), picked('d', 'td'), ...hourly.map((i) => picked('d', `p${i}`))].join(', ');
  const hourlyCols = withHourly ? `, ${[...hourly.map((i) => picked('h', `h${i}`)), picked('h', 'th'), 'h.th_n'].join(', ')}` : '';
  const settings =
    q.level === 'campaign'
      ? sql.raw(`o.id::text AS campaign_id, o.ad_account_id::text AS parent_key, o.currency, o.objective, NULL::boolean AS is_learning,
          o.daily_budget_micros, o.lifetime_budget_micros, o.bid_micros`)
      : q.level === 'ad_group'
        ? sql.raw(`cp.id::text AS campaign_id, coalesce(cp.id::text, o.ad_account_id::text || ':' || o.campaign_platform_id) AS parent_key, a.currency, cp.objective, o.is_learning,
          o.daily_budget_micros, o.lifetime_budget_micros, o.bid_micros`)
        : sql.raw(`cp.id::text AS campaign_id, coalesce(cp.id::text, o.ad_account_id::text || ':' || o.campaign_platform_id) AS parent_key, a.currency, cp.objective, NULL::boolean AS is_learning,
          NULL::bigint AS daily_budget_micros, NULL::bigint AS lifetime_budget_micros, NULL::bigint AS bid_micros`);
  const campaignJoin = q.level === 'campaign' ? sql`` : sql`LEFT JOIN campaigns cp ON cp.ad_account_id = o.ad_account_id AND cp.platform_id = o.campaign_platform_id`;

  return sql`
    WITH ${zoneTable(q.zones, q.columns)},
    s AS (${scoped}),
    e AS (${examined}),
    d AS MATERIALIZED (${d})
    ${withHourly ? sql`, zh AS MATERIALIZED (${zh}), h AS MATERIALIZED (${h})` : sql``}
    SELECT o.id, o.platform_id, o.name, o.status, o.labels, o.created_at, a.platform, o.ad_account_id, a.time_zone,
      a.metrics_synced_at, c.status AS connection_status, e.in_scope, ${settings}, ${sql.raw(dailyCols)} ${sql.raw(hourlyCols)}
    FROM e
    JOIN ${table} o ON o.id = e.id
    JOIN ad_accounts a ON a.id = o.ad_account_id
    JOIN platform_connections c ON c.id = a.connection_id
    ${campaignJoin}
    LEFT JOIN d ON d.ad_account_id = e.ad_account_id AND d.entity_id = e.platform_id
    ${withHourly ? sql`LEFT JOIN h ON h.ad_account_id = e.ad_account_id AND h.entity_id = e.platform_id` : sql``}
    ORDER BY o.id`;
}
