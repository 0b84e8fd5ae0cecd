import { z } from 'zod';
import { ErrorResponse, PublicReportParams, ReportData, ReportLink, ReportLinkBody, ReportLinkList, ReportLinkParams, ReportLinkViewList, ReportParams } from '@adloop/contracts';
import type { App } from '../../platform/http/app.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { requireOrgAccess } from '../auth/auth.guard.ts';
import { auditSource } from '../audit/audit.writer.ts';
import { orgRouteErrors } from '../orgs/route-schemas.ts';
import { createLink, linkedLogo, linkViews, listLinks, revokeLink, viewLinkedReport } from './links.service.ts';
import { createWindowLimiter } from './rate-limit.ts';
import { sendBytes } from './send-file.ts';

const base = '/api/v1/orgs/:orgId/reports/:reportId/links';
const publicErrors = { 404: ErrorResponse, 410: ErrorResponse, 429: ErrorResponse } as const;

/** Client links (made by members) and the signed-out report page's data (by token). */
export function registerReportLinkRoutes(app: App, ctx: AppContext): void {
  // Per address: 60 openings a minute (a page load asks for the numbers and the logo).
  const limiter = createWindowLimiter({ limit: 60, windowMs: 60_000 });
  const limit = (address: string) => {
    const waitMs = limiter.hit(address, ctx.clock.now().getTime());
    if (waitMs > 0) throw new AppError('rate_limited', `Too many requests for this report. Try again in ${Math.ceil(waitMs / 1000)} s.`);
  };

  app.get(base, {
    schema: { tags: ['reports'], summary: "The report's client links with their view counts", params: ReportParams, response: { 200: ReportLinkList, ...orgRouteErrors } },
  }, async (request) => listLinks(ctx, await requireOrgAccess(ctx, request, request.params.orgId, 'data:read'), request.params.reportId));

  app.post(base, {
    schema: { tags: ['reports'], summary: "Make a read-only client link to the live report (the report's accounts only), expiring after the days given", params: ReportParams, body: ReportLinkBody, response: { 201: ReportLink, ...orgRouteErrors } },
  }, async (request, reply) => {
    const access = await requireOrgAccess(ctx, request, request.params.orgId, 'data:write');
    return reply.code(201).send(await createLink(ctx, access, auditSource(request, access.actor), request.params.reportId, request.body));
  });

  app.post(`${base}/:linkId/revoke`, {
    schema: { tags: ['reports'], summary: 'Turn a client link off (at once; it cannot be turned on again)', params: ReportLinkParams, body: z.strictObject({}).optional(), response: { 200: ReportLink, ...orgRouteErrors } },
  }, async (request) => {
    const access = await requireOrgAccess(ctx, request, request.params.orgId, 'data:write');
    return revokeLink(ctx, access, auditSource(request, access.actor), request.params.reportId, request.params.linkId);
  });

  app.get(`${base}/:linkId/views`, {
    schema: { tags: ['reports'], summary: 'Every opening of a client link, newest first', params: ReportLinkParams, response: { 200: ReportLinkViewList, ...orgRouteErrors } },
  }, async (request) => linkViews(ctx, await requireOrgAccess(ctx, request, request.params.orgId, 'data:read'), request.params.reportId, request.params.linkId));

  app.get('/api/v1/report-links/:token', {
    schema: { tags: ['reports'], summary: 'The live report behind a client link, without signing in (logged as a view; 410 once expired or revoked)', params: PublicReportParams, response: { 200: ReportData, ...publicErrors } },
  }, async (request, reply) => {
    limit(request.ip);
    const data = await viewLinkedReport(ctx, request.params.token, { userAgent: request.headers['user-agent'] ?? null, address: request.ip });
    return reply.header('cache-control', 'no-store').header('x-robots-tag', 'noindex').send(data);
  });

  app.get('/api/v1/report-links/:token/logo', {
    schema: { tags: ['reports'], summary: "The logo of a client link's report", params: PublicReportParams, response: { 200: z.string().meta({ description: 'image/png or image/jpeg' }), ...publicErrors } },
  }, async (request, reply) => {
    limit(request.ip);
    const logo = await linkedLogo(ctx, request.params.token);
    if (!logo) throw notFound('Logo');
    return sendBytes(reply, logo.logoType, logo.logo, { 'cache-control': 'no-store' });
  });
}
