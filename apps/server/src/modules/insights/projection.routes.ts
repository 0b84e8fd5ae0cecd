import { CampaignForecast, CampaignForecastQuery, CampaignParams, MonthEndProjection, OrgParams } from '@adloop/contracts';
import type { App } from '../../platform/http/app.ts';
import type { AppContext } from '../../platform/context.ts';
import { requireOrgAccess } from '../auth/auth.guard.ts';
import { orgRouteErrors } from '../orgs/route-schemas.ts';
import { campaignForecast } from './campaign-forecast.service.ts';
import { monthEndProjection } from './projection.service.ts';

/** Where the month lands (per account and organisation, with pacing warnings) and a campaign's forecast band. */
export function registerProjectionRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/v1/orgs/:orgId/insights/month-end',
    {
      schema: {
        tags: ['insights'],
        summary: 'Month-end projection of spend, conversions and value per ad account and for the organisation (reporting currency) with 80 % ranges, and pacing against the month’s plan (daily budgets × days) for accounts and campaigns',
        params: OrgParams,
        response: { 200: MonthEndProjection, ...orgRouteErrors },
      },
    },
    async (request) => {
      const access = await requireOrgAccess(ctx, request, request.params.orgId, 'data:read');
      return monthEndProjection(ctx, access);
    },
  );

  app.get(
    '/api/v1/orgs/:orgId/insights/forecasts/campaigns/:campaignId',
    {
      schema: {
        tags: ['insights'],
        summary: "A campaign's daily spend, conversions and conversion value for the next 7–30 days, with 80 % and 95 % intervals",
        params: CampaignParams,
        querystring: CampaignForecastQuery,
        response: { 200: CampaignForecast, ...orgRouteErrors },
      },
    },
    async (request) => {
      const access = await requireOrgAccess(ctx, request, request.params.orgId, 'data:read');
      return campaignForecast(ctx, access, request.params.campaignId, request.query.days);
    },
  );
}
