import { ApproveBody, CampaignChangePage, DecisionResults, OrgParams, ProposalListQuery, RejectBody } from '@adloop/contracts';
import type { App } from '../../platform/http/app.ts';
import type { AppContext } from '../../platform/context.ts';
import { requireOrgAccess } from '../auth/auth.guard.ts';
import { orgRouteErrors } from '../orgs/route-schemas.ts';
import { actorOf } from '../changes/actor.ts';
import { approveProposals, listProposals, rejectProposals } from './approvals.service.ts';

/** The approver's address and browser, kept on the decision's audit row. */
const originOf = (request: { ip: string; headers: { 'user-agent'?: string | undefined } }) => ({ ip: request.ip, userAgent: request.headers['user-agent'] ?? null });

/** The approval inbox: proposals of rules, the AI, members' launches and changes the policy holds. */
export function registerApprovalRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/v1/orgs/:orgId/proposals',
    {
      schema: {
        tags: ['approvals'],
        summary: 'The approval inbox: proposals (by default those waiting) with proposer, reason, before → after, money at stake per day, guardrails, evidence and staleness; filters and cursor pages',
        params: OrgParams,
        querystring: ProposalListQuery,
        response: { 200: CampaignChangePage, ...orgRouteErrors },
      },
    },
    async (request) => {
      const access = await requireOrgAccess(ctx, request, request.params.orgId, 'data:read');
      return listProposals(ctx, access, request.query);
    },
  );

  app.post(
    '/api/v1/orgs/:orgId/proposals/approve',
    {
      schema: {
        tags: ['approvals'],
        summary: 'Approve proposals (optionally with an edited budget): each becomes the same compare-and-set change a manual edit is, or launches the proposed campaign. One result per proposal; a stale one is refused (stale_proposal)',
        params: OrgParams,
        body: ApproveBody,
        response: { 200: DecisionResults, ...orgRouteErrors },
      },
    },
    async (request) => {
      const access = await requireOrgAccess(ctx, request, request.params.orgId, 'changes:approve');
      return approveProposals(ctx, access, actorOf(access.actor), request.body, originOf(request));
    },
  );

  app.post(
    '/api/v1/orgs/:orgId/proposals/reject',
    {
      schema: {
        tags: ['approvals'],
        summary: 'Reject proposals with a reason, kept on each for the proposer; one result per proposal',
        params: OrgParams,
        body: RejectBody,
        response: { 200: DecisionResults, ...orgRouteErrors },
      },
    },
    async (request) => {
      const access = await requireOrgAccess(ctx, request, request.params.orgId, 'changes:approve');
      return rejectProposals(ctx, access, actorOf(access.actor), request.body, originOf(request));
    },
  );
}
