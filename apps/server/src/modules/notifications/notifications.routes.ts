import { MarkNotificationsReadBody, NotificationPage, OrgParams, PageQuery } from '@adloop/contracts';
import type { App } from '../../platform/http/app.ts';
import type { AppContext } from '../../platform/context.ts';
import { forbidden } from '../../platform/errors.ts';
import { requireOrgAccess, type OrgAccess } from '../auth/auth.guard.ts';
import { noContent, orgRouteErrors } from '../orgs/route-schemas.ts';
import { listNotifications, markNotificationsRead } from './notifications.service.ts';

const tags = ['notifications'];

function personOf(access: OrgAccess): string {
  if (access.actor.kind !== 'user') throw forbidden('Notifications belong to a person: sign in to read them');
  return access.actor.userId;
}

export function registerNotificationRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/v1/orgs/:orgId/notifications',
    { schema: { tags, summary: 'Your notifications in this organisation, newest first, with the unread count', params: OrgParams, querystring: PageQuery, response: { 200: NotificationPage, ...orgRouteErrors } } },
    async (request) => {
      const access = await requireOrgAccess(ctx, request, request.params.orgId, 'org:read');
      return listNotifications(ctx, access.orgId, personOf(access), request.query);
    },
  );

  app.post(
    '/api/v1/orgs/:orgId/notifications/read',
    { schema: { tags, summary: 'Mark notifications read (all of them when no ids are given)', params: OrgParams, body: MarkNotificationsReadBody, response: { ...noContent, ...orgRouteErrors } } },
    async (request, reply) => {
      const access = await requireOrgAccess(ctx, request, request.params.orgId, 'org:read');
      await markNotificationsRead(ctx, access.orgId, personOf(access), request.body.ids);
      return reply.status(204).send(null);
    },
  );
}
