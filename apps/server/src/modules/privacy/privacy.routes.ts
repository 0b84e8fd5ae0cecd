import { z } from 'zod';
import {
  DataExport, DataExportList, DataExportParams, DeleteAccountBody, DeleteOrganizationBody, DeletionStatus, ErrorResponse, OrgParams, PrivacyActionBody,
} from '@adloop/contracts';
import { eq } from 'drizzle-orm';
import { organizations } from '@adloop/db';
import type { App } from '../../platform/http/app.ts';
import type { AppContext } from '../../platform/context.ts';
import { fieldError, notFound } from '../../platform/errors.ts';
import { requireOrgAccess, requireUser } from '../auth/auth.guard.ts';
import { conflictErrors, orgRouteErrors } from '../orgs/route-schemas.ts';
import { sendBytes } from '../reports/send-file.ts';
import {
  findOrganisationErasure, findUserErasure, restoreOrganisation, restoreUser, scheduleOrganisationErasure, scheduleUserErasure, type ScheduledErasure,
} from './erasure.service.ts';
import { downloadExport, getExport, listExports, requestExport } from './export.service.ts';

const tags = ['privacy'];
const userErrors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse } as const;
const present = (s: ScheduledErasure | null) => ({
  scheduled: s ? { id: s.id, subjectType: s.subjectType, subjectId: s.subjectId, requestedAt: s.requestedAt.toISOString(), purgeAfter: s.purgeAfter.toISOString() } : null,
});

/** Data exports (a person's own, an organisation's for its owner) and deletions with their grace period. */
export function registerPrivacyRoutes(app: App, ctx: AppContext): void {
  app.get('/api/v1/me/deletion', { schema: { tags, summary: 'Whether your account is scheduled for deletion, and when it will be purged', response: { 200: DeletionStatus, ...userErrors } } }, async (request) => {
    const user = await requireUser(ctx, request);
    return present(await findUserErasure(ctx, user.userId));
  });

  app.post('/api/v1/me/deletion', { schema: { tags, summary: 'Delete my account: restorable for 30 days, then purged (409 while you are the only owner of an organisation)', body: DeleteAccountBody, response: { 202: DeletionStatus, ...userErrors, 409: ErrorResponse } } }, async (request, reply) => {
    const user = await requireUser(ctx, request);
    return reply.status(202).send(present(await scheduleUserErasure(ctx, user.userId, request.body.reason ?? '')));
  });

  app.post('/api/v1/me/deletion/restore', { schema: { tags, summary: 'Keep my account: cancel its scheduled deletion', body: PrivacyActionBody, response: { 200: DeletionStatus, ...userErrors } } }, async (request) => {
    const user = await requireUser(ctx, request);
    await restoreUser(ctx, user.userId);
    return present(null);
  });

  app.get('/api/v1/orgs/:orgId/deletion', { schema: { tags, summary: "Whether the organisation is scheduled for deletion, and when it will be purged", params: OrgParams, response: { 200: DeletionStatus, ...orgRouteErrors } } }, async (request) => {
    const access = await requireOrgAccess(ctx, request, request.params.orgId, 'org:read');
    return present(await findOrganisationErasure(ctx, access.orgId));
  });

  app.post('/api/v1/orgs/:orgId/deletion', { schema: { tags, summary: "Delete the organisation (owner, typing its name): restorable for 30 days, then purged", params: OrgParams, body: DeleteOrganizationBody, response: { 202: DeletionStatus, ...conflictErrors } } }, async (request, reply) => {
    const access = await requireOrgAccess(ctx, request, request.params.orgId, 'org:delete');
    const [org] = await ctx.db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, access.orgId)).limit(1);
    if (!org) throw notFound('Organisation');
    if (request.body.confirmName.trim() !== org.name) throw fieldError('confirmName', "must be the organisation's name, exactly");
    const by = { kind: 'user' as const, id: access.actor.kind === 'user' ? access.actor.userId : access.actor.keyId };
    return reply.status(202).send(present(await scheduleOrganisationErasure(ctx, access.orgId, by, request.body.reason ?? '')));
  });

  app.post('/api/v1/orgs/:orgId/deletion/restore', { schema: { tags, summary: "Keep the organisation: cancel its scheduled deletion (owner)", params: OrgParams, body: PrivacyActionBody, response: { 200: DeletionStatus, ...orgRouteErrors } } }, async (request) => {
    const access = await requireOrgAccess(ctx, request, request.params.orgId, 'org:delete');
    await restoreOrganisation(ctx, access.orgId, { kind: 'user', id: access.actor.kind === 'user' ? access.actor.userId : access.actor.keyId });
    return present(null);
  });

  app.post('/api/v1/me/exports', { schema: { tags, summary: 'Export my data: a job builds a zip (JSON and CSV) and emails the link, valid 7 days', body: PrivacyActionBody, response: { 202: DataExport, ...userErrors } } }, async (request, reply) => {
    const user = await requireUser(ctx, request);
    return reply.status(202).send(await requestExport(ctx, user.userId, null));
  });

  app.post('/api/v1/orgs/:orgId/exports', { schema: { tags, summary: "Export the organisation's data (owner): a zip of JSON and CSV built by a job, the link emailed to you", params: OrgParams, body: PrivacyActionBody, response: { 202: DataExport, ...orgRouteErrors } } }, async (request, reply) => {
    const access = await requireOrgAccess(ctx, request, request.params.orgId, 'org:delete');
    const user = await requireUser(ctx, request);
    return reply.status(202).send(await requestExport(ctx, user.userId, access.orgId));
  });

  app.get('/api/v1/me/exports', { schema: { tags, summary: 'My data exports, newest first, with their progress', response: { 200: DataExportList, ...userErrors } } }, async (request) => {
    const user = await requireUser(ctx, request);
    return { items: await listExports(ctx, user.userId) };
  });

  app.get('/api/v1/me/exports/:exportId', { schema: { tags, summary: 'One of my data exports', params: DataExportParams, response: { 200: DataExport, ...userErrors } } }, async (request) => {
    const user = await requireUser(ctx, request);
    return getExport(ctx, user.userId, request.params.exportId);
  });

  app.get('/api/v1/me/exports/:exportId/download', { schema: { tags, summary: 'Download a ready export (only by the person who asked for it; 410 once expired)', params: DataExportParams, response: { 200: z.string().meta({ description: 'application/zip' }), ...userErrors, 409: ErrorResponse, 410: ErrorResponse } } }, async (request, reply) => {
    const user = await requireUser(ctx, request);
    const file = await downloadExport(ctx, user.userId, request.params.exportId);
    return sendBytes(reply, 'application/zip', file.bytes, { 'content-disposition': `attachment; filename="${file.name}"`, 'cache-control': 'private, no-store' });
  });
}
