import { AccountForecast, AnomalyAlerts, BudgetRecommendations, ErrorResponse, ForecastQuery, InsightsQuery, OrgParams, ProposeBudgetsBody, ProposedBudgets } from '@adloop/contracts';
import type { App } from '../../platform/http/app.ts';
import type { AppContext } from '../../platform/context.ts';
import { requireOrgAccess } from '../auth/auth.guard.ts';
import { conflictErrors, orgRouteErrors } from '../orgs/route-schemas.ts';
import { accountForecast, anomalyAlerts, budgetRecommendations, proposeBudgets } from './insights.service.ts';
import { registerProjectionRoutes } from './projection.routes.ts';

/** Budget recommendations over fitted response curves (proposed through the approval inbox) and open anomalies, per ad account. */
export function registerInsightsRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/v1/orgs/:orgId/insights/recommendations',
    {
      schema: {
        tags: ['insights'],
        summary: "How to share an ad account's daily total over its campaigns: current → proposed budget, marginal ROAS/CPA, expected change in conversions, reason and curve",
        params: OrgParams,
        querystring: InsightsQuery,
        response: { 200: BudgetRecommendations, ...orgRouteErrors },
      },
    },
    async (request) => {
      const access = await requireOrgAccess(ctx, request, request.params.orgId, 'data:read');
      return budgetRecommendations(ctx, access, request.query.accountId);
    },
  );

  app.post(
    '/api/v1/orgs/:orgId/insights/recommendations/propose',
    {
      schema: {
        tags: ['insights'],
        summary: 'Send the recommended budgets (all, or the campaigns named) to the approval inbox as the AI; nothing is applied before a person approves',
        params: OrgParams,
        body: ProposeBudgetsBody,
        response: { 201: ProposedBudgets, 200: ProposedBudgets, ...conflictErrors, 422: ErrorResponse },
      },
    },
    async (request, reply) => {
      const access = await requireOrgAccess(ctx, request, request.params.orgId, 'data:write');
      const result = await proposeBudgets(ctx, access, request.body);
      return reply.status(result.items.length > 0 ? 201 : 200).send(result);
    },
  );

  app.get(
    '/api/v1/orgs/:orgId/insights/anomalies',
    {
      schema: {
        tags: ['insights'],
        summary: "Open anomalies of an ad account and its campaigns: metric, expected against observed with its interval, since when and the likely cause",
        params: OrgParams,
        querystring: InsightsQuery,
        response: { 200: AnomalyAlerts, ...orgRouteErrors },
      },
    },
    async (request) => {
      const access = await requireOrgAccess(ctx, request, request.params.orgId, 'data:read');
      return anomalyAlerts(ctx, access, request.query.accountId);
    },
  );

  app.get(
    '/api/v1/orgs/:orgId/insights/forecasts',
    {
      schema: {
        tags: ['insights'],
        summary: "An ad account's daily spend, conversions and conversion value for the next 7–30 days, with 80 % and 95 % intervals",
        params: OrgParams,
        querystring: ForecastQuery,
        response: { 200: AccountForecast, ...orgRouteErrors },
      },
    },
    async (request) => {
      const access = await requireOrgAccess(ctx, request, request.params.orgId, 'data:read');
      return accountForecast(ctx, access, request.query.accountId, request.query.days);
    },
  );

  registerProjectionRoutes(app, ctx);
}
