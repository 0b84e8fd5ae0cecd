import {
  AcceptInvitationBody,
  AcceptInvitationResponse,
  CreateInvitationBody,
  ErrorResponse,
  Invitation,
  InvitationPage,
  InvitationParams,
  InvitationPreview,
  ListQuery,
  OrgParams,
  TokenParams,
} from '@adloop/contracts';
import type { App } from '../../platform/http/app.ts';
import type { AppContext } from '../../platform/context.ts';
import { requireOrgAccess, requireUser } from '../auth/auth.guard.ts';
import { auditSource } from '../audit/audit.writer.ts';
import { acceptInvitation, previewInvitation } from './invitations.accept.service.ts';
import { createInvitation, listInvitations, revokeInvitation } from './invitations.service.ts';
import { conflictErrors, noContent, orgRouteErrors } from './route-schemas.ts';

const tags = ['invitations'];

export function registerInvitationRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/v1/orgs/:orgId/invitations',
    { schema: { tags, summary: 'Pending invitations, sorted by email', params: OrgParams, querystring: ListQuery, response: { 200: InvitationPage, ...orgRouteErrors } } },
    async (request) => {
      const access = await requireOrgAccess(ctx, request, request.params.orgId, 'invitations:manage');
      return listInvitations(ctx, access.orgId, request.query);
    },
  );

  app.post(
    '/api/v1/orgs/:orgId/invitations',
    {
      schema: {
        tags,
        summary: 'Invite someone by email (replaces an earlier pending invitation to the same address)',
        params: OrgParams,
        body: CreateInvitationBody,
        response: { 201: Invitation, ...conflictErrors },
      },
    },
    async (request, reply) => {
      const access = await requireOrgAccess(ctx, request, request.params.orgId, 'invitations:manage');
      const invitation = await createInvitation(ctx, access, auditSource(request, access.actor), request.body);
      return reply.status(201).send(invitation);
    },
  );

  app.delete(
    '/api/v1/orgs/:orgId/invitations/:invitationId',
    { schema: { tags, summary: 'Revoke a pending invitation', params: InvitationParams, response: { ...noContent, ...conflictErrors } } },
    async (request, reply) => {
      const access = await requireOrgAccess(ctx, request, request.params.orgId, 'invitations:manage');
      await revokeInvitation(ctx, access, auditSource(request, access.actor), request.params.invitationId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/invitations/:token',
    { schema: { tags, summary: 'Preview an invitation from its link (no sign-in needed)', params: TokenParams, response: { 200: InvitationPreview, 404: ErrorResponse } } },
    async (request) => previewInvitation(ctx, request.params.token),
  );

  app.post(
    '/api/v1/invitations/accept',
    {
      schema: {
        tags,
        summary: 'Accept an invitation as the signed-in person it was sent to',
        body: AcceptInvitationBody,
        response: { 200: AcceptInvitationResponse, ...conflictErrors, 410: ErrorResponse },
      },
    },
    async (request) => {
      const user = await requireUser(ctx, request);
      return acceptInvitation(ctx, user, auditSource(request, user), request.body.token);
    },
  );
}
