/**
 * What bench/dashboard.bench.ts compares the product against: the metrics reader's series alone
 * (the SQL the dashboard wraps), the same totals scanned from metrics_hourly, a per-statement
 * trace of the product's queries (wrapping the driver's `query`), and small statistics helpers.
 */
import type { DbHandle } from '@adloop/db';
import type { SeriesPoint } from '../../apps/server/src/modules/metrics/metrics.reader.ts';

export interface Totals {
  impressions: number;
  clicks: number;
  spendMicros: number;
  conversions: number;
  conversionValueMicros: number;
}

interface GroupRow {
  date: string;
  impressions: string;
  clicks: string;
  spend: string;
  conversions: number;
  value: string;
  factor: number | null;
  currency: string;
}

/** Per day, platform and currency: the sums and the rate factor to the reporting currency. */
const groupedTotals = (from: string) => `
  SELECT a.platform, m.currency, to_char(m.date, 'YYYY-MM-DD') AS date,
         sum(m.impressions)::text AS impressions, sum(m.clicks)::text AS clicks, sum(m.spend_micros)::text AS spend,
         sum(m.conversions)::float8 AS conversions, sum(m.conversion_value_micros)::text AS value, min(fr.rate / fc.rate)::float8 AS factor
  FROM ${from} m
  JOIN ad_accounts a ON a.id = m.ad_account_id AND a.selected
  LEFT JOIN fx_rates fc ON fc.date = m.date AND fc.currency = m.currency
  LEFT JOIN fx_rates fr ON fr.date = m.date AND fr.currency = $4
  WHERE m.org_id = $1::uuid AND m.date BETWEEN $2::date AND $3::date${from === 'metrics_hourly' ? " AND m.level = 'campaign'" : ''}
  GROUP BY a.platform, m.currency, m.date`;

/** (d) The dashboard's totals straight from the hourly fact table (no rollup, no reader). */
export const RAW_SCAN_SQL = groupedTotals('metrics_hourly');

/** Sums grouped rows into the current and previous period, converted like the product does. */
export function periodTotals(rows: readonly GroupRow[], since: string, reporting: string): { now: Totals; before: Totals } {
  const empty = (): Totals => ({ impressions: 0, clicks: 0, spendMicros: 0, conversions: 0, conversionValueMicros: 0 });
  const now = empty();
  const before = empty();
  for (const row of rows) {
    const factor = row.currency === reporting ? 1 : row.factor;
    if (factor === null) continue;
    const into = row.date >= since ? now : before;
    into.impressions += Number(row.impressions);
    into.clicks += Number(row.clicks);
    into.spendMicros += Number(row.spend) * factor;
    into.conversions += row.conversions;
    into.conversionValueMicros += Number(row.value) * factor;
  }
  return { now, before };
}

/** The reader's per-day series as grouped rows, with each day's factor to the reporting currency. */
export function seriesRows(points: readonly SeriesPoint[], factorOf: (date: string, currency: string) => number | null): GroupRow[] {
  return points.map((p) => ({
    date: p.date,
    currency: p.currency,
    impressions: String(p.totals.impressions),
    clicks: String(p.totals.clicks),
    spend: String(p.totals.spendMicros),
    conversions: p.totals.conversions,
    value: String(p.totals.conversionValueMicros),
    factor: factorOf(p.date, p.currency),
  }));
}

export async function grouped(handle: DbHandle, text: string, values: unknown[]): Promise<GroupRow[]> {
  return (await handle.sql.query<GroupRow>(text, values)).rows;
}

/** Relative difference, for "same totals" checks. */
export const relDiff = (a: number, b: number) => (a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b)));

// ---- Tracing the product's statements ----------------------------------------------------------------

export interface Statement {
  text: string;
  values: unknown[];
  ms: number;
}

interface Queryable {
  query(...args: unknown[]): Promise<unknown>;
}

/**
 * Runs `work` while timing every statement the product sends through `handle.db` (the drizzle
 * client's `query`: a pg.Pool or the PGlite instance), and returns them in order.
 */
export async function traceStatements(handle: DbHandle, work: () => Promise<unknown>): Promise<Statement[]> {
  const client = (handle.db as unknown as { $client: Queryable }).$client;
  const original = client.query;
  const seen: Statement[] = [];
  client.query = async function (this: Queryable, ...args: unknown[]) {
    const first = args[0];
    const text = typeof first === 'string' ? first : ((first as { text?: string }).text ?? '');
    const values = Array.isArray(args[1]) ? (args[1] as unknown[]) : [];
    const started = performance.now();
    try {
      return await original.apply(this, args);
    } finally {
      seen.push({ text, values, ms: performance.now() - started });
    }
  };
  try {
    await work();
  } finally {
    client.query = original;
  }
  return seen;
}

/** A one-line name for a statement: its first meaningful words. */
export function label(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const from = /\bfrom "?([a-z_]+)"?/i.exec(flat)?.[1] ?? '?';
  if (/^WITH agg AS/i.test(flat)) return 'table rows (metrics_daily agg + campaigns)';
  if (/metrics_account_daily/.test(flat)) return 'daily totals (metrics_account_daily)';
  if (/ORDER BY abs\(/.test(flat)) return 'top movers (metrics_daily, 2 periods)';
  if (/^SELECT sum\(m\.impressions\)/i.test(flat)) return 'filtered totals (metrics_daily)';
  return `${flat.slice(0, 6).toLowerCase()} ${from}`;
}

/** EXPLAIN (ANALYZE, BUFFERS) of one traced statement, as text lines. */
export async function explain(handle: DbHandle, statement: Statement): Promise<string[]> {
  const options = handle.kind === 'postgres' ? 'ANALYZE, BUFFERS' : 'ANALYZE';
  const { rows } = await handle.sql.query<{ 'QUERY PLAN': string }>(`EXPLAIN (${options}) ${statement.text}`, statement.values);
  return rows.map((r) => r['QUERY PLAN']);
}

// ---- Statistics ------------------------------------------------------------------------------------------

/** The house percentile (as bench/http.bench.ts): the value at floor(p% × n) of the sorted sample. */
export const pct = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

export const median = (values: readonly number[]) => pct([...values].sort((a, b) => a - b), 50);

export async function time(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}
