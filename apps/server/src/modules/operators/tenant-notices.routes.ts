import { ErrorResponse, ImpersonationNotice, OrgParams, SuspensionNotice } from '@adloop/contracts';
import type { App } from '../../platform/http/app.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { requireOrgAccess } from '../auth/auth.guard.ts';
import { noContent, orgRouteErrors } from '../orgs/route-schemas.ts';
import { stopImpersonation, toImpersonationDto } from './impersonation.service.ts';
import { END_IMPERSONATION_PATH, installTenantGuard, requestImpersonation } from './tenant-guard.ts';
import { findSuspension } from './tenants.repository.ts';

const tags = ['operators'];

/** What the tenant's app shows while support looks or while the organisation is suspended. */
export function registerTenantNoticeRoutes(app: App, ctx: AppContext): void {
  installTenantGuard(app, ctx);

  app.get('/api/v1/impersonation', {
    schema: { tags, summary: 'Whether this session is Adloop support looking at the organisation (the banner on every page)', security: [], response: { 200: ImpersonationNotice } },
  }, async (request) => {
    const row = await requestImpersonation(ctx, request);
    return { impersonation: row ? toImpersonationDto(row) : null };
  });

  app.post(END_IMPERSONATION_PATH, {
    schema: { tags, summary: 'Ends support’s impersonation session at once', security: [], response: { ...noContent, 400: ErrorResponse, 404: ErrorResponse } },
  }, async (request, reply) => {
    const row = await requestImpersonation(ctx, request);
    if (!row) throw new AppError('not_found', 'This session is not an impersonation');
    await stopImpersonation(ctx, row, 'banner');
    return reply.status(204).send(null);
  });

  app.get('/api/v1/orgs/:orgId/suspension', {
    schema: { tags, summary: 'Whether Adloop suspended the organisation, and why', params: OrgParams, response: { 200: SuspensionNotice, ...orgRouteErrors } },
  }, async (request) => {
    const access = await requireOrgAccess(ctx, request, request.params.orgId, 'org:read');
    const suspension = await findSuspension(ctx.db, access.orgId);
    return { suspension: suspension ? { reason: suspension.reason, suspendedAt: suspension.suspendedAt.toISOString() } : null };
  });
}
