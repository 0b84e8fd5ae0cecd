/**
 * Automation rules at volume on PostgreSQL: 1,000 rules over 100,000 objects (5 % campaigns, 25 % ad
 * groups, 70 % ads) with 90 days of metrics (daily rows for every object, hourly rows for campaigns),
 * generated in SQL (bench/rules-data.ts) in a throw-away database.
 * - tick: one scheduler tick's work for every rule, the scheduled path itself (`runRulesOfOrg`: one
 *   read of the numbers per level for all the rules, then per rule its memory, the engine's decision,
 *   proposals through the change pipeline for the objects that match, and the run records);
 * - sql: one hand-written SQL aggregate of the same windows over the same objects (the floor a tick
 *   cannot go under: the active objects in the rules' accounts and, where a rule compares with the
 *   parent's average, their siblings), its levels side by side as the tick reads them; ratio_vs_sql = tick ÷ sql
 *   (sql_one_by_one_s: the same statements one after another, for reference);
 * - backtest: one rule replayed hourly over 90 days on 1,000 campaigns (`backtestRule`).
 * PostgreSQL: DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres (skipped when unreachable).
 * Flags: --entities N (100000) --rules R (1000) --days D (90) --accounts A (100) --backtest-entities B (1000),
 * --backtest-today (also the rule with today's spend), or --quick (10,000 objects, 100 rules, 30 days, 20 accounts, 200 campaigns backtested);
 * --keep leaves the seeded database in place (its URL printed) and --reuse URL runs on such a database
 * again (the previous runs' rules, runs, changes, notifications and jobs removed first), seeding being
 * most of a full run's time on a busy machine.
 * Last line: `rules rules= entities= tick_s= ratio_vs_sql= backtest_90d_s=` (targets: tick < 60 s, ratio ≤ 1.5, backtest < 5 s);
 * ratio_vs_sql is the whole tick (its proposals and run records written too) over the floor, which only reads;
 * read_vs_sql and evaluation_vs_sql compare the tick's read of the numbers (and with the engine's decisions) alone.
 */
import { parseArgs } from 'node:util';
import { availableParallelism, loadavg } from 'node:os';
import pg from 'pg';
import { createRunDatabase } from '@adloop/db/testing';
import { migrate, openDatabase, rules as rulesTable, type DbHandle } from '@adloop/db';
import { emptyMemory, evaluateRule, resolveWindow, windowsOf, type RuleWindowUse, type WindowSpan } from '@adloop/engine';
import { testConfig } from '../apps/server/src/platform/config.ts';
import { ManualClock } from '../apps/server/src/platform/clock.ts';
import { startServer, type RunningServer } from '../apps/server/src/server.ts';
import { backtestRule } from '../apps/server/src/modules/rules/backtest/index.ts';
import { loadFactsForRules } from '../apps/server/src/modules/rules/facts/index.ts';
import { runRulesOfOrg } from '../apps/server/src/modules/rules/scheduler.ts';
import { budgetStepOf } from '../apps/server/src/modules/rules/runner.ts';
import { reachable, throwAwayDatabase } from './support/changes-database.ts';
import { between, perChange, statementCounter } from './support/changes-profile.ts';
import { seededData, seedRulesData } from './rules-data.ts';
import { backtestDefinition, benchRules } from './rules-defs.ts';
import { wholeNumberFlag } from './support/options.ts';

const log = (message: string) => process.stdout.write(`  ${message}\n`);
const seconds = (ms: number) => (ms / 1000).toFixed(2);
/** A weekday afternoon: today's hours are well under way in every zone. */
const NOW = new Date('2026-11-18T14:20:00Z');

interface Options {
  entities: number;
  rules: number;
  days: number;
  accounts: number;
  backtestEntities: number;
  /** Also replay the variant with today's spend (every object judged every hour). */
  backtestToday: boolean;
  keep: boolean;
  reuse: string | null;
}

function options(): Options {
  const { values } = parseArgs({
    args: process.argv.slice(3),
    options: {
      quick: { type: 'boolean', default: false },
      entities: { type: 'string' },
      rules: { type: 'string' },
      days: { type: 'string' },
      accounts: { type: 'string' },
      'backtest-entities': { type: 'string' },
      'backtest-today': { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      reuse: { type: 'string' },
    },
  });
  const base = values.quick ? { entities: 10_000, rules: 100, days: 30, accounts: 20, backtestEntities: 200 } : { entities: 100_000, rules: 1000, days: 90, accounts: 100, backtestEntities: 1000 };
  return {
    entities: wholeNumberFlag('entities', values.entities, base.entities),
    rules: wholeNumberFlag('rules', values.rules, base.rules),
    days: Math.min(90, wholeNumberFlag('days', values.days, base.days)),
    accounts: wholeNumberFlag('accounts', values.accounts, base.accounts),
    backtestEntities: wholeNumberFlag('backtest-entities', values['backtest-entities'], base.backtestEntities),
    backtestToday: values['backtest-today'] ?? false,
    keep: values.keep ?? false,
    reuse: values.reuse ?? null,
  };
}

const TABLE = { campaign: 'campaigns', ad_group: 'ad_groups', ad: 'ads' } as const;

/**
 * The floor: per level one hand-written aggregate of every window the rules read (and their
 * previous periods) over the objects of the accounts they scope, daily rows and (campaigns) hourly
 * rows, windows taken in UTC. `sideBySide`: the levels at the same time on connections of their own,
 * as the tick reads them (like with like); else one statement after another. Returns the time and the rows.
 */
async function handWrittenSql(pool: pg.Pool, orgId: string, defs: readonly { definition: import('@adloop/contracts').RuleDefinition }[], sideBySide: boolean): Promise<{ ms: number; rows: number }> {
  const byLevel = new Map<string, { uses: Map<string, RuleWindowUse>; accounts: Set<string> }>();
  for (const { definition } of defs) {
    const entry = byLevel.get(definition.scope.level) ?? { uses: new Map(), accounts: new Set() };
    for (const use of windowsOf(definition)) entry.uses.set(use.key, use);
    for (const id of definition.scope.accountIds) entry.accounts.add(id);
    byLevel.set(definition.scope.level, entry);
  }
  const statements: string[][] = [];
  for (const [level, { uses, accounts }] of byLevel) {
    const ofLevel: string[] = [];
    statements.push(ofLevel);
    const spans: WindowSpan[] = [];
    for (const use of uses.values()) {
      const resolved = resolveWindow(use.window, use.skipLastDay, NOW, 'UTC');
      spans.push(resolved);
      if (use.previous && resolved.previous) spans.push(resolved.previous);
    }
    const today = NOW.toISOString().slice(0, 10);
    const daily: string[] = [];
    const hourly: string[] = [];
    let since = today;
    let hoursSince = today;
    spans.forEach((s, i) => {
      const parts: string[] = [];
      if (s.days) {
        parts.push(`m.date BETWEEN '${s.days.since}' AND '${s.days.until}'`);
        if (s.days.since && s.days.since < since) since = s.days.since;
      }
      if (s.today && level !== 'campaign') parts.push(`m.date = '${s.today}'`);
      if (parts.length) {
        const f = parts.join(' OR ');
        daily.push(`sum(m.spend_micros) FILTER (WHERE ${f}) AS s${i}, sum(m.impressions) FILTER (WHERE ${f}) AS i${i}, sum(m.clicks) FILTER (WHERE ${f}) AS c${i}, sum(m.conversions) FILTER (WHERE ${f}) AS v${i}, sum(m.conversion_value_micros) FILTER (WHERE ${f}) AS w${i}`);
      }
      const hours = s.hours ?? (s.today && level === 'campaign' ? { fromUtc: `${s.today}T00:00:00Z`, toUtc: NOW.toISOString() } : null);
      if (hours) {
        if (hours.fromUtc.slice(0, 10) < hoursSince) hoursSince = hours.fromUtc.slice(0, 10);
        const f = `(m.date + m.hour * interval '1 hour') >= '${hours.fromUtc.slice(0, 19)}' AND (m.date + m.hour * interval '1 hour') < '${hours.toUtc.slice(0, 19)}'`;
        hourly.push(`sum(m.spend_micros) FILTER (WHERE ${f}) AS s${i}, sum(m.impressions) FILTER (WHERE ${f}) AS i${i}, sum(m.clicks) FILTER (WHERE ${f}) AS c${i}, sum(m.conversions) FILTER (WHERE ${f}) AS v${i}, sum(m.conversion_value_micros) FILTER (WHERE ${f}) AS w${i}`);
      }
    });
    const accountList = [...accounts].map((a) => `'${a}'::uuid`).join(', ');
    const table = TABLE[level as keyof typeof TABLE];
    const inScope = `o.org_id = '${orgId}' AND o.status = 'active' AND o.ad_account_id IN (${accountList})`;
    // A comparison with the parent's average needs the numbers of every object sharing a parent with
    // one in scope, whatever its status (a paused sibling that spent in the window counts).
    const parent = level === 'campaign' ? 'o.ad_account_id' : 'o.ad_account_id, o.campaign_platform_id';
    const siblings = `SELECT o.ad_account_id, o.platform_id FROM ${table} o WHERE o.org_id = '${orgId}' AND (${parent}) IN (SELECT ${parent} FROM ${table} o WHERE ${inScope})`;
    const objects = [...uses.values()].some((u) => u.parentAverage) ? siblings : `SELECT o.ad_account_id, o.platform_id FROM ${table} o WHERE ${inScope}`;
    if (daily.length) {
      ofLevel.push(`SELECT m.ad_account_id, m.entity_id, ${daily.join(', ')} FROM metrics_daily m JOIN (${objects}) o ON o.ad_account_id = m.ad_account_id AND o.platform_id = m.entity_id
        WHERE m.org_id = '${orgId}' AND m.level = '${level}' AND m.date >= '${since}' AND m.date <= '${today}' GROUP BY m.ad_account_id, m.entity_id`);
    }
    if (hourly.length) {
      ofLevel.push(`SELECT m.ad_account_id, m.entity_id, ${hourly.join(', ')} FROM metrics_hourly m JOIN (${objects}) o ON o.ad_account_id = m.ad_account_id AND o.platform_id = m.entity_id
        WHERE m.org_id = '${orgId}' AND m.level = 'campaign' AND m.date >= '${hoursSince}' GROUP BY m.ad_account_id, m.entity_id`);
    }
  }
  let rows = 0;
  const runAll = async (list: readonly string[]) => {
    for (const text of list) rows += (await pool.query(text)).rowCount ?? 0;
  };
  const started = performance.now();
  if (sideBySide) await Promise.all(statements.map(runAll));
  else await runAll(statements.flat());
  return { ms: performance.now() - started, rows };
}

/**
 * Time spent in each kind of statement (its verb and first table) while it runs, from sending to the
 * answer: where a phase waits on PostgreSQL. Statements at the same time each count their own time.
 */
function statementTimer(): { snapshot(): Map<string, number>; stop(): void } {
  const ms = new Map<string, number>();
  const prototype = pg.Client.prototype;
  const original = prototype.query;
  const kindOf = (text: string) => {
    const flat = text.replace(/\s+/g, ' ').trim().toLowerCase();
    const verb = /^(select|insert|update|delete|with|begin|commit)/.exec(flat)?.[1] ?? flat.split(' ')[0] ?? '?';
    const table = /(?:from|into|update|join) "?([a-z_]+)"?(?:\."?([a-z_]+)"?)?/.exec(flat);
    return `${verb} ${table ? (table[2] ? `${table[1]}.${table[2]}` : table[1]) : ''}`.trim();
  };
  const timing = function (this: pg.Client, ...args: unknown[]) {
    const first = args[0];
    const text = typeof first === 'string' ? first : typeof first === 'object' && first !== null && 'text' in first && typeof first.text === 'string' ? first.text : '';
    const kind = kindOf(text);
    const started = performance.now();
    const done = () => ms.set(kind, (ms.get(kind) ?? 0) + performance.now() - started);
    const last = args[args.length - 1];
    if (typeof last === 'function') {
      args[args.length - 1] = (...result: unknown[]) => {
        done();
        return (last as (...a: unknown[]) => unknown)(...result);
      };
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    }
    const result = (original as (...a: unknown[]) => unknown).apply(this, args);
    if (result instanceof Promise) void result.then(done, done);
    return result;
  };
  prototype.query = timing as typeof original;
  return { snapshot: () => new Map(ms), stop: () => void (prototype.query = original) };
}

export async function run(): Promise<void> {
  const opts = options();
  const serverUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const where = new URL(serverUrl).host;
  if (!(await reachable(serverUrl))) {
    log(`PostgreSQL is not reachable at ${where} (set DATABASE_URL)`);
    process.stdout.write(`rules skipped=postgresql_unreachable host=${where}\n`);
    return;
  }
  log(`load average ${loadavg().map((l) => l.toFixed(2)).join('/')} (1/5/15 min) on ${availableParallelism()} cores`);
  const kept = opts.keep || opts.reuse !== null;
  const database = kept ? { url: opts.reuse ?? (await createRunDatabase(serverUrl)), drop: () => Promise.resolve() } : await throwAwayDatabase(serverUrl);
  log(`${opts.reuse ? 'seeded database (reused)' : kept ? 'database (kept)' : 'throw-away database'} ${new URL(database.url).pathname.slice(1)} on ${where}`);
  let handle: DbHandle | null = null;
  let server: RunningServer | null = null;
  let pool: pg.Pool | null = null;
  let cleaning: Promise<void> | null = null;
  const cleanUp = (interrupted = false) =>
    (cleaning ??= (async () => {
      await server?.close().catch(() => undefined);
      // Interrupted: dropped first (with force), as a generating statement still running would hold the pool open.
      if (interrupted && !kept) await database.drop();
      await pool?.end().catch(() => undefined);
      await handle?.close().catch(() => undefined);
      if (!interrupted && !kept) await database.drop();
      if (kept) log(`database kept: --reuse ${database.url}`);
    })());
  const interrupted = (signal: NodeJS.Signals) => {
    if (cleaning) return;
    log(`${signal}: dropping the throw-away database`);
    void cleanUp(true).finally(() => process.exit(130));
  };
  process.on('SIGINT', interrupted);
  process.on('SIGTERM', interrupted);
  try {
    // Seeding runs two statements at a time; the floor's levels take a connection each.
    pool = new pg.Pool({ connectionString: database.url, max: 3 });
    // A forced drop ends its idle connections: not an error of the benchmark.
    pool.on('error', () => undefined);
    const seedStarted = performance.now();
    const data = opts.reuse ? await seededData(pool, NOW) : await seedRulesData(pool, { entities: opts.entities, accounts: opts.accounts, days: opts.days, now: NOW });
    const entities = data.campaigns + data.adGroups + data.ads;
    log(`seeded ${data.campaigns} campaigns, ${data.adGroups} ad groups, ${data.ads} ads; ${data.dailyRows} daily and ${data.hourlyRows} hourly rows from ${data.firstDay} in ${seconds(performance.now() - seedStarted)} s`);

    handle = await openDatabase({ kind: 'postgres', url: database.url, poolSize: 4 });
    // A database seeded earlier takes the migrations added since.
    if (opts.reuse) await migrate(handle);
    const base = testConfig();
    const config = testConfig({ requestLog: { mode: 'off', slowMs: base.requestLog.slowMs } });
    server = await startServer({ config, dbHandle: handle, clock: new ManualClock(NOW), secretKey: config.secretKey ?? 'ab'.repeat(32), role: 'api' });
    const ctx = server.ctx;

    const defs = benchRules(opts.rules, data.accountIds);
    const inserted = await handle.db
      .insert(rulesTable)
      .values(defs.map((d) => ({ orgId: data.orgId, name: d.name, mode: d.mode, status: 'enabled' as const, definition: d.definition, nextRunAt: new Date('2099-01-01T00:00:00Z') })))
      .returning({ id: rulesTable.id });
    const ruleIds = inserted.map((r) => r.id);

    // Like with like: the tick reads its levels side by side, and so does the floor the ratio divides by.
    const oneByOne = await handWrittenSql(pool, data.orgId, defs, false);
    const floor = await handWrittenSql(pool, data.orgId, defs, true);
    log(`hand-written SQL aggregate of the same windows: ${seconds(floor.ms)} s with the levels side by side as the tick reads them (${floor.rows} rows); one statement after another ${seconds(oneByOne.ms)} s`);

    // The parts first (read and decide, nothing recorded), then the tick itself.
    let started = performance.now();
    const facts = await loadFactsForRules(ctx, data.orgId, ruleIds.map((id, i) => ({ id, definition: defs[i]!.definition })), NOW);
    const factsMs = performance.now() - started;
    let examined = 0;
    let matched = 0;
    started = performance.now();
    for (const [i, id] of ruleIds.entries()) {
      const loaded = facts.get(id)!;
      examined += loaded.entities.length;
      const decision = evaluateRule(defs[i]!.definition, loaded.entities, emptyMemory(), { now: NOW, mode: defs[i]!.mode, killSwitch: false, orgCurrency: 'USD', budgetStep: budgetStepOf(ctx) });
      matched += decision.entities.filter((d) => d.outcome === 'act' || d.outcome === 'propose' || d.outcome === 'notify').length;
    }
    const evaluateMs = performance.now() - started;
    log(`facts for ${opts.rules} rules: ${seconds(factsMs)} s (${examined} object-rule pairs); evaluate: ${seconds(evaluateMs)} s; matching ${matched} (${((100 * matched) / Math.max(1, examined)).toFixed(1)} %)`);

    const counter = statementCounter();
    const timer = statementTimer();
    const before = counter.snapshot();
    started = performance.now();
    await runRulesOfOrg(ctx, data.orgId, ruleIds, NOW);
    const tickMs = performance.now() - started;
    const statements = new Map(between(before, counter.snapshot()));
    const waited = timer.snapshot();
    timer.stop();
    counter.stop();
    log(`tick statements: ${perChange(statements, opts.rules).replace('a change', 'a rule')}`);
    const waits = [...waited].sort((a, b) => b[1] - a[1]);
    log(`tick waited on PostgreSQL ${seconds(waits.reduce((t, [, v]) => t + v, 0))} s: ${waits.slice(0, 8).map(([kind, v]) => `${kind} ${seconds(v)} s`).join(', ')}`);
    // Objects that did not match are packed one row per run (rule_run_unmatched), the others a row each.
    const outcomes = await pool.query<{ outcome: string; n: string }>(
      `SELECT outcome, n::text AS n FROM (SELECT outcome, count(*) AS n FROM rule_run_entities GROUP BY outcome
         UNION ALL SELECT 'no_match', coalesce(sum(json_array_length(objects->'o')), 0) FROM rule_run_unmatched) x WHERE n > 0 ORDER BY outcome`,
    );
    const runs = await pool.query<{ outcome: string; n: string }>('SELECT outcome, count(*)::text AS n FROM rule_runs GROUP BY outcome ORDER BY outcome');
    const changes = await pool.query<{ state: string; n: string }>('SELECT state, count(*)::text AS n FROM campaign_changes GROUP BY state ORDER BY state');
    log(`tick (runRulesOfOrg, ${opts.rules} rules): ${seconds(tickMs)} s; runs ${runs.rows.map((r) => `${r.outcome} ${r.n}`).join(', ')}; objects ${outcomes.rows.map((r) => `${r.outcome} ${r.n}`).join(', ')}; changes ${changes.rows.map((r) => `${r.state} ${r.n}`).join(', ') || 'none'}`);

    const ratio = tickMs / floor.ms;
    log(`ratio tick / hand-written SQL (levels side by side in both) ${ratio.toFixed(2)}; against the statements one after another ${(tickMs / oneByOne.ms).toFixed(2)}`);

    const accounts = Math.max(1, Math.ceil(opts.backtestEntities / Math.max(1, data.campaigns / data.accountIds.length)));
    const def = backtestDefinition(data.accountIds.slice(0, accounts));
    started = performance.now();
    const result = await backtestRule(ctx, data.orgId, def, opts.days, NOW, null);
    const backtestMs = performance.now() - started;
    log(`backtest over ${opts.days} days (hourly, ${accounts} accounts' campaigns): ${seconds(backtestMs)} s, ${result.evaluations} evaluations, ${result.fires} fires on ${result.entitiesAffected} objects`);

    let todayPart = '';
    if (opts.backtestToday) {
      started = performance.now();
      const withToday = await backtestRule(ctx, data.orgId, backtestDefinition(data.accountIds.slice(0, accounts), true), opts.days, NOW, null);
      const ms = performance.now() - started;
      log(`backtest with today's spend: ${seconds(ms)} s, ${withToday.fires} fires on ${withToday.entitiesAffected} objects`);
      todayPart = ` backtest_today_${opts.days}d_s=${seconds(ms)}`;
    }

    process.stdout.write(
      `rules rules=${opts.rules} entities=${entities} tick_s=${seconds(tickMs)} ratio_vs_sql=${ratio.toFixed(2)} backtest_${opts.days}d_s=${seconds(backtestMs)} ` +
        `facts_s=${seconds(factsMs)} evaluate_s=${seconds(evaluateMs)} read_vs_sql=${(factsMs / floor.ms).toFixed(2)} evaluation_vs_sql=${((factsMs + evaluateMs) / floor.ms).toFixed(2)} sql_s=${seconds(floor.ms)} sql_one_by_one_s=${seconds(oneByOne.ms)} pairs=${examined} matched=${matched}${todayPart} load1=${loadavg()[0]!.toFixed(2)}\n`,
    );
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    await cleanUp();
  }
}
