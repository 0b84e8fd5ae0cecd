/**
 * Backtest: replays a rule over stored history at its schedule. The series are read once (daily rows
 * for every level, hourly rows for campaigns); at each step the same `EntityFacts` a live run would
 * load are built from them with the engine's `totalsOfSeries`, and the same `evaluateRule` decides,
 * its memory folded by `rememberDecision`. What the rule did is applied to the replayed objects
 * (paused, enabled, budgets, bids, names, labels), as the change pipeline would have.
 */
import { sql } from 'drizzle-orm';
import type { BacktestResult, RuleDefinition } from '@adloop/contracts';
import {
  addDays,
  dateInZone,
  dayStartUtc,
  eachDay,
  emptyMemory,
  indexSeries,
  evaluateRule,
  matchesScope,
  nextRunAt,
  rememberDecision,
  seriesSpan,
  totalsOfSpan,
  windowsOf,
  type EntityFacts,
  type EvaluationContext,
  type MetricTotals,
  type RuleDecision,
  type RuleMemory,
  type IndexedSeries,
  type RuleWindowUse,
  type SeriesSpan,
  type WindowSpan,
  isKnownZone,
  zoneOrUtc,
} from '@adloop/engine';
import type { AppContext } from '../../../platform/context.ts';
import { platformRulesOf } from '../../changes/platform-rules.ts';
import { rowsOf } from '../../metrics/report-scope.ts';
import { fillParentAverages, LEVEL_OF, loadLevel } from '../facts/index.ts';
import { spansFor } from '../facts/spans.ts';
import { loadSeries } from './series.ts';

const DAY_MS = 86_400_000;
/** The rule's id in the replayed memory (cooldowns and counts are the rule's own). */
const BACKTEST_RULE = 'backtest';

export const BACKTEST_METHOD =
  'Replays the rule at its schedule over the stored numbers as they are now (later corrections included), with today so far counted from hourly rows ' +
  '(or the day’s total times the share of the day gone by where a platform has no hours), the objects’ present settings and its own changes applied as it goes; ' +
  'no kill switch, approvals or guardrails: every change or proposal counts as a fire. "With the rule": a paused object’s spend and conversions are removed ' +
  'from the pause until it would have been enabled (by the share of the day), and a budget cut scales the later spend and conversions by new ÷ old budget ' +
  '(a raise changes nothing: more than was spent cannot be seen).';

/** The platform's budget minimum and step, as live runs round budgets. */
function budgetStepOf(ctx: AppContext): EvaluationContext['budgetStep'] {
  return (platform, currency) => {
    if (!ctx.platforms?.registry.has(platform)) return { minMicros: 0, stepMicros: 10_000 };
    const rules = platformRulesOf(ctx.platforms.registry.get(platform), currency);
    return { minMicros: rules.minDailyBudgetMicros, stepMicros: rules.budgetStepMicros };
  };
}

/** Every instant the rule would have run in (from, until]. */
export function stepsOf(def: RuleDefinition, from: Date, until: Date, timeZone: string): Date[] {
  const steps: Date[] = [];
  for (let t = nextRunAt(def.schedule, from, timeZone); t.getTime() <= until.getTime(); t = nextRunAt(def.schedule, t, timeZone)) steps.push(t);
  return steps;
}

/** An object as replayed: its facts' settings, changed by what the rule did. */
interface Replayed {
  base: EntityFacts & { inScope: boolean };
  /** Its stored rows with their running sums: every window is read from them at each step. */
  indexed: IndexedSeries;
  /** The facts of its last evaluation, and whether that left it settled (see `settles`). */
  last: { facts: EntityFacts; settled: boolean } | null;
  /** Its settings changed (the rule acted on it) since its last evaluation. */
  dirty: boolean;
  /** Its facts over complete days, kept while the days stay the same (`sig`). */
  cached: { sig: string; facts: EntityFacts & { inScope: boolean } } | null;
  /** Pending end of a `pause_until` (ms). */
  resumeAt: number | null;
  /** Multiplier of spend and conversions from an instant on (pause 0, budget cut < 1). */
  timeline: { at: number; paused: boolean; factor: number }[];
}

const sameTotals = (a: MetricTotals | undefined, b: MetricTotals | undefined): boolean =>
  a === b ||
  (!!a && !!b && a.spendMicros === b.spendMicros && a.impressions === b.impressions && a.clicks === b.clicks && a.conversions === b.conversions && a.conversionValueMicros === b.conversionValueMicros);

/** Whether the object's numbers are what they were at its last evaluation. */
function sameNumbers(a: EntityFacts, b: EntityFacts): boolean {
  for (const field of ['metrics', 'previous', 'parentAverage'] as const) {
    const x = a[field];
    const y = b[field];
    for (const key in y) if (!sameTotals(x[key], y[key])) return false;
  }
  return true;
}

/** Whether a condition reads the clock (age, budget pacing): then an unchanged object may still turn. */
function readsClock(def: RuleDefinition): boolean {
  const walk = (group: RuleDefinition['when']): boolean =>
    group.conditions.some((node) =>
      node.kind === 'condition'
        ? node.metric === 'days_since_created' || node.metric === 'budget_pacing' || (node.compare.kind === 'metric' && (node.compare.metric === 'days_since_created' || node.compare.metric === 'budget_pacing'))
        : walk(node),
    );
  return walk(def.when);
}

/** A zone's windows at one step, worked out once for all its objects; `sig` names complete-day-only spans (null otherwise). */
interface ZoneAt {
  sig: string | null;
  spans: { key: string; previous: boolean; span: SeriesSpan }[];
}

/** The facts of every replayed object at `now` (numbers from the series as they stood then). */
function factsAt(objects: readonly Replayed[], uses: readonly RuleWindowUse[], now: Date, zones: Map<string, ZoneAt>): (EntityFacts & { inScope: boolean })[] {
  const at = now.toISOString();
  let rebuilt = false;
  const facts = objects.map((o) => {
    let zone = zones.get(o.base.timeZone);
    if (!zone) {
      const spans = spansFor(uses, now, o.base.timeZone);
      // Complete days only: the numbers stay the same until the zone's day turns.
      const sig = spans.spans.some((x) => x.today || x.hours) ? null : spans.spans.map((x) => `${x.days?.since ?? ''}|${x.days?.until ?? ''}`).join(',');
      zone = { sig, spans: spans.spans.map((x) => ({ key: x.key, previous: x.previous, span: seriesSpan(x, now, o.base.timeZone) })) };
      zones.set(o.base.timeZone, zone);
    }
    if (zone.sig !== null && !o.dirty && o.cached?.sig === zone.sig) return o.cached.facts;
    rebuilt = true;
    const metrics: Record<string, MetricTotals> = {};
    const previous: Record<string, MetricTotals> = {};
    for (const { key, previous: isPrevious, span } of zone.spans) (isPrevious ? previous : metrics)[key] = totalsOfSpan(o.indexed, span);
    const built = { ...o.base, metrics, previous, parentAverage: {}, syncedAt: at, stale: false };
    o.cached = zone.sig === null ? null : { sig: zone.sig, facts: built };
    return built;
  });
  // Averages come from the numbers alone: unchanged when no object's numbers were read anew.
  if (rebuilt && uses.some((u) => u.parentAverage)) fillParentAverages(facts, uses);
  return facts;
}

/** What the rule did, applied to the replayed object (as the platform would have it after the change). */
function apply(o: Replayed, decision: RuleDecision['entities'][number], at: number): void {
  for (const p of decision.planned) {
    const base = o.base;
    switch (p.kind) {
      case 'status':
        base.status = p.action === 'pause' ? 'paused' : 'active';
        o.resumeAt = p.action === 'pause' && p.resumeAt ? Date.parse(p.resumeAt) : null;
        o.timeline.push({ at, paused: p.action === 'pause', factor: o.timeline.at(-1)?.factor ?? 1 });
        break;
      case 'budget': {
        const before = p.fromMicros;
        if (p.field === 'daily_budget') base.dailyBudgetMicros = p.toMicros;
        else base.lifetimeBudgetMicros = p.toMicros;
        const last = o.timeline.at(-1);
        const factor = (last?.factor ?? 1) * (before > 0 ? p.toMicros / before : 1);
        o.timeline.push({ at, paused: last?.paused ?? false, factor });
        break;
      }
      case 'bid':
        base.bidMicros = p.toMicros;
        break;
      case 'rename':
        base.name = p.to;
        break;
      case 'label':
        if (!base.labels.includes(p.label)) base.labels = [...base.labels, p.label];
        break;
      case 'notify':
        break;
    }
  }
}

/** The share of [start, end) spent at each multiplier of the timeline (1 before the first change; a raise counts as 1). */
function multiplierOver(timeline: Replayed['timeline'], start: number, end: number): number {
  let sum = 0;
  let cursor = start;
  let current = 1;
  for (const change of timeline) {
    if (change.at >= end) break;
    if (change.at > cursor) {
      sum += (change.at - cursor) * current;
      cursor = change.at;
    }
    current = change.paused ? 0 : Math.min(1, change.factor);
  }
  sum += (end - cursor) * current;
  return sum / (end - start);
}

/**
 * The rule replayed over the last `days` days up to `now`, on the objects its scope reaches now (in
 * the caller's accounts): how often it would have fired, on which objects, the budget it would have
 * moved, and the spend and conversions per day with an estimate of them with the rule.
 */
export async function backtestRule(
  ctx: AppContext,
  orgId: string,
  def: RuleDefinition,
  days: number,
  now: Date,
  accountIds: readonly string[] | null,
  /** Told of every object the rule acts on at every step (with the actions in words). */
  onFire?: (fire: { entityId: string; at: Date; actions: readonly string[] }) => void,
  /** Told every day's worth of steps how many of them are replayed (the replay also lets other work run then). */
  onProgress?: (done: number, total: number) => Promise<void>,
): Promise<BacktestResult> {
  const [org] = rowsOf<{ reporting_currency: string; time_zone: string }>(await ctx.db.execute(sql`SELECT reporting_currency, time_zone FROM organizations WHERE id = ${orgId}::uuid`));
  const currency = org?.reporting_currency ?? 'USD';
  // An unknown zone (an old row) replays on UTC's calendar; objects in one are skipped by the engine, saying why.
  const orgZone = zoneOrUtc(org?.time_zone ?? 'UTC');
  const uses = windowsOf(def);
  const level = LEVEL_OF[def.scope.level];
  const from = new Date(now.getTime() - days * DAY_MS);
  const since = dateInZone(orgZone, from);
  const until = dateInZone(orgZone, now);

  const loaded = await loadLevel(ctx, orgId, level, [def.scope], [], now, { accountIds, siblings: uses.some((u) => u.parentAverage) });
  const present = loaded.all.filter((e) => !e.inScope || matchesScope(def.scope, e));

  // The earliest day and hour any window reads at the first step (lifetime: every day).
  let firstDay: string | null = addDays(since, -1);
  let firstHour: string | null = null;
  for (const zone of new Set(present.map((e) => e.timeZone))) {
    const spans = spansFor(uses, from, zone);
    const consider = (s: WindowSpan) => {
      if (s.days && firstDay !== null) firstDay = s.days.since === null ? null : s.days.since < firstDay ? s.days.since : firstDay;
      const hourStart = s.hours?.fromUtc ?? (s.today ? spans.dayStart : null);
      if (hourStart && (!firstHour || hourStart < firstHour)) firstHour = hourStart;
    };
    spans.spans.forEach(consider);
  }
  const hoursFrom = firstHour === null ? null : addDays((firstHour as string).slice(0, 10), -1);
  const knownZones = [...new Set(present.map((e) => e.timeZone))].filter(isKnownZone);
  const series = await loadSeries(ctx.db, orgId, level, present.map((e) => e.id), firstDay, addDays(until, 1), hoursFrom, knownZones);
  const objects: Replayed[] = present.map((e) => ({
    base: { ...e, labels: [...e.labels] },
    indexed: indexSeries(series.get(e.id)!),
    last: null,
    dirty: false,
    cached: null,
    resumeAt: null,
    timeline: [],
  }));
  // An object that did not match, or matched with nothing to change (already paused, budget already
  // there), decides the same while its numbers and settings stay the same (conditions and actions read
  // only the facts, unless a condition reads the clock), and such a decision moves no count nor cap of
  // the others: it is left out of the step.
  const settled = !readsClock(def);
  const byId = new Map(objects.map((o) => [o.base.id, o]));

  const budgetStep = budgetStepOf(ctx);
  const toOrgMicros = (e: EntityFacts, micros: number) => micros * (e.toOrgRate ?? 1);
  let memory: RuleMemory = emptyMemory();
  const steps = stepsOf(def, from, now, orgZone);
  const perDay = new Map<string, { fires: number; money: number }>();
  const perEntity = new Map<string, { fires: number; firstAt: string; actions: Set<string> }>();
  let fires = 0;
  let moneyMicros = 0;
  let evaluations = 0;
  const progressEvery = Math.max(1, Math.ceil(steps.length / days));
  for (const [i, step] of steps.entries()) {
    if (onProgress && i % progressEvery === 0) {
      await onProgress(i, steps.length);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    const at = step.getTime();
    for (const o of objects) {
      if (o.resumeAt !== null && o.resumeAt <= at) {
        o.base.status = 'active';
        o.timeline.push({ at: o.resumeAt, paused: false, factor: o.timeline.at(-1)?.factor ?? 1 });
        o.resumeAt = null;
        o.dirty = true;
      }
    }
    const facts = factsAt(objects, uses, step, new Map());
    const examined: EntityFacts[] = [];
    // The replayed object of each examined one: the engine decides on each object once, in order.
    const examinedObjects: Replayed[] = [];
    facts.forEach((f, i) => {
      if (!f.inScope) return;
      const o = objects[i]!;
      if (settled && !o.dirty && o.last?.settled && (o.last.facts === f || sameNumbers(o.last.facts, f))) return;
      examined.push(f);
      examinedObjects.push(o);
    });
    const decision = evaluateRule(def, examined, memory, { now: step, mode: 'automatic', killSwitch: false, orgCurrency: currency, budgetStep });
    evaluations++;
    // Nothing done: the memory stays as it was (a later UTC day restarts its counts in the engine either way).
    if (decision.entities.some((d) => (d.outcome === 'act' || d.outcome === 'propose' || d.outcome === 'notify') && d.planned.length > 0)) {
      memory = rememberDecision(memory, decision, BACKTEST_RULE, step, toOrgMicros);
    }
    const day = dateInZone(orgZone, step);
    for (const [k, d] of decision.entities.entries()) {
      const o = examinedObjects[k];
      const f = examined[k];
      if (o && f && o.base.id === d.id) {
        o.last = { facts: f, settled: d.outcome === 'no_match' || (d.outcome === 'skipped' && d.skipReason === 'no_change') };
        o.dirty = false;
      }
    }
    for (const d of decision.entities) {
      if ((d.outcome !== 'act' && d.outcome !== 'propose' && d.outcome !== 'notify') || d.planned.length === 0) continue;
      const o = byId.get(d.id);
      if (!o) continue;
      const moved = d.planned.reduce((sum, p) => sum + (p.kind === 'budget' ? Math.abs(p.toMicros - p.fromMicros) : 0), 0);
      const movedOrg = toOrgMicros(o.base, moved);
      apply(o, d, at);
      o.dirty = true;
      onFire?.({ entityId: d.id, at: step, actions: d.actions });
      fires += d.planned.length;
      moneyMicros += movedOrg;
      const today = perDay.get(day) ?? { fires: 0, money: 0 };
      today.fires += d.planned.length;
      today.money += movedOrg;
      perDay.set(day, today);
      const entity = perEntity.get(d.id) ?? { fires: 0, firstAt: step.toISOString(), actions: new Set<string>() };
      entity.fires += d.planned.length;
      for (const words of d.actions) if (entity.actions.size < 5) entity.actions.add(words);
      perEntity.set(d.id, entity);
    }
    if (decision.oscillation) break;
  }

  // Spend and conversions per day, seen and estimated with the rule (in the organisation's currency).
  const dayList = eachDay(since, until);
  const seen = new Map(dayList.map((d) => [d, { spend: 0, conversions: 0, spendWith: 0, conversionsWith: 0 }]));
  for (const o of objects) {
    if (!o.base.inScope) continue;
    const rate = o.base.toOrgRate ?? 1;
    for (const [date, row] of o.indexed.series.daily) {
      const bucket = seen.get(date);
      if (!bucket) continue;
      const multiplier = o.timeline.length === 0 ? 1 : dayMultiplier(o, date);
      bucket.spend += row.spendMicros * rate;
      bucket.conversions += row.conversions;
      bucket.spendWith += row.spendMicros * rate * multiplier;
      bucket.conversionsWith += row.conversions * multiplier;
    }
  }
  const round2 = (n: number) => Math.round(n * 100) / 100;
  return {
    since,
    until,
    evaluations,
    fires,
    entitiesAffected: perEntity.size,
    moneyMoved: round2(moneyMicros / 1e6),
    currency,
    days: dayList.map((date) => {
      const b = seen.get(date)!;
      const d = perDay.get(date);
      return {
        date,
        fires: d?.fires ?? 0,
        moneyMoved: round2((d?.money ?? 0) / 1e6),
        spend: round2(b.spend / 1e6),
        conversions: round2(b.conversions),
        spendWithRule: round2(b.spendWith / 1e6),
        conversionsWithRule: round2(b.conversionsWith),
      };
    }),
    entities: [...perEntity.entries()]
      .map(([id, e]) => {
        const o = byId.get(id)!;
        return { level: o.base.level, id, name: o.base.name, fires: e.fires, firstAt: e.firstAt, actions: [...e.actions] };
      })
      .sort((a, b) => b.fires - a.fires || a.firstAt.localeCompare(b.firstAt))
      .slice(0, 200),
    method: BACKTEST_METHOD,
  };
}

function dayMultiplier(o: Replayed, date: string): number {
  const zone = zoneOrUtc(o.base.timeZone);
  return multiplierOver(o.timeline, dayStartUtc(date, zone).getTime(), dayStartUtc(addDays(date, 1), zone).getTime());
}
