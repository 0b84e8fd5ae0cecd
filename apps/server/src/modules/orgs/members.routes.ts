import { ListQuery, MemberAdAccounts, MemberPage, MemberParams, Member, OrgParams, SetMemberAdAccountsBody, UpdateMemberBody } from '@adloop/contracts';
import type { App } from '../../platform/http/app.ts';
import type { AppContext } from '../../platform/context.ts';
import { authenticate, requireOrgAccess } from '../auth/auth.guard.ts';
import { auditSource } from '../audit/audit.writer.ts';
import { changeMemberRole, listMembers, removeMember } from './members.service.ts';
import { getMemberAccounts, setMemberAccounts } from './member-accounts.service.ts';
import { conflictErrors, noContent, orgRouteErrors } from './route-schemas.ts';

const tags = ['members'];

export function registerMemberRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/v1/orgs/:orgId/members',
    { schema: { tags, summary: 'Members, sorted by email', params: OrgParams, querystring: ListQuery, response: { 200: MemberPage, ...orgRouteErrors } } },
    async (request) => {
      const access = await requireOrgAccess(ctx, request, request.params.orgId, 'members:read');
      return listMembers(ctx, access, request.query);
    },
  );

  app.patch(
    '/api/v1/orgs/:orgId/members/:userId',
    {
      schema: {
        tags,
        summary: "Change a member's role (admins cannot create or demote owners; the last owner stays)",
        params: MemberParams,
        body: UpdateMemberBody,
        response: { 200: Member, ...conflictErrors },
      },
    },
    async (request) => {
      const access = await requireOrgAccess(ctx, request, request.params.orgId, 'members:manage');
      return changeMemberRole(ctx, access, auditSource(request, access.actor), request.params.userId, request.body.role);
    },
  );

  app.delete(
    '/api/v1/orgs/:orgId/members/:userId',
    { schema: { tags, summary: 'Remove a member, or leave (your own userId)', params: MemberParams, response: { ...noContent, ...conflictErrors } } },
    async (request, reply) => {
      // Leaving needs only membership; removing someone else needs members:manage.
      const caller = await authenticate(ctx, request);
      const isSelf = caller?.kind === 'user' && caller.userId === request.params.userId;
      const access = await requireOrgAccess(ctx, request, request.params.orgId, isSelf ? 'members:leave' : 'members:manage');
      await removeMember(ctx, access, auditSource(request, access.actor), request.params.userId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/orgs/:orgId/members/:userId/ad-accounts',
    {
      schema: {
        tags,
        summary: 'The ad accounts a member works on (only the member role is limited to assigned accounts)',
        params: MemberParams,
        response: { 200: MemberAdAccounts, ...orgRouteErrors },
      },
    },
    async (request) => {
      const access = await requireOrgAccess(ctx, request, request.params.orgId, 'members:assign_accounts');
      return getMemberAccounts(ctx, access.orgId, request.params.userId);
    },
  );

  app.put(
    '/api/v1/orgs/:orgId/members/:userId/ad-accounts',
    {
      schema: {
        tags,
        summary: 'Set the ad accounts a member works on (replaces the whole set; 409 for any role but member)',
        params: MemberParams,
        body: SetMemberAdAccountsBody,
        response: { 200: MemberAdAccounts, ...conflictErrors },
      },
    },
    async (request) => {
      const access = await requireOrgAccess(ctx, request, request.params.orgId, 'members:assign_accounts');
      return setMemberAccounts(ctx, access, auditSource(request, access.actor), request.params.userId, request.body.adAccountIds);
    },
  );
}
