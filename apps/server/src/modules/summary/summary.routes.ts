import { DailySummary, DailySummaryQuery, DailySummarySent, OrgParams } from '@adloop/contracts';
import type { App } from '../../platform/http/app.ts';
import type { AppContext } from '../../platform/context.ts';
import { requireOrgAccess } from '../auth/auth.guard.ts';
import { emitNotification } from '../notifications/emit.ts';
import { orgRouteErrors } from '../orgs/route-schemas.ts';
import { dailySummary, summaryDate } from './summary.service.ts';
import { summaryText } from './summary.text.ts';

const base = '/api/v1/orgs/:orgId/summary/daily';

/** The daily summary: a preview of any finished day (the accounts the person can see), and a copy sent to oneself. */
export function registerSummaryRoutes(app: App, ctx: AppContext): void {
  app.get(base, {
    schema: { tags: ['summary'], summary: 'The daily summary of a day (yesterday by default): against the day before and the forecast, top movers, open anomalies, proposals waiting', params: OrgParams, querystring: DailySummaryQuery, response: { 200: DailySummary, ...orgRouteErrors } },
  }, async (request) => {
    const access = await requireOrgAccess(ctx, request, request.params.orgId, 'data:read');
    return dailySummary(ctx, access, await summaryDate(ctx, access.orgId, request.query.date));
  });

  app.post(`${base}/preview`, {
    schema: { tags: ['summary'], summary: 'Send me the daily summary of a day now (through my own notification preferences for the daily summary)', params: OrgParams, querystring: DailySummaryQuery, response: { 200: DailySummarySent, ...orgRouteErrors } },
  }, async (request) => {
    const access = await requireOrgAccess(ctx, request, request.params.orgId, 'data:read');
    const summary = await dailySummary(ctx, access, await summaryDate(ctx, access.orgId, request.query.date));
    const text = summaryText(summary);
    const userId = access.actor.kind === 'user' ? access.actor.userId : null;
    const eventId = await emitNotification(ctx, ctx.db, { orgId: access.orgId, kind: 'summary.daily', title: `Preview: ${text.title}`, body: text.body, link: `/orgs/${access.orgId}/dashboard`, recipients: userId ? [userId] : [], data: { date: summary.date, preview: true } });
    return { sent: eventId !== null, eventId };
  });
}
