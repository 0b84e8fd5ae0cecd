import { z } from 'zod';
import { nextRunAt, RULE_TEMPLATES, validateRule } from '@adloop/engine';
import { RuleBody, type Rule, type RuleDefinition, type RuleModeValue, type RuleTemplate } from '@adloop/contracts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { decodeCursor, toPage, type Page } from '../../platform/pagination.ts';
import type { OrgAccess } from '../auth/auth.guard.ts';
import { recordAudit, type AuditSource } from '../audit/audit.writer.ts';
import { conflictsOf, objectCache } from './conflicts.ts';
import { definitionOf, presentRule } from './rules.present.ts';
import { loadSentenceMoney, sentenceOf } from './rules.words.ts';
import { announceRules } from './rules.live.ts';
import { assertWithinPlan } from '../billing/limits.ts';
import { assertWritable } from '../billing/limits.keep.ts';
import {
  allRules,
  deleteRule,
  failedRunsSince,
  findRule,
  insertRule,
  lastRuns,
  listRuleRows,
  orgZoneAndCurrency,
  ruleChangesSince,
  updateRule,
  updateRuleAtVersion,
  type RuleRow,
} from './rules.repository.ts';

const DAY_MS = 86_400_000;
const Cursor = z.tuple([z.iso.datetime({ offset: true }), z.uuid()]);

/**
 * What the schema cannot check (the engine's `validateRule`, and a `pause_until` time in the past):
 * a 400 naming every field at fault, the first in the message.
 */
export function checkDefinition(definition: RuleDefinition, now: Date, prefix = 'definition'): void {
  const problems = validateRule(definition).map((p) => ({ field: p.path.startsWith('definition') ? `${prefix}${p.path.slice('definition'.length)}` : `${prefix}.${p.path}`, message: p.message }));
  definition.then.forEach((action, i) => {
    if (action.type === 'pause_until' && action.until !== 'tomorrow' && new Date(action.until).getTime() <= now.getTime()) {
      problems.push({ field: `${prefix}.then.${i}.until`, message: 'is in the past: give a time to come' });
    }
  });
  const first = problems[0];
  if (first) throw new AppError('validation_failed', `${first.field}: ${first.message}`, { issues: problems.map((p) => ({ location: 'body', ...p })) });
}

/** Lists, counts and conflicts for a page of rules (one query per kind, conflicts against every rule of the organisation). */
async function present(ctx: AppContext, orgId: string, rows: readonly RuleRow[]): Promise<Rule[]> {
  if (rows.length === 0) return [];
  const now = ctx.clock.now();
  const ids = rows.map((r) => r.id);
  const [runs, errors, actions, everyRule, money] = await Promise.all([
    lastRuns(ctx.db, orgId, ids),
    failedRunsSince(ctx.db, orgId, ids, new Date(now.getTime() - DAY_MS)),
    ruleChangesSince(ctx.db, orgId, ids, new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS)),
    allRules(ctx.db, orgId),
    loadSentenceMoney(ctx.db, orgId),
  ]);
  const others = everyRule.map((r) => ({ id: r.id, name: r.name, status: r.status, definition: definitionOf(r) }));
  const objects = objectCache(ctx.db, orgId);
  const presented: Rule[] = [];
  for (const row of rows) {
    const conflicts = await conflictsOf({ id: row.id, name: row.name, definition: definitionOf(row) }, others, objects);
    presented.push(presentRule(row, { lastRun: runs.get(row.id), actionsToday: actions.get(row.id) ?? 0, errors24h: errors.get(row.id) ?? 0, conflicts, money }));
  }
  return presented;
}

export async function listRules(ctx: AppContext, orgId: string, query: { status?: RuleRow['status'] | undefined; cursor?: string | undefined; limit: number }): Promise<Page<Rule>> {
  const after = decodeCursor(query.cursor, Cursor);
  const rows = await listRuleRows(ctx.db, orgId, { status: query.status }, after, query.limit + 1);
  const presented = new Map((await present(ctx, orgId, rows.slice(0, query.limit))).map((r) => [r.id, r]));
  return toPage(rows, query.limit, (row) => presented.get(row.id)!, (row) => [row.createdAt.toISOString(), row.id]);
}

export async function requireRule(ctx: AppContext, orgId: string, ruleId: string): Promise<RuleRow> {
  const row = await findRule(ctx.db, orgId, ruleId);
  if (!row) throw notFound('Rule');
  return row;
}

export async function getRule(ctx: AppContext, orgId: string, ruleId: string): Promise<Rule> {
  const [rule] = await present(ctx, orgId, [await requireRule(ctx, orgId, ruleId)]);
  return rule!;
}

/** When an enabled rule next runs (in the organisation's zone for daily rules). */
async function scheduleOf(ctx: AppContext, orgId: string, definition: RuleDefinition, enabled: boolean): Promise<Date | null> {
  if (!enabled) return null;
  const { timeZone } = await orgZoneAndCurrency(ctx.db, orgId);
  return nextRunAt(definition.schedule, ctx.clock.now(), timeZone);
}

const creatorOf = (access: OrgAccess) =>
  access.actor.kind === 'user' ? { createdById: access.actor.userId, createdByLabel: access.actor.email } : { createdById: access.actor.keyId, createdByLabel: `API key ${access.actor.name}` };

export async function createRule(ctx: AppContext, access: OrgAccess, body: RuleBody, source: AuditSource): Promise<Rule> {
  const now = ctx.clock.now();
  checkDefinition(body.definition, now);
  await assertWithinPlan(ctx, ctx.db, access.orgId, 'rules');
  const nextRun = await scheduleOf(ctx, access.orgId, body.definition, body.enabled);
  const created = await ctx.db.transaction(async (tx) => {
    const row = await insertRule(tx, access.orgId, {
      name: body.name,
      mode: body.mode,
      status: body.enabled ? 'enabled' : 'disabled',
      definition: body.definition,
      templateId: body.templateId ?? null,
      ...creatorOf(access),
      createdAt: now,
      updatedAt: now,
      nextRunAt: nextRun,
    });
    await recordAudit(tx, source, { orgId: access.orgId, action: 'rule.created', targetType: 'rule', targetId: row.id, after: { name: row.name, mode: row.mode, status: row.status } });
    return row;
  });
  await announceRules(ctx, access.orgId, [created.id]);
  return getRule(ctx, access.orgId, created.id);
}

export async function patchRule(
  ctx: AppContext,
  access: OrgAccess,
  ruleId: string,
  patch: { name?: string | undefined; mode?: RuleModeValue | undefined; enabled?: boolean | undefined; definition?: RuleDefinition | undefined; version: number },
  source: AuditSource,
): Promise<Rule> {
  const now = ctx.clock.now();
  const current = await requireRule(ctx, access.orgId, ruleId);
  await assertWritable(ctx, ctx.db, access.orgId, 'rules', ruleId);
  if (patch.definition) checkDefinition(patch.definition, now);
  const definition = patch.definition ?? definitionOf(current);
  const enabled = patch.enabled ?? current.status === 'enabled';
  const status = patch.enabled === undefined ? current.status : enabled ? 'enabled' : 'disabled';
  const rescheduled = patch.enabled !== undefined || patch.definition !== undefined;
  const nextRun = rescheduled ? await scheduleOf(ctx, access.orgId, definition, status === 'enabled') : undefined;
  const updated = await ctx.db.transaction(async (tx) => {
    const row = await updateRuleAtVersion(tx, access.orgId, ruleId, patch.version, {
      ...(patch.name === undefined ? {} : { name: patch.name }),
      ...(patch.mode === undefined ? {} : { mode: patch.mode }),
      ...(patch.definition === undefined ? {} : { definition: patch.definition }),
      status,
      ...(status === 'enabled' && current.status !== 'enabled' ? { stopReason: null } : {}),
      ...(nextRun === undefined ? {} : { nextRunAt: nextRun }),
      updatedAt: now,
    });
    if (row) await recordAudit(tx, source, { orgId: access.orgId, action: 'rule.updated', targetType: 'rule', targetId: ruleId, before: { name: current.name, mode: current.mode, status: current.status, version: current.version }, after: { name: row.name, mode: row.mode, status: row.status, version: row.version } });
    return row;
  });
  if (!updated) {
    const now = await findRule(ctx.db, access.orgId, ruleId);
    if (!now) throw notFound('Rule');
    throw new AppError('conflict', `This rule was changed since you read it (version ${patch.version}; it is now at version ${now.version}): reload it and apply your edit again`, { field: 'version', current: now.version });
  }
  await announceRules(ctx, access.orgId, [ruleId]);
  return getRule(ctx, access.orgId, ruleId);
}

/** Enables (clearing a stop: the person has looked at it) or disables a rule. */
export async function setRuleEnabled(ctx: AppContext, access: OrgAccess, ruleId: string, enabled: boolean, source: AuditSource): Promise<Rule> {
  const current = await requireRule(ctx, access.orgId, ruleId);
  if (enabled) await assertWritable(ctx, ctx.db, access.orgId, 'rules', ruleId);
  const nextRun = await scheduleOf(ctx, access.orgId, definitionOf(current), enabled);
  await ctx.db.transaction(async (tx) => {
    await updateRule(tx, access.orgId, ruleId, { status: enabled ? 'enabled' : 'disabled', stopReason: enabled ? null : current.stopReason, nextRunAt: nextRun, updatedAt: ctx.clock.now() }, true);
    await recordAudit(tx, source, { orgId: access.orgId, action: enabled ? 'rule.enabled' : 'rule.disabled', targetType: 'rule', targetId: ruleId, before: { status: current.status }, after: { status: enabled ? 'enabled' : 'disabled' } });
  });
  await announceRules(ctx, access.orgId, [ruleId]);
  return getRule(ctx, access.orgId, ruleId);
}

/** A disabled copy ("… (copy)"), to edit before enabling. */
export async function duplicateRule(ctx: AppContext, access: OrgAccess, ruleId: string, source: AuditSource): Promise<Rule> {
  const current = await requireRule(ctx, access.orgId, ruleId);
  const name = `${current.name} (copy)`.slice(0, 120);
  return createRule(ctx, access, { name, mode: current.mode, enabled: false, definition: definitionOf(current), ...(current.templateId ? { templateId: current.templateId } : {}) }, source);
}

export async function removeRule(ctx: AppContext, access: OrgAccess, ruleId: string, source: AuditSource): Promise<void> {
  const current = await requireRule(ctx, access.orgId, ruleId);
  await ctx.db.transaction(async (tx) => {
    if (!(await deleteRule(tx, access.orgId, ruleId))) throw notFound('Rule');
    await recordAudit(tx, source, { orgId: access.orgId, action: 'rule.deleted', targetType: 'rule', targetId: ruleId, before: { name: current.name, mode: current.mode, status: current.status } });
  });
  await announceRules(ctx, access.orgId, [ruleId]);
}

export async function ruleTemplates(ctx: AppContext, orgId: string): Promise<RuleTemplate[]> {
  const money = await loadSentenceMoney(ctx.db, orgId);
  return RULE_TEMPLATES.map((t) => {
    const body = RuleBody.parse(t.body);
    return { id: t.id, name: t.name, description: t.description, body, sentence: sentenceOf(body.definition, body.mode, money) };
  });
}

export async function describe(ctx: AppContext, orgId: string, definition: RuleDefinition, mode: RuleModeValue): Promise<{ sentence: string }> {
  return { sentence: sentenceOf(definition, mode, await loadSentenceMoney(ctx.db, orgId)) };
}
