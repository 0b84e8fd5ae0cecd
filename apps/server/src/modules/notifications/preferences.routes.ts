import {
  MyNotificationPreferences,
  NotificationCatalogue,
  NotificationDefaults,
  NotificationDeliveriesQuery,
  NotificationDeliveryPage,
  OrgParams,
  UnsubscribeBody,
  UnsubscribeQuery,
  UnsubscribeResult,
  UpdateMyNotificationPreferences,
  UpdateNotificationDefaults,
  ErrorResponse,
} from '@adloop/contracts';
import type { App } from '../../platform/http/app.ts';
import type { AppContext } from '../../platform/context.ts';
import { forbidden } from '../../platform/errors.ts';
import { requireOrgAccess, type OrgAccess } from '../auth/auth.guard.ts';
import { orgRouteErrors } from '../orgs/route-schemas.ts';
import { listDeliveries } from './deliveries.repository.ts';
import { catalogue, describeUnsubscribe, myPreferences, setCells, updateMyPreferences } from './preferences.service.ts';
import { listPreferenceCells } from './preferences.repository.ts';

const tags = ['notifications'];

function personOf(access: OrgAccess): string {
  if (access.actor.kind !== 'user') throw forbidden('Notification preferences belong to a person: sign in to change them');
  return access.actor.userId;
}

export function registerPreferenceRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/v1/notifications/catalogue',
    { schema: { tags, summary: 'Every kind of notification, with its severity, default audience and the channels', response: { 200: NotificationCatalogue } } },
    async () => catalogue(),
  );

  app.get(
    '/api/v1/orgs/:orgId/notifications/preferences',
    { schema: { tags, summary: 'Your notification preferences in this organisation over its defaults, with your quiet hours, time zone and digest', params: OrgParams, response: { 200: MyNotificationPreferences, ...orgRouteErrors } } },
    async (request) => {
      const access = await requireOrgAccess(ctx, request, request.params.orgId, 'org:read');
      return myPreferences(ctx, access.orgId, personOf(access));
    },
  );

  app.put(
    '/api/v1/orgs/:orgId/notifications/preferences',
    { schema: { tags, summary: 'Set your own notification preferences (null: back to the default) and settings', params: OrgParams, body: UpdateMyNotificationPreferences, response: { 200: MyNotificationPreferences, ...orgRouteErrors } } },
    async (request) => {
      const access = await requireOrgAccess(ctx, request, request.params.orgId, 'org:read');
      return updateMyPreferences(ctx, access.orgId, personOf(access), request.body);
    },
  );

  app.get(
    '/api/v1/orgs/:orgId/notifications/defaults',
    { schema: { tags, summary: 'The organisation’s default notification preferences (cells not listed are on)', params: OrgParams, response: { 200: NotificationDefaults, ...orgRouteErrors } } },
    async (request) => {
      const access = await requireOrgAccess(ctx, request, request.params.orgId, 'org:read');
      return { defaults: await listPreferenceCells(ctx.db, access.orgId, null) };
    },
  );

  app.put(
    '/api/v1/orgs/:orgId/notifications/defaults',
    { schema: { tags, summary: 'Set the organisation’s default notification preferences (admins)', params: OrgParams, body: UpdateNotificationDefaults, response: { 200: NotificationDefaults, ...orgRouteErrors } } },
    async (request) => {
      const access = await requireOrgAccess(ctx, request, request.params.orgId, 'notifications:settings');
      await ctx.db.transaction(async (tx) => setCells(tx, access.orgId, null, request.body.defaults, ctx.clock.now()));
      return { defaults: await listPreferenceCells(ctx.db, access.orgId, null) };
    },
  );

  app.get(
    '/api/v1/orgs/:orgId/notifications/deliveries',
    { schema: { tags, summary: 'Every notification delivery of the organisation, newest first (admins)', params: OrgParams, querystring: NotificationDeliveriesQuery, response: { 200: NotificationDeliveryPage, ...orgRouteErrors } } },
    async (request) => {
      const access = await requireOrgAccess(ctx, request, request.params.orgId, 'notifications:settings');
      return listDeliveries(ctx.db, access.orgId, request.query);
    },
  );

  app.get(
    '/api/v1/notifications/unsubscribe',
    { schema: { tags, summary: 'What an unsubscribe link stands for (no sign-in needed)', security: [], querystring: UnsubscribeQuery, response: { 200: UnsubscribeResult, 400: ErrorResponse } } },
    async (request) => describeUnsubscribe(ctx, request.query.token, false),
  );

  // Mail providers' one-click POST is form-encoded (RFC 8058): accepted on this route only.
  void app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });
    (scope as unknown as App).post(
      '/api/v1/notifications/unsubscribe',
      { schema: { tags, summary: 'One-click unsubscribe from notification emails (RFC 8058; no sign-in needed)', security: [], querystring: UnsubscribeQuery, body: UnsubscribeBody, response: { 200: UnsubscribeResult, 400: ErrorResponse } } },
      async (request) => describeUnsubscribe(ctx, request.query.token, true),
    );
  });
}
