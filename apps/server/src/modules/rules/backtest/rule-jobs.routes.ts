import { BacktestBody, OrgParams, RuleJob, RuleJobParams, RuleParams } from '@adloop/contracts';
import type { App } from '../../../platform/http/app.ts';
import type { AppContext } from '../../../platform/context.ts';
import { requireOrgAccess } from '../../auth/auth.guard.ts';
import { orgRouteErrors } from '../../orgs/route-schemas.ts';
import { getRuleJob, requestBacktest, requestRunNow } from './rule-jobs.service.ts';

/**
 * The rule's work done in the background: a backtest (`data:read`) and "run now" (`rules:manage`)
 * answer 202 with a job; `GET …/rules/jobs/:jobId` tells its state, progress and, once done, the result.
 */
export function registerRuleJobRoutes(app: App, ctx: AppContext): void {
  const base = '/api/v1/orgs/:orgId/rules';

  app.post(`${base}/backtest`, {
    schema: {
      tags: ['rules'],
      summary: 'Start replaying a rule (saved or not) over the stored history at its frequency, in the background: answers 202 with the job; its result gives fires per day, money moved, objects touched, and spend and conversions with the rule (estimated)',
      params: OrgParams,
      body: BacktestBody,
      response: { 202: RuleJob, ...orgRouteErrors },
    },
  }, async (request, reply) => {
    const access = await requireOrgAccess(ctx, request, request.params.orgId, 'data:read');
    reply.code(202);
    return requestBacktest(ctx, access, request.body);
  });

  app.post(`${base}/:ruleId/run`, {
    schema: {
      tags: ['rules'],
      summary: 'Run the rule now, as the scheduler would (through the change pipeline: guardrails, approvals and the kill switch apply), in the background: answers 202 with the job; its result is the run',
      params: RuleParams,
      response: { 202: RuleJob, ...orgRouteErrors },
    },
  }, async (request, reply) => {
    const access = await requireOrgAccess(ctx, request, request.params.orgId, 'rules:manage');
    reply.code(202);
    return requestRunNow(ctx, access, request.params.ruleId);
  });

  app.get(`${base}/jobs/:jobId`, {
    schema: { tags: ['rules'], summary: 'A backtest or run-now job: queued, running (with progress 0–1), done (with the result) or failed (with why)', params: RuleJobParams, response: { 200: RuleJob, ...orgRouteErrors } },
  }, async (request) => {
    const access = await requireOrgAccess(ctx, request, request.params.orgId, 'data:read');
    return getRuleJob(ctx, access, request.params.jobId);
  });
}
