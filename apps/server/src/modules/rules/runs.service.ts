import { z } from 'zod';
import { emptyMemory, evaluateRule, type EntityDecision } from '@adloop/engine';
import type { DryRunResult, RuleDefinition, RuleEntityOutcome, RuleModeValue, RuleRunSummary } from '@adloop/contracts';
import type { AppContext } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { decodeCursor, encodeCursor, toPage, type Page } from '../../platform/pagination.ts';
import type { OrgAccess } from '../auth/auth.guard.ts';
import { loadChangeSettings } from '../changes/index.ts';
import { conflictsOf, objectCache } from './conflicts.ts';
import { loadFacts } from './facts/index.ts';
import { OSCILLATION_HOURS } from './memory.ts';
import { definitionOf, presentRun, presentRunEntity } from './rules.present.ts';
import { allRules, findRun, listRunEntities, listRuns, NO_MATCH_RANK, orgZoneAndCurrency, type RuleRunEntityRow } from './rules.repository.ts';
import { checkDefinition, requireRule } from './rules.service.ts';
import { budgetStepOf, matchedRule, runRule } from './runner.ts';
import { loadSentenceMoney, sentenceOf } from './rules.words.ts';
import { findUnmatched, unpackUnmatched } from './unmatched.ts';

const RunCursor = z.tuple([z.iso.datetime({ offset: true }), z.uuid()]);
const EntityCursor = z.tuple([z.number().int(), z.string(), z.uuid()]);

/** Runs the rule now (whatever its status), exactly as the scheduler would, and answers with the run. */
export async function runNow(ctx: AppContext, orgId: string, ruleId: string): Promise<RuleRunSummary> {
  const rule = await requireRule(ctx, orgId, ruleId);
  return presentRun(await runRule(ctx, rule, 'manual', ctx.clock.now()));
}

export async function listRulesRuns(ctx: AppContext, orgId: string, ruleId: string, query: { cursor?: string | undefined; limit: number }): Promise<Page<RuleRunSummary>> {
  await requireRule(ctx, orgId, ruleId);
  const after = decodeCursor(query.cursor, RunCursor);
  const rows = await listRuns(ctx.db, orgId, ruleId, after, query.limit + 1);
  return toPage(rows, query.limit, presentRun, (r) => [r.startedAt.toISOString(), r.id]);
}

/** One run with the objects it examined (what it did first), paged; a member sees their accounts' objects only. */
export async function runDetail(ctx: AppContext, access: Pick<OrgAccess, 'orgId' | 'accountIds'>, ruleId: string, runId: string, query: { cursor?: string | undefined; limit: number }) {
  const run = await findRun(ctx.db, access.orgId, ruleId, runId);
  if (!run) throw notFound('Rule run');
  const after = decodeCursor(query.cursor, EntityCursor);
  const rows = await runObjects(ctx, access, runId, after, query.limit + 1);
  const visible = rows.slice(0, query.limit);
  const last = visible.at(-1);
  return {
    ...presentRun(run),
    entities: visible.map(presentRunEntity),
    entitiesNextCursor: rows.length > query.limit && last ? encodeCursor([last.rank, last.entityName, last.entityId]) : null,
  };
}

type Ranked = RuleRunEntityRow & { rank: number };

/**
 * A page of a run's objects in the order of `listRunEntities` (what it did first, then by name and
 * id): its rows, then the objects that did not match from its packed row (by name and id), a
 * member's accounts only.
 */
async function runObjects(ctx: AppContext, access: Pick<OrgAccess, 'orgId' | 'accountIds'>, runId: string, after: readonly [number, string, string] | null, limit: number): Promise<Ranked[]> {
  const rows = await listRunEntities(ctx.db, access.orgId, runId, after, limit, access.accountIds);
  if (rows.length >= limit || (after && after[0] > NO_MATCH_RANK)) return rows;
  const packed = await findUnmatched(ctx.db, access.orgId, runId);
  if (!packed) return rows;
  const visible = access.accountIds === null ? null : new Set(access.accountIds);
  const byNameAndId = (a: { entityName: string; entityId: string }, name: string, id: string) => (a.entityName < name ? -1 : a.entityName > name ? 1 : a.entityId < id ? -1 : a.entityId > id ? 1 : 0);
  const rest = unpackUnmatched(packed)
    .filter((r) => (visible === null || visible.has(r.adAccountId)) && (!after || after[0] < NO_MATCH_RANK || byNameAndId(r, after[1], after[2]) > 0))
    .sort((a, b) => byNameAndId(a, b.entityName, b.entityId));
  return [...rows, ...rest.slice(0, limit - rows.length).map((r) => ({ ...r, rank: NO_MATCH_RANK }))];
}

const SHOWN = 200;
const DRY_RUN_OBJECTS = 5_000;
const OUTCOME_OF: Record<EntityDecision['outcome'], RuleEntityOutcome['outcome']> = { act: 'acted', propose: 'proposed', notify: 'notified', no_match: 'no_match', skipped: 'skipped' };

export function outcomeOf(d: EntityDecision): RuleEntityOutcome {
  return {
    level: d.level,
    id: d.id,
    name: d.name,
    platform: d.platform,
    adAccountId: d.adAccountId,
    outcome: OUTCOME_OF[d.outcome],
    skipReason: d.skipReason,
    explanation: d.explanation,
    values: d.values,
    conditions: d.conditions,
    actions: d.actions,
    changeIds: [],
  };
}

/**
 * What a rule (saved or not) would do now, without doing anything: the same loader and the same
 * `evaluateRule` as a live run, over the caller's accounts, with no memory of earlier runs. Matching
 * objects first, then the rest (up to 200), and the saved rules it would conflict with.
 */
export async function dryRun(ctx: AppContext, access: Pick<OrgAccess, 'orgId' | 'accountIds'>, body: { definition: RuleDefinition; mode: RuleModeValue }): Promise<DryRunResult> {
  const now = ctx.clock.now();
  checkDefinition(body.definition, now);
  const [settings, org, facts, rules] = await Promise.all([
    loadChangeSettings(ctx.db, access.orgId),
    orgZoneAndCurrency(ctx.db, access.orgId),
    loadFacts(ctx, access.orgId, body.definition, now, { accountIds: access.accountIds, limit: DRY_RUN_OBJECTS }),
    allRules(ctx.db, access.orgId),
  ]);
  const decision = evaluateRule(body.definition, facts.entities, emptyMemory(), {
    now,
    mode: body.mode,
    killSwitch: settings.automationStoppedAt !== null,
    orgCurrency: org.currency,
    budgetStep: budgetStepOf(ctx),
    oscillationHours: OSCILLATION_HOURS,
  });
  const outcomes = decision.entities.map(outcomeOf);
  const matching: typeof outcomes = [];
  const rest: typeof outcomes = [];
  for (const o of outcomes) (matchedRule(o.outcome, o.conditions) ? matching : rest).push(o);
  const others = rules.map((r) => ({ id: r.id, name: r.name, status: r.status, definition: definitionOf(r) }));
  const conflicts = await conflictsOf({ id: '00000000-0000-4000-8000-000000000000', name: 'This rule', definition: body.definition }, others, objectCache(ctx.db, access.orgId));
  return {
    sentence: sentenceOf(body.definition, body.mode, await loadSentenceMoney(ctx.db, access.orgId)),
    examined: outcomes.length,
    matched: matching.length,
    entities: [...matching, ...rest].slice(0, SHOWN),
    dataAsOf: facts.dataAsOf?.toISOString() ?? null,
    skipped: decision.skipped,
    conflicts,
  };
}
