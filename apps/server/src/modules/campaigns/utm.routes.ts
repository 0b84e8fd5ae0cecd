import { eq } from 'drizzle-orm';
import { organizations } from '@adloop/db';
import { AdAccountParams, ErrorResponse, ImageUploadBody, OrgParams, UploadedImage, UploadedVideo, UtmTemplateBody, UtmTemplateResponse } from '@adloop/contracts';
import { DEFAULT_UTM_TEMPLATE, UTM_PLACEHOLDERS, type UtmTemplate } from '@adloop/contracts/utm';
import type { App } from '../../platform/http/app.ts';
import type { AppContext } from '../../platform/context.ts';
import { requireOrgAccess } from '../auth/auth.guard.ts';
import { auditSource, recordAudit } from '../audit/audit.writer.ts';
import { conflictErrors, orgRouteErrors } from '../orgs/route-schemas.ts';
import { uploadAdImage, uploadAdVideo } from './creatives.service.ts';

/** The organisation's UTM template, or the default while it has none. */
export async function utmTemplateOf(ctx: AppContext, orgId: string): Promise<{ template: UtmTemplate; isDefault: boolean }> {
  const [row] = await ctx.db.select({ utm: organizations.utmTemplate }).from(organizations).where(eq(organizations.id, orgId));
  const stored = row?.utm;
  if (!stored) return { template: DEFAULT_UTM_TEMPLATE, isDefault: true };
  return { template: { ...DEFAULT_UTM_TEMPLATE, ...stored }, isDefault: false };
}

/** The campaign wizard's organisation-level settings and uploads: the UTM template (INTG-013) and ad images. */
export function registerUtmRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/v1/orgs/:orgId/utm-template',
    { schema: { tags: ['orgs'], summary: 'The UTM template new ads’ final URLs are tagged with', params: OrgParams, response: { 200: UtmTemplateResponse, ...orgRouteErrors } } },
    async (request) => {
      const access = await requireOrgAccess(ctx, request, request.params.orgId, 'org:read');
      return { ...(await utmTemplateOf(ctx, access.orgId)), placeholders: [...UTM_PLACEHOLDERS] };
    },
  );

  app.put(
    '/api/v1/orgs/:orgId/utm-template',
    { schema: { tags: ['orgs'], summary: 'Set the UTM template (placeholders: {platform}, {account_name}, {campaign_name}, {ad_group_name}, {ad_name})', params: OrgParams, body: UtmTemplateBody, response: { 200: UtmTemplateResponse, ...orgRouteErrors } } },
    async (request) => {
      const access = await requireOrgAccess(ctx, request, request.params.orgId, 'org:update');
      const before = await utmTemplateOf(ctx, access.orgId);
      const template = request.body.template;
      await ctx.db.transaction(async (tx) => {
        await tx.update(organizations).set({ utmTemplate: template }).where(eq(organizations.id, access.orgId));
        await recordAudit(tx, auditSource(request, access.actor), { orgId: access.orgId, action: 'org.updated', targetType: 'organization', targetId: access.orgId, before: { utmTemplate: before.template }, after: { utmTemplate: template } });
      });
      return { template, isDefault: false, placeholders: [...UTM_PLACEHOLDERS] };
    },
  );

  app.post(
    '/api/v1/orgs/:orgId/ad-accounts/:accountId/images',
    {
      // Images are sent as base64 JSON: up to the largest a platform takes (Meta: 30 MB), a third more encoded.
      bodyLimit: 42 * 1024 * 1024,
      schema: {
        tags: ['campaigns'],
        summary: 'Upload an image for a new ad (checked against the platform’s types and size, kept by Adloop, sent to the account’s image library)',
        params: AdAccountParams,
        body: ImageUploadBody,
        response: { 201: UploadedImage, ...conflictErrors, 502: ErrorResponse },
      },
    },
    async (request, reply) => {
      const access = await requireOrgAccess(ctx, request, request.params.orgId, 'data:write');
      return reply.status(201).send(await uploadAdImage(ctx, access.orgId, request.params.accountId, request.body));
    },
  );

  app.post(
    '/api/v1/orgs/:orgId/ad-accounts/:accountId/videos',
    {
      // Base64 JSON as for images; the platform's own limit (TikTok through Adloop: 8 MB) is checked by the service.
      bodyLimit: 42 * 1024 * 1024,
      schema: {
        tags: ['campaigns'],
        summary: 'Upload a video for a new ad (checked against the platform’s types and size, kept by Adloop, sent to the account’s video library)',
        params: AdAccountParams,
        body: ImageUploadBody,
        response: { 201: UploadedVideo, ...conflictErrors, 502: ErrorResponse },
      },
    },
    async (request, reply) => {
      const access = await requireOrgAccess(ctx, request, request.params.orgId, 'data:write');
      return reply.status(201).send(await uploadAdVideo(ctx, access.orgId, request.params.accountId, request.body));
    },
  );
}
