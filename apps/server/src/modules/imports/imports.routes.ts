import { ErrorResponse, ImportApplyBody, ImportPreview, ImportPreviewBody, ImportResult, ImportTemplateQuery, OrgParams } from '@adloop/contracts';
import { z } from 'zod';
import type { App } from '../../platform/http/app.ts';
import type { AppContext } from '../../platform/context.ts';
import { requireOrgAccess } from '../auth/auth.guard.ts';
import { auditSource } from '../audit/audit.writer.ts';
import { orgRouteErrors } from '../orgs/route-schemas.ts';
import { applyImport, importTemplate, previewImport } from './imports.service.ts';

/**
 * The file travels as a JSON string: up to 2 MB of CSV (checked by the service, 413), with room for
 * JSON's escaping of quotes and line breaks.
 */
const IMPORT_BODY_LIMIT = 6 * 1024 * 1024;
const fileErrors = { ...orgRouteErrors, 413: ErrorResponse } as const;

/** Bulk import of campaign changes and new campaigns from CSV: template, preview (nothing sent), apply. */
export function registerImportRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/v1/orgs/:orgId/imports/template',
    {
      schema: {
        tags: ['imports'],
        summary: 'A CSV to fill in for an import: the columns of the kind and one example row',
        params: OrgParams,
        querystring: ImportTemplateQuery,
        response: { 200: z.string().meta({ description: 'text/csv' }), ...orgRouteErrors },
      },
    },
    async (request, reply) => {
      await requireOrgAccess(ctx, request, request.params.orgId, 'data:write');
      const { csv, fileName } = importTemplate(request.query.kind);
      return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${fileName}"`).send(csv);
    },
  );

  app.post(
    '/api/v1/orgs/:orgId/imports/preview',
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        tags: ['imports'],
        summary: 'Check a CSV of campaign changes or new campaigns row by row: errors by line and column, what each valid row would do. Nothing is sent',
        params: OrgParams,
        body: ImportPreviewBody,
        response: { 200: ImportPreview, ...fileErrors },
      },
    },
    async (request) => {
      const access = await requireOrgAccess(ctx, request, request.params.orgId, 'data:write');
      return previewImport(ctx, access, request.body);
    },
  );

  app.post(
    '/api/v1/orgs/:orgId/imports/apply',
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        tags: ['imports'],
        summary: 'Check the CSV again and send its valid rows (or the asked lines) through the change pipeline: one result per row (the change and its state, or why not)',
        params: OrgParams,
        body: ImportApplyBody,
        response: { 200: ImportResult, ...fileErrors, 409: ErrorResponse },
      },
    },
    async (request) => {
      const access = await requireOrgAccess(ctx, request, request.params.orgId, 'data:write');
      return applyImport(ctx, access, auditSource(request, access.actor), request.body);
    },
  );
}
