import {
  AdAccountParams,
  Connection,
  ConnectionParams,
  ConnectionsOverview,
  OAuthCallbackParams,
  OAuthCallbackQuery,
  OrgParams,
  SelectAccountsBody,
  StartConnectBody,
  StartConnectResponse,
  SyncRequestResponse,
  SyncRunPage,
  SyncRunQuery,
  MirroredCampaignPage,
  PageQuery,
} from '@adloop/contracts';
import { z } from 'zod';
import type { App } from '../../platform/http/app.ts';
import type { AppContext } from '../../platform/context.ts';
import { authenticate, requireAccountInScope, requireOrgAccess } from '../auth/auth.guard.ts';
import { auditSource, systemSource } from '../audit/audit.writer.ts';
import { conflictErrors, noContent, orgRouteErrors } from '../orgs/route-schemas.ts';
import { completeConnect, disconnect, getConnection, getOverview, requestSync, selectAccounts, startConnect } from './connections.service.ts';
import { listAccountCampaigns, listSyncRuns } from '../sync/sync-log.service.ts';

const tags = ['connections'];

export function registerConnectionRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/v1/orgs/:orgId/connections',
    { schema: { tags, summary: 'Platforms this installation offers, and the organisation’s connections with their accounts and health', params: OrgParams, response: { 200: ConnectionsOverview, ...orgRouteErrors } } },
    async (request) => {
      const access = await requireOrgAccess(ctx, request, request.params.orgId, 'data:read');
      return getOverview(ctx, access);
    },
  );

  app.post(
    '/api/v1/orgs/:orgId/connections/authorize',
    {
      schema: {
        tags,
        summary: 'Start connecting a platform: returns the consent page URL (single-use state bound to this session, 10 minutes)',
        params: OrgParams,
        body: StartConnectBody,
        response: { 201: StartConnectResponse, ...orgRouteErrors },
      },
    },
    async (request, reply) => {
      const access = await requireOrgAccess(ctx, request, request.params.orgId, 'connections:manage');
      const started = await startConnect(ctx, access, request.body.platform);
      return reply.status(201).header('cache-control', 'no-store').send(started);
    },
  );

  app.get(
    '/api/v1/oauth/:platform/callback',
    {
      schema: {
        tags,
        summary: 'Where the platform’s consent page sends the browser back; redirects into the web app',
        params: OAuthCallbackParams,
        querystring: OAuthCallbackQuery,
        response: { 302: z.null().meta({ description: 'Redirect to the web app' }) },
      },
    },
    async (request, reply) => {
      const actor = await authenticate(ctx, request);
      const caller = actor?.kind === 'user' ? { userId: actor.userId, sessionId: actor.sessionId } : null;
      const source = actor ? auditSource(request, actor) : systemSource('oauth callback');
      const outcome = await completeConnect(ctx, caller, source, request.params.platform, request.query);
      const target = outcome.ok
        ? `/orgs/${outcome.orgId}/connections?pick=${outcome.connectionId}`
        : outcome.orgId
          ? `/orgs/${outcome.orgId}/connections?error=${encodeURIComponent(outcome.reason)}`
          : `/connect-failed?reason=${encodeURIComponent(outcome.reason)}`;
      return reply.header('cache-control', 'no-store').redirect(target, 302);
    },
  );

  app.get(
    '/api/v1/orgs/:orgId/connections/:connectionId',
    { schema: { tags, summary: 'One connection with its granted accounts and their health', params: ConnectionParams, response: { 200: Connection, ...orgRouteErrors } } },
    async (request) => {
      const access = await requireOrgAccess(ctx, request, request.params.orgId, 'data:read');
      return getConnection(ctx, access, request.params.connectionId);
    },
  );

  app.put(
    '/api/v1/orgs/:orgId/connections/:connectionId/accounts',
    {
      schema: {
        tags,
        summary: 'Choose which granted accounts Adloop mirrors and syncs (newly added ones start syncing at once)',
        params: ConnectionParams,
        body: SelectAccountsBody,
        response: { 200: Connection, ...orgRouteErrors },
      },
    },
    async (request) => {
      const access = await requireOrgAccess(ctx, request, request.params.orgId, 'connections:manage');
      return selectAccounts(ctx, access, auditSource(request, access.actor), request.params.connectionId, request.body.accountIds);
    },
  );

  app.delete(
    '/api/v1/orgs/:orgId/connections/:connectionId',
    {
      schema: {
        tags,
        summary: 'Disconnect: revoke the token at the platform where possible, delete the stored tokens, stop syncing (history stays)',
        params: ConnectionParams,
        response: { ...noContent, ...orgRouteErrors },
      },
    },
    async (request, reply) => {
      const access = await requireOrgAccess(ctx, request, request.params.orgId, 'connections:disconnect');
      await disconnect(ctx, access, auditSource(request, access.actor), request.params.connectionId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/orgs/:orgId/ad-accounts/:accountId/sync',
    { schema: { tags, summary: 'Sync this account now', params: AdAccountParams, response: { 202: SyncRequestResponse, ...conflictErrors } } },
    async (request, reply) => {
      const access = await requireOrgAccess(ctx, request, request.params.orgId, 'data:write');
      requireAccountInScope(access, request.params.accountId);
      return reply.status(202).send(await requestSync(ctx, access, request.params.accountId));
    },
  );

  app.get(
    '/api/v1/orgs/:orgId/ad-accounts/:accountId/sync-runs',
    { schema: { tags, summary: 'The sync log of an account, newest first', params: AdAccountParams, querystring: SyncRunQuery, response: { 200: SyncRunPage, ...orgRouteErrors } } },
    async (request) => {
      const access = await requireOrgAccess(ctx, request, request.params.orgId, 'data:read');
      requireAccountInScope(access, request.params.accountId);
      return listSyncRuns(ctx, access.orgId, request.params.accountId, request.query);
    },
  );

  app.get(
    '/api/v1/orgs/:orgId/ad-accounts/:accountId/campaigns',
    {
      schema: {
        tags,
        summary: 'The mirrored campaigns of an account with their last 7 days of numbers',
        params: AdAccountParams,
        querystring: PageQuery,
        response: { 200: MirroredCampaignPage, ...orgRouteErrors },
      },
    },
    async (request) => {
      const access = await requireOrgAccess(ctx, request, request.params.orgId, 'data:read');
      requireAccountInScope(access, request.params.accountId);
      return listAccountCampaigns(ctx, access.orgId, request.params.accountId, request.query);
    },
  );
}
