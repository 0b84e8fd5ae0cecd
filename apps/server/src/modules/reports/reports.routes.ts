import { z } from 'zod';
import { OrgParams, ReportDefinition, ReportDefinitionBody, ReportDefinitionList, ReportLogoBody, ReportParams, ReportRun, ReportRunList, ReportRunParams } from '@adloop/contracts';
import type { App } from '../../platform/http/app.ts';
import type { AppContext } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { requireOrgAccess } from '../auth/auth.guard.ts';
import { auditSource } from '../audit/audit.writer.ts';
import { conflictErrors, noContent, orgRouteErrors } from '../orgs/route-schemas.ts';
import { setLogo } from './logo.service.ts';
import { reportFileName } from './report-run.service.ts';
import { createReport, deleteReport, listReports, presentDefinition, presentRun, requireDefinition, runReportNow, updateReport } from './reports.service.ts';
import * as repo from './reports.repository.ts';
import { registerReportLinkRoutes } from './links.routes.ts';
import { sendBytes } from './send-file.ts';
import { assertExportFormat } from '../billing/limits.ts';

const base = '/api/v1/orgs/:orgId/reports';

/** Report definitions, their schedule, run now, the history with downloads, and (links.routes) client links. */
export function registerReportRoutes(app: App, ctx: AppContext): void {
  registerReportLinkRoutes(app, ctx);

  app.get(base, {
    schema: { tags: ['reports'], summary: "The organisation's reports (a member limited to some accounts sees the reports within them) and the time zone their schedules follow", params: OrgParams, response: { 200: ReportDefinitionList, ...orgRouteErrors } },
  }, async (request) => listReports(ctx, await requireOrgAccess(ctx, request, request.params.orgId, 'data:read')));

  app.post(base, {
    schema: { tags: ['reports'], summary: 'Create a report: accounts, KPIs, breakdowns, period and comparison, branding, schedule in the organisation time zone, recipients', params: OrgParams, body: ReportDefinitionBody, response: { 201: ReportDefinition, ...orgRouteErrors } },
  }, async (request, reply) => {
    const access = await requireOrgAccess(ctx, request, request.params.orgId, 'data:write');
    return reply.code(201).send(await createReport(ctx, access, auditSource(request, access.actor), request.body));
  });

  app.get(`${base}/:reportId`, {
    schema: { tags: ['reports'], summary: 'One report definition', params: ReportParams, response: { 200: ReportDefinition, ...orgRouteErrors } },
  }, async (request) => {
    const access = await requireOrgAccess(ctx, request, request.params.orgId, 'data:read');
    return presentDefinition(await requireDefinition(ctx, access, request.params.reportId));
  });

  app.put(`${base}/:reportId`, {
    schema: { tags: ['reports'], summary: 'Replace a report definition (its next scheduled run is worked out again)', params: ReportParams, body: ReportDefinitionBody, response: { 200: ReportDefinition, ...orgRouteErrors } },
  }, async (request) => {
    const access = await requireOrgAccess(ctx, request, request.params.orgId, 'data:write');
    return updateReport(ctx, access, auditSource(request, access.actor), request.params.reportId, request.body);
  });

  app.delete(`${base}/:reportId`, {
    schema: { tags: ['reports'], summary: 'Delete a report with its history and client links (the links stop working)', params: ReportParams, response: { ...noContent, ...orgRouteErrors } },
  }, async (request, reply) => {
    const access = await requireOrgAccess(ctx, request, request.params.orgId, 'data:write');
    await deleteReport(ctx, access, auditSource(request, access.actor), request.params.reportId);
    return reply.code(204).send(null);
  });

  app.put(`${base}/:reportId/logo`, {
    schema: { tags: ['reports'], summary: "Set the report's logo: a PNG or JPEG upload (base64, at most 1 MB) or a public https address fetched once", params: ReportParams, body: ReportLogoBody, response: { ...noContent, ...orgRouteErrors } },
  }, async (request, reply) => {
    const access = await requireOrgAccess(ctx, request, request.params.orgId, 'data:write');
    await setLogo(ctx, access, auditSource(request, access.actor), request.params.reportId, request.body);
    return reply.code(204).send(null);
  });

  app.delete(`${base}/:reportId/logo`, {
    schema: { tags: ['reports'], summary: "Remove the report's logo", params: ReportParams, response: { ...noContent, ...orgRouteErrors } },
  }, async (request, reply) => {
    const access = await requireOrgAccess(ctx, request, request.params.orgId, 'data:write');
    await setLogo(ctx, access, auditSource(request, access.actor), request.params.reportId, null);
    return reply.code(204).send(null);
  });

  app.get(`${base}/:reportId/logo`, {
    schema: { tags: ['reports'], summary: "The report's logo image", params: ReportParams, response: { 200: z.string().meta({ description: 'image/png or image/jpeg' }), ...orgRouteErrors } },
  }, async (request, reply) => {
    const access = await requireOrgAccess(ctx, request, request.params.orgId, 'data:read');
    await requireDefinition(ctx, access, request.params.reportId);
    const logo = await repo.findLogo(ctx.db, access.orgId, request.params.reportId);
    if (!logo) throw notFound('Logo');
    return sendBytes(reply, logo.logoType, logo.logo, { 'cache-control': 'private, max-age=60' });
  });

  app.post(`${base}/:reportId/runs`, {
    schema: { tags: ['reports'], summary: 'Run the report now: renders the PDF and CSV in the background (see its progress in the history) and emails the recipients', params: ReportParams, body: z.strictObject({}).optional(), response: { 202: ReportRun, ...conflictErrors } },
  }, async (request, reply) => {
    const access = await requireOrgAccess(ctx, request, request.params.orgId, 'data:write');
    return reply.code(202).send(await runReportNow(ctx, access, request.params.reportId));
  });

  app.get(`${base}/:reportId/runs`, {
    schema: { tags: ['reports'], summary: 'The report history: each run with its state, progress, range and size, newest first', params: ReportParams, response: { 200: ReportRunList, ...orgRouteErrors } },
  }, async (request) => {
    const access = await requireOrgAccess(ctx, request, request.params.orgId, 'data:read');
    await requireDefinition(ctx, access, request.params.reportId);
    return { items: (await repo.listRuns(ctx.db, access.orgId, request.params.reportId)).map(presentRun) };
  });

  for (const format of ['pdf', 'csv'] as const) {
    app.get(`${base}/:reportId/runs/:runId/report.${format}`, {
      schema: { tags: ['reports'], summary: `Download a finished run as ${format.toUpperCase()}`, params: ReportRunParams, response: { 200: z.string().meta({ description: format === 'pdf' ? 'application/pdf' : 'text/csv' }), ...orgRouteErrors } },
    }, async (request, reply) => {
      const access = await requireOrgAccess(ctx, request, request.params.orgId, 'data:read');
      const definition = await requireDefinition(ctx, access, request.params.reportId);
      await assertExportFormat(ctx, ctx.db, access.orgId, format);
      const run = await repo.findRun(ctx.db, access.orgId, request.params.runId);
      const file = run && run.definitionId === definition.id ? await repo.runFile(ctx.db, access.orgId, definition.id, run.id, format) : null;
      if (!run || file === null) throw notFound('Report file');
      const name = reportFileName(definition.name, run.until ?? 'report', format);
      return sendBytes(reply, format === 'pdf' ? 'application/pdf' : 'text/csv; charset=utf-8', file, { 'content-disposition': `attachment; filename="${name}"` });
    });
  }
}
