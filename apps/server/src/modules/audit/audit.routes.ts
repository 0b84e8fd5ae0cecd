import { AuditLogPage, AuditLogQuery, ErrorResponse, OrgParams } from '@adloop/contracts';
import type { App } from '../../platform/http/app.ts';
import type { AppContext } from '../../platform/context.ts';
import { requireOrgAccess, requireUser } from '../auth/auth.guard.ts';
import { listAuditLog, listUserActivity } from './audit.service.ts';

export function registerAuditRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/v1/orgs/:orgId/audit-log',
    {
      schema: {
        tags: ['audit'],
        summary: "The organisation's audit log, newest first",
        params: OrgParams,
        querystring: AuditLogQuery,
        response: { 200: AuditLogPage, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => {
      const access = await requireOrgAccess(ctx, request, request.params.orgId, 'audit:read');
      return listAuditLog(ctx, access.orgId, request.query);
    },
  );

  app.get(
    '/api/v1/me/activity',
    {
      schema: {
        tags: ['audit'],
        summary: 'Your own account activity: sign-ins, password, email, MFA and session changes, newest first',
        querystring: AuditLogQuery,
        response: { 200: AuditLogPage, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse },
      },
    },
    async (request) => {
      const user = await requireUser(ctx, request);
      return listUserActivity(ctx, user.userId, request.query);
    },
  );
}
