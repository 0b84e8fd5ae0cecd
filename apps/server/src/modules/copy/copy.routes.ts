import {
  CheckCopyBody,
  CheckCopyResponse,
  CopyGeneration,
  CopyGenerationListQuery,
  CopyGenerationPage,
  CopyGenerationParams,
  CopyPromptView,
  ErrorResponse,
  GenerateCopyBody,
  OrgParams,
  PublishCopyBody,
  PublishCopyResponse,
  RegenerateCopyBody,
} from '@adloop/contracts';
import type { App } from '../../platform/http/app.ts';
import type { AppContext } from '../../platform/context.ts';
import { requireOrgAccess } from '../auth/auth.guard.ts';
import { auditSource } from '../audit/audit.writer.ts';
import { orgRouteErrors } from '../orgs/route-schemas.ts';
import { publishCopy } from './copy.publish.ts';
import { checkEditedCopy, generate, getCopyGeneration, getCopyPrompt, listCopyGenerations, regenerate } from './copy.service.ts';

/** Errors of the routes that call the model: the monthly AI limit (402), and a provider that failed (502/503). */
const aiErrors = { ...orgRouteErrors, 402: ErrorResponse, 502: ErrorResponse, 503: ErrorResponse } as const;

/**
 * AI ad copy: generate from a brief (metered, under the organisation's monthly AI limit; the template
 * grammar without a provider), list and read generations with the prompt as sent, regenerate, and check
 * edited copy, and publish it as proposals a person approves. Reading needs `data:read`; writing and
 * publishing copy need `data:write`.
 */
export function registerCopyRoutes(app: App, ctx: AppContext): void {
  const base = '/api/v1/orgs/:orgId/copy';

  app.post(`${base}/generations`, {
    schema: {
      tags: ['copy'],
      summary: 'Write ad copy for a brief on one to three platforms: every variation validated, repaired and validated again (both verdicts and the repairs kept); labelled AI-assisted, or Template when no AI provider is configured; 402 ai_cap_reached at the monthly AI limit',
      params: OrgParams, body: GenerateCopyBody, response: { 201: CopyGeneration, ...aiErrors },
    },
  }, async (request, reply) => {
    const access = await requireOrgAccess(ctx, request, request.params.orgId, 'data:write');
    const generation = await generate(ctx, access, request.body, auditSource(request, access.actor));
    reply.code(201);
    return generation;
  });

  app.get(`${base}/generations`, {
    schema: { tags: ['copy'], summary: 'Copy generations, newest first (optionally those for one ad group); kept 90 days', params: OrgParams, querystring: CopyGenerationListQuery, response: { 200: CopyGenerationPage, ...orgRouteErrors } },
  }, async (request) => {
    await requireOrgAccess(ctx, request, request.params.orgId, 'data:read');
    return listCopyGenerations(ctx, request.params.orgId, request.query);
  });

  app.get(`${base}/generations/:generationId`, {
    schema: { tags: ['copy'], summary: 'One generation: the brief, the landing page check, and per platform the variations with their checks and repairs', params: CopyGenerationParams, response: { 200: CopyGeneration, ...orgRouteErrors } },
  }, async (request) => {
    await requireOrgAccess(ctx, request, request.params.orgId, 'data:read');
    return getCopyGeneration(ctx, request.params.orgId, request.params.generationId);
  });

  app.get(`${base}/generations/:generationId/prompt`, {
    schema: { tags: ['copy'], summary: 'The prompt exactly as sent to the model, per call (the brief and landing page fenced as data)', params: CopyGenerationParams, response: { 200: CopyPromptView, ...orgRouteErrors } },
  }, async (request) => {
    await requireOrgAccess(ctx, request, request.params.orgId, 'data:read');
    return getCopyPrompt(ctx, request.params.orgId, request.params.generationId);
  });

  app.post(`${base}/generations/:generationId/regenerate`, {
    schema: { tags: ['copy'], summary: 'Write one variation (platform + variationId), one platform’s variations (platform) or everything (empty body) again: a new metered call', params: CopyGenerationParams, body: RegenerateCopyBody, response: { 200: CopyGeneration, ...aiErrors } },
  }, async (request) => {
    const access = await requireOrgAccess(ctx, request, request.params.orgId, 'data:write');
    return regenerate(ctx, access, request.params.generationId, request.body, auditSource(request, access.actor));
  });

  app.post(`${base}/check`, {
    schema: { tags: ['copy'], summary: 'Check copy as edited: the platform’s rules, the brand voice, the brief’s keywords (and the landing page, when asked)', params: OrgParams, body: CheckCopyBody, response: { 200: CheckCopyResponse, ...orgRouteErrors } },
  }, async (request) => {
    await requireOrgAccess(ctx, request, request.params.orgId, 'data:read');
    return checkEditedCopy(ctx, request.params.orgId, request.body);
  });

  app.post(`${base}/generations/:generationId/publish`, {
    schema: {
      tags: ['copy'],
      summary: 'Publish a variation (as edited) as new ads in an ad group: checked again (landing page included; 422 with the checks while anything blocks it), then proposals by the AI that a person approves in the inbox; the same idempotency key answers the same proposals',
      params: CopyGenerationParams, body: PublishCopyBody, response: { 201: PublishCopyResponse, ...orgRouteErrors, 409: ErrorResponse, 422: ErrorResponse },
    },
  }, async (request, reply) => {
    const access = await requireOrgAccess(ctx, request, request.params.orgId, 'data:write');
    const published = await publishCopy(ctx, access, request.params.generationId, request.body, auditSource(request, access.actor));
    reply.code(201);
    return published;
  });
}
