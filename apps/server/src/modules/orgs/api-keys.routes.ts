import { ApiKeyPage, ApiKeyParams, CreateApiKeyBody, CreateApiKeyResponse, ListQuery, OrgParams } from '@adloop/contracts';
import type { App } from '../../platform/http/app.ts';
import type { AppContext } from '../../platform/context.ts';
import { requireOrgAccess } from '../auth/auth.guard.ts';
import { auditSource } from '../audit/audit.writer.ts';
import { createApiKey, listApiKeys, revokeApiKey } from './api-keys.service.ts';
import { noContent, orgRouteErrors } from './route-schemas.ts';

const tags = ['api-keys'];

export function registerApiKeyRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/v1/orgs/:orgId/api-keys',
    { schema: { tags, summary: 'Active API keys, newest first', params: OrgParams, querystring: ListQuery, response: { 200: ApiKeyPage, ...orgRouteErrors } } },
    async (request) => {
      const access = await requireOrgAccess(ctx, request, request.params.orgId, 'api_keys:read');
      return listApiKeys(ctx, access.orgId, request.query);
    },
  );

  app.post(
    '/api/v1/orgs/:orgId/api-keys',
    {
      schema: {
        tags,
        summary: 'Create an API key (the secret is in this response only)',
        params: OrgParams,
        body: CreateApiKeyBody,
        response: { 201: CreateApiKeyResponse, ...orgRouteErrors },
      },
    },
    async (request, reply) => {
      const access = await requireOrgAccess(ctx, request, request.params.orgId, 'api_keys:manage');
      const created = await createApiKey(ctx, access, auditSource(request, access.actor), request.body);
      // The secret must not linger in any cache.
      return reply.status(201).header('cache-control', 'no-store').send(created);
    },
  );

  app.delete(
    '/api/v1/orgs/:orgId/api-keys/:keyId',
    { schema: { tags, summary: 'Revoke an API key', params: ApiKeyParams, response: { ...noContent, ...orgRouteErrors } } },
    async (request, reply) => {
      const access = await requireOrgAccess(ctx, request, request.params.orgId, 'api_keys:manage');
      await revokeApiKey(ctx, access, auditSource(request, access.actor), request.params.keyId);
      return reply.status(204).send(null);
    },
  );
}
