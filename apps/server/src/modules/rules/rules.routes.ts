import { z } from 'zod';
import {
  DryRunBody,
  DryRunResult,
  OrgParams,
  PageQuery,
  Rule,
  RuleBody,
  RuleDefinition,
  RuleMode,
  RuleObjectChoice,
  RuleObjectQuery,
  RulePage,
  RuleParams,
  RulePatch,
  RuleRunDetail,
  RuleRunPage,
  RuleRunParams,
  RuleScopeOptions,
  RuleStatus,
  RuleTemplate,
} from '@adloop/contracts';
import type { App } from '../../platform/http/app.ts';
import type { AppContext } from '../../platform/context.ts';
import { requireOrgAccess } from '../auth/auth.guard.ts';
import { auditSource } from '../audit/audit.writer.ts';
import { conflictErrors, noContent, orgRouteErrors } from '../orgs/route-schemas.ts';
import { createRule, describe, duplicateRule, getRule, listRules, patchRule, removeRule, ruleTemplates, setRuleEnabled } from './rules.service.ts';
import { dryRun, listRulesRuns, runDetail } from './runs.service.ts';
import { registerRuleJobRoutes } from './backtest/rule-jobs.routes.ts';
import { findRuleObjects, ruleScopeOptions } from './rule-objects.service.ts';

const RuleListQuery = PageQuery.extend({ status: RuleStatus.optional() });
const DescribeBody = z.strictObject({ definition: RuleDefinition, mode: RuleMode.default('propose') });
const EntityPageQuery = PageQuery.extend({ limit: z.coerce.number().int().min(1).max(500).default(100) });

/**
 * Automation rules: the rules themselves (read with `data:read`, changed with `rules:manage`), their
 * runs and what each run did per object, the run now, dry run and backtest, templates and the rule
 * in words. Rules belong to the organisation; a member reads their accounts' objects in runs.
 */
export function registerRuleRoutes(app: App, ctx: AppContext): void {
  const base = '/api/v1/orgs/:orgId/rules';
  registerRuleJobRoutes(app, ctx);

  app.get(base, {
    schema: { tags: ['rules'], summary: 'The organisation’s rules, newest first: each with its sentence, last run, actions today, failed runs in 24 hours and conflicts with other rules (and the objects both reach)', params: OrgParams, querystring: RuleListQuery, response: { 200: RulePage, ...orgRouteErrors } },
  }, async (request) => {
    await requireOrgAccess(ctx, request, request.params.orgId, 'data:read');
    return listRules(ctx, request.params.orgId, request.query);
  });

  app.post(base, {
    schema: { tags: ['rules'], summary: 'Create a rule (disabled unless `enabled`); a definition the engine refuses is a 400 naming the field', params: OrgParams, body: RuleBody, response: { 201: Rule, ...orgRouteErrors } },
  }, async (request, reply) => {
    const access = await requireOrgAccess(ctx, request, request.params.orgId, 'rules:manage');
    reply.code(201);
    return createRule(ctx, access, request.body, auditSource(request, access.actor));
  });

  app.get(`${base}/templates`, {
    schema: { tags: ['rules'], summary: 'Rule templates (stop-loss, scale winners, budget pacing, dayparting, dead-ad clean-up, frequency fatigue), each a rule body to start from', params: OrgParams, response: { 200: z.array(RuleTemplate), ...orgRouteErrors } },
  }, async (request) => {
    await requireOrgAccess(ctx, request, request.params.orgId, 'data:read');
    return ruleTemplates(ctx, request.params.orgId);
  });

  app.get(`${base}/objects`, {
    schema: { tags: ['rules'], summary: 'Objects a rule’s fixed list can name: found by name at a level, or by id (a saved list’s names); a member finds their accounts’ objects only', params: OrgParams, querystring: RuleObjectQuery, response: { 200: z.object({ items: z.array(RuleObjectChoice) }), ...orgRouteErrors } },
  }, async (request) => {
    const access = await requireOrgAccess(ctx, request, request.params.orgId, 'data:read');
    return findRuleObjects(ctx, access, request.query);
  });

  app.get(`${base}/scope-options`, {
    schema: { tags: ['rules'], summary: 'What a rule’s scope can filter on here: the objectives the organisation’s campaigns have (in words) and the labels in use', params: OrgParams, response: { 200: RuleScopeOptions, ...orgRouteErrors } },
  }, async (request) => {
    await requireOrgAccess(ctx, request, request.params.orgId, 'data:read');
    return ruleScopeOptions(ctx, request.params.orgId);
  });

  app.post(`${base}/describe`, {
    schema: { tags: ['rules'], summary: 'A rule definition in one plain sentence', params: OrgParams, body: DescribeBody, response: { 200: z.object({ sentence: z.string() }), ...orgRouteErrors } },
  }, async (request) => {
    await requireOrgAccess(ctx, request, request.params.orgId, 'data:read');
    return describe(ctx, request.params.orgId, request.body.definition, request.body.mode);
  });

  app.post(`${base}/dry-run`, {
    schema: { tags: ['rules'], summary: 'What a rule (saved or not) would do now, without doing it: each object examined with its numbers, the conditions that held and the outcome; matching objects first', params: OrgParams, body: DryRunBody, response: { 200: DryRunResult, ...orgRouteErrors } },
  }, async (request) => {
    const access = await requireOrgAccess(ctx, request, request.params.orgId, 'data:read');
    return dryRun(ctx, access, request.body);
  });

  app.get(`${base}/:ruleId`, {
    schema: { tags: ['rules'], summary: 'One rule', params: RuleParams, response: { 200: Rule, ...orgRouteErrors } },
  }, async (request) => {
    await requireOrgAccess(ctx, request, request.params.orgId, 'data:read');
    return getRule(ctx, request.params.orgId, request.params.ruleId);
  });

  app.patch(`${base}/:ruleId`, {
    schema: { tags: ['rules'], summary: 'Edit a rule: send the version read; a rule saved by someone else since is a 409 (reload and edit again)', params: RuleParams, body: RulePatch, response: { 200: Rule, ...conflictErrors } },
  }, async (request) => {
    const access = await requireOrgAccess(ctx, request, request.params.orgId, 'rules:manage');
    return patchRule(ctx, access, request.params.ruleId, request.body, auditSource(request, access.actor));
  });

  app.delete(`${base}/:ruleId`, {
    schema: { tags: ['rules'], summary: 'Delete a rule with its runs (the changes it made stay in the change history)', params: RuleParams, response: { ...noContent, ...orgRouteErrors } },
  }, async (request, reply) => {
    const access = await requireOrgAccess(ctx, request, request.params.orgId, 'rules:manage');
    await removeRule(ctx, access, request.params.ruleId, auditSource(request, access.actor));
    return reply.code(204).send(null);
  });

  app.post(`${base}/:ruleId/enable`, {
    schema: { tags: ['rules'], summary: 'Enable a rule (also one Adloop stopped): it runs at its next scheduled time', params: RuleParams, response: { 200: Rule, ...orgRouteErrors } },
  }, async (request) => {
    const access = await requireOrgAccess(ctx, request, request.params.orgId, 'rules:manage');
    return setRuleEnabled(ctx, access, request.params.ruleId, true, auditSource(request, access.actor));
  });

  app.post(`${base}/:ruleId/disable`, {
    schema: { tags: ['rules'], summary: 'Disable a rule', params: RuleParams, response: { 200: Rule, ...orgRouteErrors } },
  }, async (request) => {
    const access = await requireOrgAccess(ctx, request, request.params.orgId, 'rules:manage');
    return setRuleEnabled(ctx, access, request.params.ruleId, false, auditSource(request, access.actor));
  });

  app.post(`${base}/:ruleId/duplicate`, {
    schema: { tags: ['rules'], summary: 'A disabled copy of the rule, to edit before enabling', params: RuleParams, response: { 201: Rule, ...orgRouteErrors } },
  }, async (request, reply) => {
    const access = await requireOrgAccess(ctx, request, request.params.orgId, 'rules:manage');
    reply.code(201);
    return duplicateRule(ctx, access, request.params.ruleId, auditSource(request, access.actor));
  });

  app.get(`${base}/:ruleId/runs`, {
    schema: { tags: ['rules'], summary: 'The rule’s runs, newest first', params: RuleParams, querystring: PageQuery, response: { 200: RuleRunPage, ...orgRouteErrors } },
  }, async (request) => {
    await requireOrgAccess(ctx, request, request.params.orgId, 'data:read');
    return listRulesRuns(ctx, request.params.orgId, request.params.ruleId, request.query);
  });

  app.get(`${base}/:ruleId/runs/:runId`, {
    schema: { tags: ['rules'], summary: 'One run and, paged, every object it examined: values seen, conditions held, what it did or why it skipped, and the changes it made (history and undo)', params: RuleRunParams, querystring: EntityPageQuery, response: { 200: RuleRunDetail, ...orgRouteErrors } },
  }, async (request) => {
    const access = await requireOrgAccess(ctx, request, request.params.orgId, 'data:read');
    return runDetail(ctx, access, request.params.ruleId, request.params.runId, request.query);
  });
}
