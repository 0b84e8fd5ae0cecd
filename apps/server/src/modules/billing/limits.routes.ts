import { CheckoutBody, ErrorResponse, KeepBody, OrgParams, OverLimitList, PlanChangePreview } from '@adloop/contracts';
import type { App } from '../../platform/http/app.ts';
import type { AppContext } from '../../platform/context.ts';
import { auditSource } from '../audit/audit.writer.ts';
import { requireOrgAccess } from '../auth/auth.guard.ts';
import { conflictErrors, orgRouteErrors } from '../orgs/route-schemas.ts';
import { chooseKept, overLimitOf, type KeepMetric, type OverLimit } from './limits.keep.ts';
import { installPlanGuard } from './limits.guard.ts';
import { previewPlanChange } from './limits.preview.ts';

const tags = ['billing'];
const LABELS: Record<KeepMetric, string> = { adAccounts: 'Ad accounts', rules: 'Automation rules', users: 'Users' };
const DEFAULT_RULE = 'Until you choose, the most recently created ones are kept (owners always); the others are read-only, never deleted.';

function present(over: OverLimit): OverLimitList['metrics'][number] {
  return {
    metric: over.metric, label: LABELS[over.metric], limit: over.limit, used: over.objects.length, over: over.readOnly.size > 0, chosen: over.chosen,
    items: over.objects.map((o) => ({ id: o.id, label: o.label, createdAt: o.createdAt.toISOString(), kept: over.kept.has(o.id), pinned: o.pinned })),
  };
}

async function overLimitList(ctx: AppContext, orgId: string): Promise<OverLimitList> {
  const metrics: KeepMetric[] = ['adAccounts', 'rules', 'users'];
  return { metrics: await Promise.all(metrics.map(async (m) => present(await overLimitOf(ctx, ctx.db, orgId, m)))), defaultRule: DEFAULT_RULE };
}

/** Plan limits: the plan guard on every organisation route, what is over the plan and what to keep, and the price of a plan change. */
export function registerLimitsRoutes(app: App, ctx: AppContext): void {
  installPlanGuard(app, ctx);
  app.get('/api/v1/orgs/:orgId/billing/over-limit', {
    schema: { tags, summary: "Ad accounts, rules and users against the plan's limits: which are kept and which are read-only until the organisation chooses what to keep", params: OrgParams, response: { 200: OverLimitList, ...orgRouteErrors } },
  }, async (request) => {
    const access = await requireOrgAccess(ctx, request, request.params.orgId, 'org:read');
    return overLimitList(ctx, access.orgId);
  });

  app.put('/api/v1/orgs/:orgId/billing/over-limit', {
    schema: { tags, summary: "Choose which ad accounts, rules or users stay writable (at most the plan's limit; owners always); the others become read-only, nothing is deleted", params: OrgParams, body: KeepBody, response: { 200: OverLimitList, ...orgRouteErrors } },
  }, async (request) => {
    const access = await requireOrgAccess(ctx, request, request.params.orgId, 'org:update');
    await chooseKept(ctx, access.orgId, auditSource(request, access.actor), request.body.metric, request.body.keep);
    return overLimitList(ctx, access.orgId);
  });

  app.post('/api/v1/orgs/:orgId/billing/change/preview', {
    schema: { tags, summary: "What a plan change costs before it is confirmed: charged today (Stripe's prorated invoice preview), then the price per interval, when it takes effect and what would be over the new limits", params: OrgParams, body: CheckoutBody, response: { 200: PlanChangePreview, ...conflictErrors, 502: ErrorResponse, 503: ErrorResponse } },
  }, async (request) => {
    const access = await requireOrgAccess(ctx, request, request.params.orgId, 'org:update');
    return previewPlanChange(ctx, app, access.orgId, request.body);
  });
}
