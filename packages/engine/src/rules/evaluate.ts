import type { RuleDefinition } from '@adloop/contracts';
import { MICROS_PER_UNIT } from '../money/currency-digits.ts';
import { isKnownZone } from '../time/zone.ts';
import { changesDelivery, directionOf, planAction } from './actions.ts';
import { compileTree, judgeCompiledTree, PREVIOUS_WORDS } from './conditions.ts';
import { formatMetric, formatMoney, formatNumber, METRIC_WORDS } from './format.ts';
import { belowMinimums, coolingDown, minimumsWindowOf, outsideActiveHours, overridden, todayCounts, zoneClock, type Hold } from './limits.ts';
import type { FactsView } from './metrics.ts';
import { detectOscillation, isReversalByRules } from './oscillation.ts';
import { matchesScope } from './scope.ts';
import type { EntityDecision, EntityFacts, EvaluationContext, PastAction, PlannedAction, RuleDecision, RuleMemory } from './types.ts';

/** Hours within which rules undoing each other's change stop the rule, unless the context says otherwise. */
export const DEFAULT_OSCILLATION_HOURS = 48;

const OUT_OF_SCOPE: Hold = { reason: 'out_of_scope', explanation: 'It is not in the rule’s scope.' };
const KILL_SWITCH: Hold = { reason: 'kill_switch', explanation: 'The kill switch is on: no rule acts until it is released.' };

/** One object's decision (one shape for all, so the many made per run stay cheap). */
function decided(
  e: EntityFacts,
  outcome: EntityDecision['outcome'],
  skipReason: string | null,
  explanation: string,
  judged: { values: EntityDecision['values']; conditions: EntityDecision['conditions'] } | null,
  planned: PlannedAction[] = [],
  actions: string[] = [],
): EntityDecision {
  return {
    level: e.level,
    id: e.id,
    name: e.name,
    platform: e.platform,
    adAccountId: e.adAccountId,
    outcome,
    skipReason,
    explanation,
    values: judged ? judged.values : {},
    conditions: judged ? judged.conditions : [],
    planned,
    actions,
    facts: e,
  };
}

/** An ad account zone the runtime cannot read: the object's day and hours cannot be told. */
const unknownZone = (timeZone: string): Hold => ({
  reason: 'time_zone',
  explanation: `Time zone “${timeZone}” of its ad account is unknown: the rule cannot tell the account’s day and hours, so it leaves the object alone until the account’s zone is corrected.`,
});

/** An object held back by `hold` (a plain function: the decision loop runs for every object of every step). */
const skipped = (e: EntityFacts, hold: Hold, judged: Parameters<typeof decided>[4] = null): EntityDecision => decided(e, 'skipped', hold.reason, hold.explanation, judged);

/** Multiply an amount in `e`'s currency by this for the organisation's; null when unknown. */
const orgRateOf = (e: EntityFacts, ctx: EvaluationContext): number | null => e.toOrgRate ?? (e.currency === ctx.orgCurrency ? 1 : null);

/**
 * Decides what the rule does to each object, the same for a live run, a dry run and a backtest step.
 * Per object, in order: scope, kill switch, stale data, currency rate, conditions; then the limits
 * (active hours, minimums, learning, manual override, cooldown, oscillation, actions per run and per
 * day, money per day) and finally whether anything would change at all. Pure: `memory` is read, not
 * written (fold the result in with `rememberDecision`). Objects are served in the order given, so the
 * caps go to the first ones.
 */
export function evaluateRule(def: RuleDefinition, entities: readonly EntityFacts[], memory: RuleMemory, ctx: EvaluationContext): RuleDecision {
  const { now } = ctx;
  const limits = def.limits;
  const windowHours = ctx.oscillationHours ?? DEFAULT_OSCILLATION_HOURS;
  const counts = todayCounts(memory, now);
  let runActions = 0;
  let dayActions = counts.actions;
  let dayMoney = counts.moneyMicros;
  let oscillation: RuleDecision['oscillation'] = null;
  const decisions: EntityDecision[] = [];
  let judgedCount = 0;
  let outsideCount = 0;

  const tree = compileTree(def.when);
  const minimumsWhere = minimumsWindowOf(limits);
  for (const e of entities) {
    if (!matchesScope(def.scope, e)) {
      decisions.push(skipped(e, OUT_OF_SCOPE));
      continue;
    }
    if (ctx.killSwitch) {
      decisions.push(skipped(e, KILL_SWITCH));
      continue;
    }
    if (e.stale) {
      decisions.push(skipped(e, { reason: 'stale_data', explanation: `Its numbers are stale (last synced ${e.syncedAt ?? 'never'}); the rule does not act on old numbers.` }));
      continue;
    }
    const orgRate = orgRateOf(e, ctx);
    const basisRate = def.currencyBasis === 'organization' ? orgRate : 1;
    if (basisRate === null || basisRate <= 0) {
      decisions.push(skipped(e, { reason: 'no_rate', explanation: `No exchange rate from ${e.currency} to ${ctx.orgCurrency} today, and the rule's amounts are in ${ctx.orgCurrency}.` }));
      continue;
    }
    if (!isKnownZone(e.timeZone)) {
      decisions.push(skipped(e, unknownZone(e.timeZone)));
      continue;
    }
    const clock = zoneClock(e.timeZone, now);
    const outside = outsideActiveHours(limits.activeHours, clock);
    judgedCount += 1;
    if (outside) outsideCount += 1;
    const view: FactsView = { entity: e, now, basisRate, basisCurrency: def.currencyBasis === 'organization' ? ctx.orgCurrency : e.currency, dayShare: clock.dayShare };
    const verdict = judgeCompiledTree(tree, view);
    const minimums = belowMinimums(limits, view, minimumsWhere);
    const judged = { values: minimums.values ? Object.assign(verdict.values, minimums.values) : verdict.values, conditions: verdict.verdicts };
    if (!verdict.held) {
      decisions.push(decided(e, 'no_match', null, noMatchWords(verdict.verdicts), judged));
      continue;
    }
    const held = (hold: Hold | null): boolean => {
      if (hold) decisions.push(skipped(e, hold, judged));
      return hold !== null;
    };
    if (held(outside) || held(minimums.hold)) continue;

    const plans = def.then.map((action) => planAction(action, e, ctx, { basisRate, today: clock.today }));
    let planned: PlannedAction[] = [];
    let words: string[] = [];
    const unchangedWhy: string[] = [];
    for (const plan of plans) {
      if (plan.planned) {
        planned.push(plan.planned);
        words.push(plan.words);
      } else unchangedWhy.push(plan.unchanged);
    }
    const hasChanges = planned.some((p) => p.kind !== 'notify');
    if (ctx.mode === 'notify' && hasChanges) {
      const notify = planned.find((p) => p.kind === 'notify');
      const wouldDo = words.filter((_, i) => planned[i]?.kind !== 'notify');
      const message = `${notify?.kind === 'notify' && notify.message ? `${notify.message} ` : ''}The rule would: ${wouldDo.join('; ')}.`;
      planned = [{ kind: 'notify', channels: notify?.kind === 'notify' ? notify.channels : ['in_app'], message }];
      words = [`notify: would ${wouldDo.join('; ')}`];
    }
    const delivery = planned.filter(changesDelivery);
    if (limits.skipLearning && e.isLearning === true && delivery.length > 0 && held({ reason: 'learning', explanation: 'It is in the platform’s learning phase; the rule leaves it alone until it has learned.' }))
      continue;
    if (planned.some((p) => p.kind !== 'notify') && held(overridden(memory, e.id, now))) continue;
    if (planned.length > 0 && held(coolingDown(memory, e.id, now, limits.cooldownHours))) continue;

    const reversal = oscillationOf(delivery, memory.recentChanges[e.id] ?? [], now, windowHours);
    if (reversal) {
      oscillation ??= { entityId: e.id, explanation: `“${e.name}”: ${reversal}` };
      decisions.push(skipped(e, { reason: 'oscillation', explanation: `${reversal} Adloop stops the rule rather than let it flip the object back.` }, judged));
      continue;
    }
    if (planned.length > 0 && runActions + planned.length > limits.maxActionsPerRun
      && held({ reason: 'limit', explanation: `The rule has reached its limit of ${limits.maxActionsPerRun} actions per run.` }))
      continue;
    if (planned.length > 0 && dayActions + planned.length > limits.maxActionsPerDay
      && held({ reason: 'limit', explanation: `The rule has reached its limit of ${limits.maxActionsPerDay} actions per day.` }))
      continue;
    const movedMicros = planned.reduce((sum, p) => sum + (p.kind === 'budget' ? Math.abs(p.toMicros - p.fromMicros) : 0), 0);
    let movedOrgMicros = 0;
    if (movedMicros > 0 && limits.maxMoneyPerDay !== undefined) {
      if (orgRate === null) {
        decisions.push(skipped(e, { reason: 'no_rate', explanation: `No exchange rate from ${e.currency} to ${ctx.orgCurrency} today to count the money moved against the daily limit.` }, judged));
        continue;
      }
      movedOrgMicros = movedMicros * orgRate;
      const capOrgMicros = limits.maxMoneyPerDay * MICROS_PER_UNIT * (def.currencyBasis === 'organization' ? 1 : orgRate);
      if (dayMoney + movedOrgMicros > capOrgMicros + 1e-6) {
        const cap = formatMoney(limits.maxMoneyPerDay, view.basisCurrency);
        decisions.push(skipped(e, { reason: 'limit', explanation: `Moving ${formatMoney(movedMicros / MICROS_PER_UNIT, e.currency)} would pass the rule's limit of ${cap} of budget moved per day.` }, judged));
        continue;
      }
    } else if (movedMicros > 0 && orgRate !== null) movedOrgMicros = movedMicros * orgRate;
    if (planned.length === 0) {
      decisions.push(skipped(e, { reason: 'no_change', explanation: `Nothing to change: ${unchangedWhy.join('; ')}.` }, judged));
      continue;
    }
    runActions += planned.length;
    dayActions += planned.length;
    dayMoney += movedOrgMicros;
    const onlyNotify = planned.every((p) => p.kind === 'notify');
    const outcome = onlyNotify || ctx.mode === 'notify' ? 'notify' : ctx.mode === 'automatic' ? 'act' : 'propose';
    const verb = outcome === 'act' ? 'Acts' : outcome === 'propose' ? 'Proposes' : 'Notifies';
    const why = verdict.verdicts.filter((v) => v.held).map((v) => `${verdictWords(v, view.basisCurrency)} ${v.against}`);
    decisions.push(decided(e, outcome, null, `${verb}: ${words.join('; ')}${why.length > 0 ? `, since ${why.join(' and ')}` : ''}.`, judged, planned, words));
  }
  const allOutside = judgedCount > 0 && outsideCount === judgedCount;
  return { skipped: wholeRunSkipped(decisions, ctx, allOutside), entities: decisions, oscillation };
}

/** Whether the planned changes would undo a rule's change of the same field within the window; in words. */
function oscillationOf(delivery: readonly PlannedAction[], recent: readonly PastAction[], now: Date, windowHours: number): string | null {
  const since = now.getTime() - windowHours * 3_600_000;
  for (const p of delivery) {
    const next: PastAction = { at: now.toISOString(), ...directionOf(p), actorType: 'rule', actorId: null };
    let last: PastAction | undefined;
    for (const change of recent) if (change.field === next.field && Date.parse(change.at) >= since && Date.parse(change.at) <= now.getTime()) last = change;
    if (last && isReversalByRules(last, next)) return detectOscillation([last, next], now, windowHours);
  }
  return null;
}

/** A verdict's metric and value in words ("CPA $52.10", "CPA: no conversions", "change in CTR -35 %"). */
function verdictWords(v: EntityDecision['conditions'][number], currency: string): string {
  const name = METRIC_WORDS[v.metric];
  if (v.value === null) return `${name} unknown`;
  if (typeof v.value === 'string') return `${name}: ${v.value}`;
  if (v.against.includes(PREVIOUS_WORDS)) return `${name} changed by ${formatNumber(v.value)} %`;
  return `${name} ${formatMetric(v.metric, v.value, currency)}`;
}

/** The conditions that did not hold, in words (their numbers are in the verdicts; nothing is formatted again here). */
function noMatchWords(verdicts: EntityDecision['conditions']): string {
  const failed: string[] = [];
  for (const v of verdicts) {
    if (v.held) continue;
    failed.push(`${METRIC_WORDS[v.metric]} over ${v.window} not ${v.against}`);
    if (failed.length === 3) break;
  }
  return failed.length > 0 ? `Conditions not met: ${failed.join('; ')}.` : 'Conditions not met.';
}

/** The run as a whole is skipped when the kill switch is on, every object's numbers are stale or its zone unknown, or it is outside the active hours everywhere. */
function wholeRunSkipped(decisions: readonly EntityDecision[], ctx: EvaluationContext, allOutside: boolean): string | null {
  if (ctx.killSwitch) return KILL_SWITCH.explanation;
  const inScope = decisions.filter((d) => d.skipReason !== 'out_of_scope');
  if (inScope.length > 0 && inScope.every((d) => d.skipReason === 'stale_data')) return 'The numbers of every object are stale: the rule does not act on old numbers.';
  if (inScope.length > 0 && inScope.every((d) => d.skipReason === 'time_zone')) {
    const zones = [...new Set(inScope.map((d) => d.facts?.timeZone ?? ''))].map((z) => `“${z}”`);
    return `Time zone ${zones.join(', ')} unknown: the rule cannot tell the accounts’ day and hours, so it skips until the zone is corrected.`;
  }
  if (allOutside && inScope.every((d) => d.skipReason === 'stale_data' || d.skipReason === 'no_rate' || d.outcome === 'no_match' || d.skipReason === 'outside_hours'))
    return 'Outside the rule’s active hours.';
  return null;
}
