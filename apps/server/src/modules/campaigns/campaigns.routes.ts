import {
  CampaignChange,
  CampaignChangeList,
  CampaignChangePage,
  CampaignDetail,
  CampaignDetailQuery,
  CampaignExportQuery,
  CampaignListQuery,
  CampaignParams,
  CampaignTable,
  ChangeListQuery,
  ChangeParams,
  CreateChangesBody,
  Dashboard,
  DashboardFreshness,
  DashboardQuery,
  OrgParams,
  UndoBody,
  TopMovers,
  ErrorResponse,
  CreationOptions,
  NewCampaignBody,
  ProposedLaunchResponse,
  CreatedCampaignResponse,
  AdAccountAssets,
  AdAccountParams,
} from '@adloop/contracts';
import { z } from 'zod';
import type { App } from '../../platform/http/app.ts';
import type { AppContext } from '../../platform/context.ts';
import { canSeeAccount, requireAccountInScope, requireOrgAccess } from '../auth/auth.guard.ts';
import { fieldError } from '../../platform/errors.ts';
import { auditSource } from '../audit/audit.writer.ts';
import { conflictErrors, orgRouteErrors } from '../orgs/route-schemas.ts';
import { dashboard, freshness, topMovers } from '../metrics/dashboard.queries.ts';
import { campaignTable } from '../metrics/campaign-table.queries.ts';
import { campaignCsv } from '../metrics/campaign-csv.ts';
import { campaignDetail } from '../metrics/campaign-detail.queries.ts';
import { getChange, listChanges, requestChanges, requestUndo } from '../changes/changes.service.ts';
import { actorOf } from '../changes/actor.ts';
import { creationOptions } from './create.service.ts';
import { launchCampaign } from './launch.service.ts';
import { registerApprovalRoutes } from '../approvals/approvals.routes.ts';
import { registerChangeSettingsRoutes } from '../changes/settings.routes.ts';
import { listAdAccountAssets } from './assets.service.ts';
import { registerCreativeRoutes } from './creatives.routes.ts';
import { registerUtmRoutes } from './utm.routes.ts';

export function registerCampaignRoutes(app: App, ctx: AppContext): void {
  registerUtmRoutes(app, ctx);
  registerCreativeRoutes(app, ctx);
  registerApprovalRoutes(app, ctx);
  registerChangeSettingsRoutes(app, ctx);
  app.get(
    '/api/v1/orgs/:orgId/dashboard',
    {
      schema: {
        tags: ['dashboard'],
        summary: 'KPIs for a date range with the change against the previous period, per platform and over time',
        params: OrgParams,
        querystring: DashboardQuery,
        response: { 200: Dashboard, ...orgRouteErrors },
      },
    },
    async (request) => {
      const access = await requireOrgAccess(ctx, request, request.params.orgId, 'data:read');
      return dashboard(ctx, access, request.query);
    },
  );

  app.get(
    '/api/v1/orgs/:orgId/dashboard/freshness',
    {
      schema: {
        tags: ['dashboard'],
        summary: "How fresh each platform's numbers are: the worst health of its selected accounts, the oldest sync and the newest hour",
        params: OrgParams,
        response: { 200: DashboardFreshness, ...orgRouteErrors },
      },
    },
    async (request) => {
      const access = await requireOrgAccess(ctx, request, request.params.orgId, 'data:read');
      return { freshness: await freshness(ctx, access) };
    },
  );

  app.get(
    '/api/v1/orgs/:orgId/dashboard/top-movers',
    {
      schema: {
        tags: ['dashboard'],
        summary: 'The campaigns whose spend moved most against the previous period',
        params: OrgParams,
        querystring: DashboardQuery,
        response: { 200: TopMovers, ...orgRouteErrors },
      },
    },
    async (request) => {
      const access = await requireOrgAccess(ctx, request, request.params.orgId, 'data:read');
      return topMovers(ctx, access, request.query);
    },
  );

  app.get(
    '/api/v1/orgs/:orgId/campaigns',
    {
      schema: {
        tags: ['campaigns'],
        summary: 'Every campaign on every platform with its numbers for the range: filter, sort, cursor pages, totals',
        params: OrgParams,
        querystring: CampaignListQuery,
        response: { 200: CampaignTable, ...orgRouteErrors },
      },
    },
    async (request) => {
      const access = await requireOrgAccess(ctx, request, request.params.orgId, 'data:read');
      return campaignTable(ctx, access, request.query);
    },
  );

  app.get(
    '/api/v1/orgs/:orgId/campaigns/export.csv',
    {
      schema: {
        tags: ['campaigns'],
        summary: 'The campaign table as CSV (UTF-8 with BOM): a title line with the range, headings, the same filters and sort, the asked columns in order',
        params: OrgParams,
        querystring: CampaignExportQuery,
        response: { 200: z.string().meta({ description: 'text/csv' }), ...orgRouteErrors },
      },
    },
    async (request, reply) => {
      const access = await requireOrgAccess(ctx, request, request.params.orgId, 'data:read');
      const { csv, fileName } = await campaignCsv(ctx, access, request.query);
      return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${fileName}"`).send(csv);
    },
  );

  app.get(
    '/api/v1/orgs/:orgId/campaigns/creation-options',
    { schema: { tags: ['campaigns'], summary: 'What the campaign wizard offers on each platform (objectives, budgets, ad text limits)', params: OrgParams, response: { 200: CreationOptions, ...orgRouteErrors } } },
    async (request) => {
      const access = await requireOrgAccess(ctx, request, request.params.orgId, 'data:read');
      return creationOptions(ctx, access.orgId);
    },
  );

  app.post(
    '/api/v1/orgs/:orgId/campaigns',
    {
      schema: {
        tags: ['campaigns'],
        summary: 'Create a campaign with one ad group / ad set and one ad on the account’s platform; a member’s launch (under the approval policy) is proposed instead (202)',
        params: OrgParams,
        body: NewCampaignBody,
        response: { 201: CreatedCampaignResponse, 202: ProposedLaunchResponse, ...conflictErrors, 502: ErrorResponse },
      },
    },
    async (request, reply) => {
      const access = await requireOrgAccess(ctx, request, request.params.orgId, 'data:write');
      // An account outside a member's assignments gets the very answer an unknown one gets.
      if (!canSeeAccount(access, request.body.adAccountId)) throw fieldError('adAccountId', 'is not an account added to this organisation');
      const launched = await launchCampaign(ctx, access, auditSource(request, access.actor), request.body);
      return 'proposal' in launched ? reply.status(202).send(launched) : reply.status(201).send(launched);
    },
  );

  app.get(
    '/api/v1/orgs/:orgId/ad-accounts/:accountId/ad-assets',
    {
      schema: {
        tags: ['campaigns'],
        summary: 'What a new ad in this account can be built from (library videos, Pages, identities), read live from the platform; for those who can create campaigns',
        params: AdAccountParams,
        response: { 200: AdAccountAssets, ...conflictErrors, 429: ErrorResponse, 502: ErrorResponse },
      },
    },
    async (request) => {
      const access = await requireOrgAccess(ctx, request, request.params.orgId, 'data:write');
      requireAccountInScope(access, request.params.accountId);
      return listAdAccountAssets(ctx, access.orgId, request.params.accountId);
    },
  );

  app.get(
    '/api/v1/orgs/:orgId/campaigns/:campaignId',
    {
      schema: {
        tags: ['campaigns'],
        summary: 'One campaign: KPIs, numbers over time (day or hour), its ad groups and ads with their numbers',
        params: CampaignParams,
        querystring: CampaignDetailQuery,
        response: { 200: CampaignDetail, ...orgRouteErrors },
      },
    },
    async (request) => {
      const access = await requireOrgAccess(ctx, request, request.params.orgId, 'data:read');
      return campaignDetail(ctx, access, request.params.campaignId, request.query);
    },
  );

  app.get(
    '/api/v1/orgs/:orgId/campaign-changes',
    { schema: { tags: ['campaigns'], summary: 'Change history, newest first (optionally of one campaign)', params: OrgParams, querystring: ChangeListQuery, response: { 200: CampaignChangePage, ...orgRouteErrors } } },
    async (request) => {
      const access = await requireOrgAccess(ctx, request, request.params.orgId, 'data:read');
      return listChanges(ctx, access, request.query);
    },
  );

  app.post(
    '/api/v1/orgs/:orgId/campaign-changes',
    {
      schema: {
        tags: ['campaigns'],
        summary: 'Pause, enable or change the budget of one or more campaigns. Each applies only if the platform still has the `expected` value (compare-and-set); guardrails refuse with 422 (a person or API key may `confirm` a soft one); changes the approval policy holds come back `proposed`',
        params: OrgParams,
        body: CreateChangesBody,
        response: { 202: CampaignChangeList, ...conflictErrors, 422: ErrorResponse },
      },
    },
    async (request, reply) => {
      const access = await requireOrgAccess(ctx, request, request.params.orgId, 'data:write');
      const items = await requestChanges(ctx, access, actorOf(access.actor), request.body);
      return reply.status(202).send({ items });
    },
  );

  app.get(
    '/api/v1/orgs/:orgId/campaign-changes/:changeId',
    { schema: { tags: ['campaigns'], summary: 'One change and its state (pending, applied, conflict, failed, undone)', params: ChangeParams, response: { 200: CampaignChange, ...orgRouteErrors } } },
    async (request) => {
      const access = await requireOrgAccess(ctx, request, request.params.orgId, 'data:read');
      return getChange(ctx, access, request.params.changeId);
    },
  );

  app.post(
    '/api/v1/orgs/:orgId/campaign-changes/:changeId/undo',
    {
      schema: {
        tags: ['campaigns'],
        summary: 'Undo an applied change; refused (as a conflict) if the value was changed again since',
        params: ChangeParams,
        body: UndoBody,
        response: { 202: CampaignChange, ...conflictErrors },
      },
    },
    async (request, reply) => {
      const access = await requireOrgAccess(ctx, request, request.params.orgId, 'data:write');
      return reply.status(202).send(await requestUndo(ctx, access, actorOf(access.actor), request.params.changeId, request.body.idempotencyKey));
    },
  );
}
