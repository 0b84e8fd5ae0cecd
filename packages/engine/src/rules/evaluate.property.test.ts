import type { RuleAction, RuleComparison, RuleCondition, RuleConditionGroup, RuleDefinition, RuleMetric, RuleOperator, RuleWindow } from '@adloop/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MetricTotals } from '../metrics/totals.ts';
import { evaluateRule } from './evaluate.ts';
import { emptyMemory, rememberDecision } from './memory.ts';
import type { EntityFacts, EvaluationContext, PastAction, PlannedAction, RuleMemory } from './types.ts';
import { windowsOf } from './windows.ts';

/**
 * Random rules over random objects through simulated time, memory folded run after run by
 * rememberDecision (as a backtest does), planned actions applied as if approved, other rules and
 * people changing the same objects in between. Whatever the rule and the numbers:
 * - nothing is planned while the kill switch is on;
 * - a budget stays within the floor and ceiling, at or above the platform's minimum, on its step;
 * - per-run and per-day action caps and the money moved per day hold;
 * - the rule never acts twice on one object within its cooldown;
 * - a change that would undo a rule's change of the same field within the oscillation window (A→B→A)
 *   is never planned: it is caught, skipped as `oscillation`, and the decision says the rule must stop.
 */

const RUNS = 1000;
const STEPS = 20;
const ENTITIES = 50;
const OSCILLATION_HOURS = 48;
const HOUR = 3_600_000;

/** A small deterministic generator for the bulk data (fast-check shrinks the rule and the seed). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NUMERIC: RuleMetric[] = ['spend', 'impressions', 'clicks', 'conversions', 'value', 'cpa', 'roas', 'ctr', 'cpc', 'cpm', 'conversion_rate', 'frequency', 'budget', 'budget_pacing', 'days_since_created'];
const SCALE: Partial<Record<RuleMetric, number>> = { ctr: 0.05, conversion_rate: 0.2, roas: 5, budget_pacing: 2, impressions: 20_000, clicks: 500, conversions: 20, days_since_created: 60 };

const windowArb: fc.Arbitrary<RuleWindow> = fc.oneof(
  fc.constant<RuleWindow>({ kind: 'today' }),
  fc.constant<RuleWindow>({ kind: 'yesterday' }),
  fc.integer({ min: 1, max: 72 }).map((hours): RuleWindow => ({ kind: 'last_hours', hours })),
  fc.record({ days: fc.integer({ min: 1, max: 30 }), includeToday: fc.boolean() }).map((w): RuleWindow => ({ kind: 'last_days', ...w })),
  fc.constant<RuleWindow>({ kind: 'week_to_date' }),
  fc.constant<RuleWindow>({ kind: 'month_to_date' }),
  fc.constant<RuleWindow>({ kind: 'lifetime' }),
);

const numericCondition: fc.Arbitrary<RuleCondition> = fc
  .record({
    metric: fc.constantFrom(...NUMERIC),
    window: windowArb,
    skipLastDay: fc.option(fc.boolean(), { nil: undefined }),
    op: fc.constantFrom<RuleOperator>('gt', 'gte', 'lt', 'lte', 'eq', 'neq', 'between', 'not_between', 'in', 'not_in'),
    a: fc.double({ min: 0, max: 1, noNaN: true }),
    b: fc.double({ min: 0, max: 1, noNaN: true }),
    kind: fc.constantFrom('value', 'metric', 'previous_period', 'parent_average'),
    other: fc.constantFrom(...NUMERIC),
  })
  .map(({ metric, window, skipLastDay, op, a, b, kind, other }): RuleCondition => {
    const scale = SCALE[metric] ?? 200;
    let compare: RuleComparison;
    if (op === 'between' || op === 'not_between') compare = { kind: 'range', min: Math.min(a, b) * scale, max: Math.max(a, b) * scale };
    else if (op === 'in' || op === 'not_in') compare = { kind: 'list', values: [Math.round(a * scale), Math.round(b * scale)] };
    else if (kind === 'metric') compare = { kind: 'metric', metric: other, factor: 0.5 + b * 2 };
    else if (kind === 'previous_period') compare = { kind: 'previous_period', pct: (a - 0.5) * 200 };
    else if (kind === 'parent_average') compare = { kind: 'parent_average', factor: 0.5 + b };
    else compare = { kind: 'value', value: a * scale };
    return { kind: 'condition', metric, window, ...(skipLastDay === undefined ? {} : { skipLastDay }), operator: op, compare };
  });

const wordCondition: fc.Arbitrary<RuleCondition> = fc.oneof(
  fc.constantFrom('active', 'paused').map((value): RuleCondition => ({ kind: 'condition', metric: 'status', window: { kind: 'today' }, operator: 'eq', compare: { kind: 'text', value } })),
  fc.constantFrom('Brand', 'Retarget', 'x').map((value): RuleCondition => ({ kind: 'condition', metric: 'name', window: { kind: 'today' }, operator: 'contains', compare: { kind: 'text', value } })),
);

const conditionArb = fc.oneof({ weight: 6, arbitrary: numericCondition }, { weight: 1, arbitrary: wordCondition });
const groupArb: fc.Arbitrary<RuleConditionGroup> = fc.letrec<{ group: RuleConditionGroup }>((tie) => ({
  group: fc.record({
    kind: fc.constantFrom<'all' | 'any'>('all', 'any', 'any'),
    conditions: fc.array(fc.oneof({ depthSize: 'small', withCrossShrink: true }, conditionArb, tie('group')), { minLength: 1, maxLength: 4 }),
  }),
})).group;

/** Half the rules match nearly everything (spend ≥ 0 or …), so the limits, not the conditions, decide. */
const CATCH_ALL: RuleCondition = { kind: 'condition', metric: 'spend', window: { kind: 'today' }, operator: 'gte', compare: { kind: 'value', value: 0 } };
const rootArb = fc.oneof(groupArb, groupArb.map((g): RuleConditionGroup => ({ kind: 'any', conditions: [CATCH_ALL, g] })));

const stepArb = fc.record({ unit: fc.constantFrom<'percent' | 'amount'>('percent', 'amount'), value: fc.double({ min: 1, max: 60, noNaN: true }) });
const boundsArb = fc.record({ floor: fc.option(fc.double({ min: 0, max: 80, noNaN: true }), { nil: undefined }), span: fc.option(fc.double({ min: 0, max: 400, noNaN: true }), { nil: undefined }) });

const changeArb: fc.Arbitrary<RuleAction> = fc.oneof(
  fc.record({ direction: fc.constantFrom<'raise' | 'lower'>('raise', 'lower'), by: stepArb, bounds: boundsArb }).map(({ direction, by, bounds }): RuleAction => ({
    type: 'change_budget',
    direction,
    by,
    ...(bounds.floor === undefined ? {} : { floor: bounds.floor }),
    ...(bounds.span === undefined ? {} : { ceiling: (bounds.floor ?? 0) + bounds.span + 0.01 }),
  })),
  fc.double({ min: 0.5, max: 500, noNaN: true }).map((amount): RuleAction => ({ type: 'set_budget', amount })),
  fc.record({ direction: fc.constantFrom<'raise' | 'lower'>('raise', 'lower'), by: stepArb }).map(({ direction, by }): RuleAction => ({ type: 'change_bid', direction, by, floor: 0.1, ceiling: 20 })),
  fc.double({ min: 0.05, max: 10, noNaN: true }).map((amount): RuleAction => ({ type: 'set_bid', amount })),
  fc.constant<RuleAction>({ type: 'rename', prefix: '[R] ' }),
  fc.constant<RuleAction>({ type: 'label', label: 'watched' }),
  fc.constant<RuleAction>({ type: 'notify', channels: ['in_app'] }),
);
const statusArb = fc.constantFrom<RuleAction>({ type: 'pause' }, { type: 'enable' }, { type: 'pause_until', until: 'tomorrow' });
const actionsArb = fc
  .record({ status: fc.option(statusArb, { nil: undefined }), others: fc.array(changeArb, { minLength: 0, maxLength: 2 }) })
  .map(({ status, others }) => (status ? [status, ...others] : others))
  .filter((a) => a.length > 0);

const definitionArb: fc.Arbitrary<RuleDefinition> = fc
  .record({
    level: fc.constantFrom<'campaign' | 'ad_group'>('campaign', 'ad_group'),
    statuses: fc.constantFrom<('active' | 'paused')[]>(['active', 'paused'], ['active', 'paused'], ['active', 'paused'], ['active'], ['paused']),
    when: rootArb,
    then: actionsArb,
    cooldownHours: fc.constantFrom(0, 0.5, 1, 6, 24, 48),
    maxActionsPerRun: fc.integer({ min: 1, max: 60 }),
    maxActionsPerDay: fc.integer({ min: 1, max: 150 }),
    maxMoneyPerDay: fc.option(fc.double({ min: 1, max: 2000, noNaN: true }), { nil: undefined }),
    minSpend: fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: undefined }),
    skipLearning: fc.boolean(),
    activeHours: fc.oneof(
      { weight: 3, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: fc.record({ days: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 7 }), from: fc.constantFrom('00:00', '08:00', '22:00'), to: fc.constantFrom('06:00', '18:00', '23:59') }) },
    ),
    currencyBasis: fc.constantFrom<'account' | 'organization'>('account', 'organization'),
  })
  .map(
    (r): RuleDefinition => ({
      scope: { platforms: [], accountIds: [], level: r.level, statuses: r.statuses },
      when: r.when,
      then: r.then,
      limits: {
        ...(r.minSpend === undefined ? {} : { minSpend: r.minSpend }),
        minimumsWindow: { kind: 'last_days', days: 3, includeToday: false },
        cooldownHours: r.cooldownHours,
        maxActionsPerRun: r.maxActionsPerRun,
        maxActionsPerDay: Math.max(r.maxActionsPerDay, r.maxActionsPerRun),
        ...(r.maxMoneyPerDay === undefined ? {} : { maxMoneyPerDay: r.maxMoneyPerDay }),
        skipLearning: r.skipLearning,
        ...(r.activeHours ? { activeHours: r.activeHours } : {}),
        overrideHours: 72,
      },
      schedule: { frequency: 'every_15_minutes' },
      currencyBasis: r.currencyBasis,
    }),
  );

const ZONES = ['UTC', 'America/New_York', 'Asia/Kolkata', 'Asia/Tokyo', 'Europe/Berlin'];
const CURRENCIES = ['USD', 'EUR', 'JPY'];
const PLATFORMS: EntityFacts['platform'][] = ['google_ads', 'meta', 'tiktok'];
/** Platform minimum and step per platform and currency (micros), varied so rounding and minimums matter. */
const budgetStep: EvaluationContext['budgetStep'] = (platform, currency) => {
  if (currency === 'JPY') return { minMicros: platform === 'tiktok' ? 3_000_000_000 : 100_000_000, stepMicros: 1_000_000 };
  if (platform === 'tiktok') return { minMicros: 20_000_000, stepMicros: 1_000_000 };
  if (platform === 'google_ads') return { minMicros: 10_000, stepMicros: 10_000 };
  return { minMicros: 1_000_000, stepMicros: 10_000 };
};
const RATES: Record<string, number> = { USD: 1, EUR: 1.1, JPY: 0.0067 };

function randomTotals(rnd: () => number, budgetMicros: number | null): MetricTotals {
  if (rnd() < 0.1) return { spendMicros: 0, impressions: 0, clicks: 0, conversions: 0, conversionValueMicros: 0 };
  const impressions = Math.floor(rnd() * 40_000);
  const clicks = Math.floor(impressions * rnd() * 0.05);
  const conversions = rnd() < 0.3 ? 0 : Math.floor(clicks * rnd() * 0.2);
  const spendMicros = Math.round((budgetMicros ?? 50_000_000) * rnd() * 3);
  return { spendMicros, impressions, clicks, conversions, conversionValueMicros: Math.round(spendMicros * rnd() * 5) };
}

/** An invariant, checked without the matcher machinery (it runs millions of times). */
function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(`Broken: ${what}`);
}

interface Tracked {
  /** Every change of the object's fields, all actors, oldest first (the test's own record). */
  history: PastAction[];
  lastRuleActionAt: number | null;
  resumeAt: number | null;
}

const opposite: Record<string, string> = { pause: 'enable', enable: 'pause', raise: 'lower', lower: 'raise' };
function fieldAndDirection(p: PlannedAction): { field: PastAction['field']; direction: string } | null {
  if (p.kind === 'status') return { field: 'status', direction: p.action };
  if (p.kind === 'budget') return { field: p.field, direction: p.toMicros > p.fromMicros ? 'raise' : 'lower' };
  if (p.kind === 'bid') return { field: 'bid', direction: p.fromMicros === null ? 'set' : p.toMicros > p.fromMicros ? 'raise' : 'lower' };
  return null;
}

describe('rule evaluation over simulated time', () => {
  it('never passes a guardrail, a cap, a cooldown or the kill switch, and always catches A→B→A', { timeout: 300_000 }, () => {
    let evaluations = 0;
    let acted = 0;
    let oscillationsCaught = 0;
    const outcomes = new Map<string, number>();
    let inEngineMs = 0;
    const started = Date.now();
    fc.assert(
      fc.property(definitionArb, fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.constantFrom<EvaluationContext['mode']>('notify', 'propose', 'automatic'), (def, seed, mode) => {
        const rnd = prng(seed);
        const ruleId = 'rule-under-test';
        const keys = windowsOf(def);
        const orgCurrency = 'USD';
        const entities: EntityFacts[] = Array.from({ length: ENTITIES }, (_, i) => {
          const currency = CURRENCIES[Math.floor(rnd() * CURRENCIES.length)] ?? 'USD';
          const unit = currency === 'JPY' ? 150 : 1;
          const hasDaily = rnd() < 0.75;
          return {
            level: def.scope.level,
            id: `e${i}`,
            platformId: `p${i}`,
            campaignId: `c${i % 7}`,
            parentKey: `parent${i % 5}`,
            name: rnd() < 0.3 ? `Brand ${i}` : `Retarget ${i}`,
            platform: PLATFORMS[Math.floor(rnd() * PLATFORMS.length)] ?? 'meta',
            adAccountId: `acct${i % 4}`,
            timeZone: ZONES[Math.floor(rnd() * ZONES.length)] ?? 'UTC',
            currency,
            status: rnd() < 0.7 ? 'active' : 'paused',
            objective: null,
            labels: [],
            isLearning: rnd() < 0.2,
            createdAt: new Date(Date.UTC(2026, 0, 1 + Math.floor(rnd() * 100))).toISOString(),
            dailyBudgetMicros: hasDaily ? Math.round((5 + rnd() * 300) * unit) * 1_000_000 : null,
            lifetimeBudgetMicros: !hasDaily && rnd() < 0.5 ? Math.round((100 + rnd() * 3000) * unit) * 1_000_000 : null,
            bidMicros: rnd() < 0.5 ? Math.round((0.2 + rnd() * 5) * unit * 100) * 10_000 : null,
            toOrgRate: rnd() < 0.05 ? null : (RATES[currency] ?? 1),
            metrics: {},
            previous: {},
            parentAverage: {},
            syncedAt: null,
            stale: false,
          };
        });
        const tracked: Tracked[] = entities.map(() => ({ history: [], lastRuleActionAt: null, resumeAt: null }));
        // Numbers drawn from a pool per run (fresh objects for every object, window and step would cost more than the evaluation).
        const pool = Array.from({ length: 64 }, () => randomTotals(rnd, Math.round(5 + rnd() * 300) * 1_000_000));
        const pick = () => pool[Math.floor(rnd() * pool.length)] ?? pool[0] ?? randomTotals(rnd, null);
        let memory: RuleMemory = emptyMemory();
        let now = Date.UTC(2026, Math.floor(rnd() * 12), 1 + Math.floor(rnd() * 27), Math.floor(rnd() * 24), Math.floor(rnd() * 4) * 15);
        const dayCounts = new Map<string, { actions: number; moneyOrgMicros: number }>();
        const toOrgMicros = (e: EntityFacts, micros: number) => micros * (e.toOrgRate ?? 1);

        for (let step = 0; step < STEPS; step += 1) {
          now += Math.floor(1 + rnd() * 32) * 15 * 60_000;
          const at = new Date(now);
          const iso = at.toISOString();
          const added = new Map<string, PastAction[]>();
          const overrides: Record<string, string> = {};
          const push = (i: number, change: PastAction) => {
            const t = tracked[i];
            const e = entities[i];
            if (!t || !e) return;
            t.history.push(change);
            const list = added.get(e.id) ?? [];
            list.push(change);
            added.set(e.id, list);
          };
          // The world moves: a pause-until comes back, other rules and people change things, numbers arrive.
          entities.forEach((e, i) => {
            const t = tracked[i];
            if (!t) return;
            if (t.resumeAt !== null && now >= t.resumeAt) {
              if (e.status === 'paused') {
                e.status = 'active';
                push(i, { at: new Date(t.resumeAt).toISOString(), field: 'status', direction: 'enable', actorType: 'rule', actorId: ruleId, resumes: true });
              }
              t.resumeAt = null;
            }
            const r = rnd();
            if (r < 0.04) {
              const direction = e.status === 'active' ? 'pause' : 'enable';
              e.status = direction === 'pause' ? 'paused' : 'active';
              push(i, { at: iso, field: 'status', direction, actorType: 'rule', actorId: 'other-rule' });
            } else if (r < 0.07 && e.dailyBudgetMicros !== null) {
              const direction = rnd() < 0.5 ? 'raise' : 'lower';
              e.dailyBudgetMicros = Math.max(budgetStep(e.platform, e.currency).minMicros, e.dailyBudgetMicros + (direction === 'raise' ? 1 : -1) * 1_000_000);
              push(i, { at: iso, field: 'daily_budget', direction, actorType: 'rule', actorId: 'other-rule' });
            } else if (r < 0.08) {
              const direction = e.status === 'active' ? 'pause' : 'enable';
              e.status = direction === 'pause' ? 'paused' : 'active';
              push(i, { at: iso, field: 'status', direction, actorType: 'user', actorId: 'person' });
              overrides[e.id] = new Date(now + 72 * HOUR).toISOString();
            }
            e.isLearning = rnd() < 0.15;
            e.stale = rnd() < 0.03;
            e.metrics = {};
            e.previous = {};
            e.parentAverage = {};
            e.metrics.today = pick();
            for (const k of keys) {
              e.metrics[k.key] = pick();
              if (k.previous) e.previous[k.key] = pick();
              if (k.parentAverage) e.parentAverage[k.key] = pick();
            }
          });

          if (added.size > 0 || Object.keys(overrides).length > 0) {
            const recentChanges = { ...memory.recentChanges };
            for (const [id, list] of added) recentChanges[id] = [...(recentChanges[id] ?? []), ...list];
            memory = { ...memory, recentChanges, overrideUntil: { ...memory.overrideUntil, ...overrides } };
          }
          const killSwitch = rnd() < 0.1;
          const ctx: EvaluationContext = { now: at, mode, killSwitch, orgCurrency, budgetStep, oscillationHours: OSCILLATION_HOURS };
          const t0 = performance.now();
          const decision = evaluateRule(def, entities, memory, ctx);
          inEngineMs += performance.now() - t0;
          evaluations += entities.length;
          check(decision.entities.length === entities.length, 'one decision per object');

          const day = iso.slice(0, 10);
          const today = dayCounts.get(day) ?? { actions: 0, moneyOrgMicros: 0 };
          dayCounts.set(day, today);
          let runActions = 0;
          decision.entities.forEach((d, i) => {
            const e = entities[i];
            const t = tracked[i];
            if (!e || !t) throw new Error('entity missing');
            check(d.id === e.id, 'decisions in the order given');
            if (d.skipReason === 'oscillation') {
              check(decision.oscillation !== null, 'an oscillation skip stops the rule');
              oscillationsCaught += 1;
            }
            const tag = d.skipReason ?? d.outcome;
            outcomes.set(tag, (outcomes.get(tag) ?? 0) + 1);
            const acting = d.outcome === 'act' || d.outcome === 'propose' || d.outcome === 'notify';
            if (!acting) {
              check(d.planned.length === 0, 'nothing planned without acting');
              return;
            }
            // The kill switch stops everything.
            check(!killSwitch, 'nothing planned under the kill switch');
            check(d.planned.length > 0, 'acting plans something');
            check(d.outcome !== 'act' || mode === 'automatic', 'acts only when automatic');
            check(d.outcome !== 'propose' || mode === 'propose', 'proposes only in propose mode');
            check(mode !== 'notify' || d.planned.every((p) => p.kind === 'notify'), 'notify mode only notifies');
            // Cooldown: never twice within cooldownHours.
            check(t.lastRuleActionAt === null || now - t.lastRuleActionAt >= def.limits.cooldownHours * HOUR, `cooldown on ${e.id}`);
            t.lastRuleActionAt = now;
            acted += 1;
            runActions += d.planned.length;
            today.actions += d.planned.length;
            const basisRate = def.currencyBasis === 'organization' ? (e.toOrgRate ?? (e.currency === orgCurrency ? 1 : Number.NaN)) : 1;
            const orgRate = e.toOrgRate ?? (e.currency === orgCurrency ? 1 : null);
            for (const p of d.planned) {
              const fd = fieldAndDirection(p);
              if (fd) {
                // A→B→A: the last change of the field within the window is never a rule's that this one undoes.
                const since = now - OSCILLATION_HOURS * HOUR;
                const last = t.history.filter((c) => c.field === fd.field && Date.parse(c.at) >= since).at(-1);
                const undoes = last !== undefined && last.actorType === 'rule' && last.resumes !== true && opposite[last.direction] === fd.direction;
                check(!undoes, `A→B→A on ${e.id} ${fd.field}`);
              }
              if (p.kind === 'budget') {
                const step = budgetStep(e.platform, e.currency);
                const action = def.then.find((a) => a.type === 'change_budget' || a.type === 'set_budget');
                check(p.toMicros >= step.minMicros, 'platform minimum');
                check(Math.abs(p.toMicros / step.stepMicros - Math.round(p.toMicros / step.stepMicros)) < 1e-6, 'on the step');
                check(p.fromMicros === (p.field === 'daily_budget' ? e.dailyBudgetMicros : e.lifetimeBudgetMicros), 'from the current budget');
                if (action?.type === 'change_budget') {
                  check(action.floor === undefined || p.toMicros >= (action.floor * 1e6) / basisRate - 1e-3, 'floor');
                  check(action.ceiling === undefined || p.toMicros <= (action.ceiling * 1e6) / basisRate + 1e-3, 'ceiling');
                  check(action.direction === 'raise' ? p.toMicros > p.fromMicros : p.toMicros < p.fromMicros, 'direction kept');
                }
                if (def.limits.maxMoneyPerDay !== undefined) {
                  check(orgRate !== null, 'money counted at a known rate');
                  const moved = Math.abs(p.toMicros - p.fromMicros) * (orgRate ?? 1);
                  const cap = def.limits.maxMoneyPerDay * 1e6 * (def.currencyBasis === 'organization' ? 1 : (orgRate ?? 1));
                  check(today.moneyOrgMicros + moved <= cap + 1e-3, 'money per day');
                }
                today.moneyOrgMicros += Math.abs(p.toMicros - p.fromMicros) * (orgRate ?? 1);
              }
            }
            // Approved and applied: the object takes the new values; the test records the rule's changes.
            for (const p of d.planned) {
              const fd = fieldAndDirection(p);
              if (fd) t.history.push({ at: iso, ...fd, actorType: 'rule', actorId: ruleId });
              if (p.kind === 'status') {
                e.status = p.action === 'pause' ? 'paused' : 'active';
                t.resumeAt = p.resumeAt ? Date.parse(p.resumeAt) : null;
              } else if (p.kind === 'budget') {
                if (p.field === 'daily_budget') e.dailyBudgetMicros = p.toMicros;
                else e.lifetimeBudgetMicros = p.toMicros;
              } else if (p.kind === 'bid') e.bidMicros = p.toMicros;
              else if (p.kind === 'rename') e.name = p.to;
              else if (p.kind === 'label') e.labels = [...e.labels, p.label];
            }
          });
          check(runActions <= def.limits.maxActionsPerRun, 'actions per run');
          check(today.actions <= def.limits.maxActionsPerDay, 'actions per day');
          check(!killSwitch || decision.skipped !== null, 'a kill-switch run is skipped');
          memory = rememberDecision(memory, decision, ruleId, at, toOrgMicros);
        }
      }),
      { numRuns: RUNS, seed: 20261207 },
    );
    const seconds = (Date.now() - started) / 1000;
    console.info(`rules property test: ${evaluations} evaluations (${acted} acting, ${oscillationsCaught} oscillations caught) in ${seconds.toFixed(1)} s, ${(inEngineMs / 1000).toFixed(1)} s of it in evaluateRule`);
    console.info([...outcomes].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', '));
    expect(evaluations).toBeGreaterThanOrEqual(1_000_000);
    expect(acted).toBeGreaterThan(1000);
    expect(oscillationsCaught).toBeGreaterThan(0);
  });
});
