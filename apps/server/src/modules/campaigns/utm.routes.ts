import { eq } from 'drizzle-orm';
import { organizations } from '@adloop/db';
import { OrgParams, UtmTemplateBody, UtmTemplateResponse } from '@adloop/contracts';
import { DEFAULT_UTM_TEMPLATE, UTM_PLACEHOLDERS, type UtmTemplate } from '@adloop/contracts/utm';
import type { App } from '../../platform/http/app.ts';
import type { AppContext } from '../../platform/context.ts';
import { requireOrgAccess } from '../auth/auth.guard.ts';
import { auditSource, recordAudit } from '../audit/audit.writer.ts';
import { orgRouteErrors } from '../orgs/route-schemas.ts';

/** The organisation's UTM template, or the default while it has none. */
export async function utmTemplateOf(ctx: AppContext, orgId: string): Promise<{ template: UtmTemplate; isDefault: boolean }> {
  const [row] = await ctx.db.select({ utm: organizations.utmTemplate }).from(organizations).where(eq(organizations.id, orgId));
  const stored = row?.utm;
  if (!stored) return { template: DEFAULT_UTM_TEMPLATE, isDefault: true };
  return { template: { ...DEFAULT_UTM_TEMPLATE, ...stored }, isDefault: false };
}

/** The campaign wizard's organisation-level setting: the UTM template (INTG-013). */
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
}
