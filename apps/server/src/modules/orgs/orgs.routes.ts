import { CreateOrgBody, OrgParams, Organization, UpdateOrgBody } from '@adloop/contracts';
import type { App } from '../../platform/http/app.ts';
import type { AppContext } from '../../platform/context.ts';
import { requireOrgAccess, requireUser } from '../auth/auth.guard.ts';
import { auditSource } from '../audit/audit.writer.ts';
import { registerApiKeyRoutes } from './api-keys.routes.ts';
import { registerInvitationRoutes } from './invitations.routes.ts';
import { registerMemberRoutes } from './members.routes.ts';
import { createOrganization, getOrganization, updateOrganization } from './orgs.service.ts';
import { orgRouteErrors } from './route-schemas.ts';

const tags = ['organizations'];

/** Organisations, members, invitations and API keys. Every `/orgs/:orgId` route checks access first. */
export function registerOrgRoutes(app: App, ctx: AppContext): void {
  app.post(
    '/api/v1/orgs',
    { schema: { tags, summary: 'Create an organisation (you become its owner), with its reporting currency and time zone', body: CreateOrgBody, response: { 201: Organization, ...orgRouteErrors } } },
    async (request, reply) => {
      const user = await requireUser(ctx, request);
      const org = await createOrganization(ctx, auditSource(request, user), user.userId, request.body);
      return reply.status(201).send(org);
    },
  );

  app.get(
    '/api/v1/orgs/:orgId',
    { schema: { tags, summary: 'One organisation', params: OrgParams, response: { 200: Organization, ...orgRouteErrors } } },
    async (request) => {
      const access = await requireOrgAccess(ctx, request, request.params.orgId, 'org:read');
      return getOrganization(ctx, access);
    },
  );

  app.patch(
    '/api/v1/orgs/:orgId',
    {
      schema: {
        tags,
        summary: 'Rename the organisation or require two-factor authentication for its members',
        params: OrgParams,
        body: UpdateOrgBody,
        response: { 200: Organization, ...orgRouteErrors, 422: orgRouteErrors[400] },
      },
    },
    async (request) => {
      const access = await requireOrgAccess(ctx, request, request.params.orgId, 'org:update');
      return updateOrganization(ctx, access, auditSource(request, access.actor), request.body);
    },
  );

  registerMemberRoutes(app, ctx);
  registerInvitationRoutes(app, ctx);
  registerApiKeyRoutes(app, ctx);
}
