import { AiSettings, AiSettingsBody, AiUsage, AiUsageQuery, ErrorResponse, OperatorAiUsage, OperatorAiUsageQuery, OrgParams } from '@adloop/contracts';
import type { App } from '../../platform/http/app.ts';
import type { AppContext } from '../../platform/context.ts';
import { requireOrgAccess, requireUser } from '../auth/auth.guard.ts';
import { auditSource } from '../audit/audit.writer.ts';
import { orgRouteErrors } from '../orgs/route-schemas.ts';
import { readAiSettings, readAiUsage, readOperatorAiUsage, requireOperator, updateAiSettings } from './ai.service.ts';

/** AI settings (brand voice, monthly limit), the organisation's AI usage, and every organisation's usage for operators. */
export function registerAiRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/v1/orgs/:orgId/ai/settings',
    { schema: { tags: ['ai'], summary: 'The brand voice AI copy follows and the monthly AI spending limit', params: OrgParams, response: { 200: AiSettings, ...orgRouteErrors } } },
    async (request) => {
      const access = await requireOrgAccess(ctx, request, request.params.orgId, 'data:read');
      return readAiSettings(ctx, access);
    },
  );

  app.put(
    '/api/v1/orgs/:orgId/ai/settings',
    {
      schema: {
        tags: ['ai'],
        summary: 'Change the brand voice (owners, admins, managers) or the monthly AI limit (owners and admins); each part optional',
        params: OrgParams,
        body: AiSettingsBody,
        response: { 200: AiSettings, ...orgRouteErrors },
      },
    },
    async (request) => {
      const access = await requireOrgAccess(ctx, request, request.params.orgId, 'ai:settings');
      return updateAiSettings(ctx, access, auditSource(request, access.actor), request.body);
    },
  );

  app.get(
    '/api/v1/orgs/:orgId/ai/usage',
    {
      schema: {
        tags: ['ai'],
        summary: "A month's AI spending against the limit, by person and feature, with the calls (newest first, paged)",
        params: OrgParams,
        querystring: AiUsageQuery,
        response: { 200: AiUsage, ...orgRouteErrors },
      },
    },
    async (request) => {
      const access = await requireOrgAccess(ctx, request, request.params.orgId, 'data:read');
      return readAiUsage(ctx, access.orgId, request.query);
    },
  );

  app.get(
    '/api/v1/operator/ai/usage',
    {
      schema: {
        tags: ['ai'],
        summary: "Operators: every organisation's AI calls, tokens, cost and limit for a month (others get 404)",
        querystring: OperatorAiUsageQuery,
        response: { 200: OperatorAiUsage, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => {
      const user = await requireUser(ctx, request);
      requireOperator(ctx, user);
      return readOperatorAiUsage(ctx, request.query);
    },
  );
}
