import { AdAccountParams, ErrorResponse, ImageUploadBody, UploadedImage, UploadedVideo } from '@adloop/contracts';
import type { App } from '../../platform/http/app.ts';
import type { AppContext } from '../../platform/context.ts';
import { requireAccountInScope, requireOrgAccess } from '../auth/auth.guard.ts';
import { conflictErrors } from '../orgs/route-schemas.ts';
import { uploadAdImage, uploadAdVideo } from './creatives.service.ts';

const KINDS = [
  { path: 'images', noun: 'image', library: 'image library', response: UploadedImage, upload: uploadAdImage },
  { path: 'videos', noun: 'video', library: 'video library', response: UploadedVideo, upload: uploadAdVideo },
] as const;

/** Creative uploads for new ads, one route per kind; the platform's own types and sizes are checked by the service. */
export function registerCreativeRoutes(app: App, ctx: AppContext): void {
  for (const kind of KINDS) {
    app.post(
      `/api/v1/orgs/:orgId/ad-accounts/:accountId/${kind.path}`,
      {
        // Files are sent as base64 JSON: up to the largest a platform takes (Meta images: 30 MB), a third more encoded.
        bodyLimit: 42 * 1024 * 1024,
        schema: {
          tags: ['campaigns'],
          summary: `Upload ${kind.noun === 'image' ? 'an image' : 'a video'} for a new ad (checked against the platform’s types and size, kept by Adloop, sent to the account’s ${kind.library})`,
          params: AdAccountParams,
          body: ImageUploadBody,
          response: { 201: kind.response, ...conflictErrors, 502: ErrorResponse },
        },
      },
      async (request, reply) => {
        const access = await requireOrgAccess(ctx, request, request.params.orgId, 'data:write');
        requireAccountInScope(access, request.params.accountId);
        return reply.status(201).send(await kind.upload(ctx, access.orgId, request.params.accountId, request.body));
      },
    );
  }
}
