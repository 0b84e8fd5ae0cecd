import {
  CreateWebhookBody, OrgParams, UpdateWebhookBody, WebhookDeliveries, WebhookDeliveriesQuery, WebhookDelivery, WebhookDeliveryDetail,
  WebhookDeliveryParams, WebhookEndpoint, WebhookEndpoints, WebhookEndpointWithSecret, WebhookParams,
} from '@adloop/contracts';
import type { App } from '../../platform/http/app.ts';
import type { AppContext } from '../../platform/context.ts';
import { auditSource } from '../audit/audit.writer.ts';
import { requireOrgAccess } from '../auth/auth.guard.ts';
import { conflictErrors, noContent, orgRouteErrors } from '../orgs/route-schemas.ts';
import {
  createWebhook, deleteWebhook, listWebhookDeliveries, listWebhooks, replayWebhookDelivery, rotateWebhookSecret, sendTestEvent,
  updateWebhook, webhookDeliveryDetail,
} from './webhooks.service.ts';

const tags = ['webhooks'];

/** How receivers check a request, in the API document (docs/webhooks.md has the full version). */
const VERIFY_DOC = [
  'Each request carries `Adloop-Signature: t=<unix seconds>,v1=<hex>` and `Adloop-Event-Id` (the same on retries and replays: drop duplicates).',
  '`v1` is HMAC-SHA256, keyed with the endpoint secret, of `<t>.<raw body>`. Refuse a `t` more than 300 s from your clock and compare in constant time:',
  '```js',
  "const parts = header.split(',').map((p) => p.trim().split('='));",
  "const t = parts.find(([k]) => k === 't')?.[1];",
  "const expected = crypto.createHmac('sha256', secret).update(`${t}.${rawBody}`).digest('hex');",
  "const ok = Math.abs(Date.now() / 1000 - Number(t)) <= 300 && parts.some(([k, v]) => k === 'v1' && v.length === expected.length && crypto.timingSafeEqual(Buffer.from(v), Buffer.from(expected)));",
  '```',
  'Answer 2xx within 10 s; anything else is retried with exponential backoff.',
].join('\n');
const base = '/api/v1/orgs/:orgId/webhooks';

/** Outbound webhook endpoints, their delivery log, replay and test events: owners and admins only. */
export function registerWebhookRoutes(app: App, ctx: AppContext): void {
  app.get(base, {
    schema: { tags, summary: "The organisation's webhook endpoints with their last delivery (the secret is never shown again)", params: OrgParams, response: { 200: WebhookEndpoints, ...orgRouteErrors } },
  }, async (request) => listWebhooks(ctx, await requireOrgAccess(ctx, request, request.params.orgId, 'webhooks:manage')));

  app.post(base, {
    schema: {
      tags, summary: 'Add an endpoint: events of the chosen kinds are POSTed to it as signed JSON. The answer carries the signing secret, shown this once',
      description: VERIFY_DOC,
      params: OrgParams, body: CreateWebhookBody, response: { 201: WebhookEndpointWithSecret, ...conflictErrors },
    },
  }, async (request, reply) => {
    const access = await requireOrgAccess(ctx, request, request.params.orgId, 'webhooks:manage');
    return reply.status(201).send(await createWebhook(ctx, access, auditSource(request, access.actor), request.body));
  });

  app.patch(`${base}/:endpointId`, {
    schema: { tags, summary: 'Change an endpoint: address, description, kinds, or turn it on or off (turning it on clears the failure count)', params: WebhookParams, body: UpdateWebhookBody, response: { 200: WebhookEndpoint, ...orgRouteErrors } },
  }, async (request) => {
    const access = await requireOrgAccess(ctx, request, request.params.orgId, 'webhooks:manage');
    return updateWebhook(ctx, access, auditSource(request, access.actor), request.params.endpointId, request.body);
  });

  app.delete(`${base}/:endpointId`, {
    schema: { tags, summary: 'Delete an endpoint and its delivery log', params: WebhookParams, response: { ...noContent, ...orgRouteErrors } },
  }, async (request, reply) => {
    const access = await requireOrgAccess(ctx, request, request.params.orgId, 'webhooks:manage');
    await deleteWebhook(ctx, access, auditSource(request, access.actor), request.params.endpointId);
    return reply.status(204).send(null);
  });

  app.post(`${base}/:endpointId/rotate-secret`, {
    schema: { tags, summary: 'Replace the signing secret; the new one is in the answer, shown this once, and signs every request from now on', params: WebhookParams, response: { 200: WebhookEndpointWithSecret, ...orgRouteErrors } },
  }, async (request) => {
    const access = await requireOrgAccess(ctx, request, request.params.orgId, 'webhooks:manage');
    return rotateWebhookSecret(ctx, access, auditSource(request, access.actor), request.params.endpointId);
  });

  app.post(`${base}/:endpointId/test`, {
    schema: { tags, summary: 'Send a webhook.test event to the endpoint now (through the delivery queue, logged like any other)', params: WebhookParams, response: { 202: WebhookDelivery, ...orgRouteErrors } },
  }, async (request, reply) => {
    const access = await requireOrgAccess(ctx, request, request.params.orgId, 'webhooks:manage');
    return reply.status(202).send(await sendTestEvent(ctx, access, request.params.endpointId));
  });

  app.get(`${base}/:endpointId/deliveries`, {
    schema: { tags, summary: "The endpoint's deliveries, newest first: state, attempts, last answer, next attempt", params: WebhookParams, querystring: WebhookDeliveriesQuery, response: { 200: WebhookDeliveries, ...orgRouteErrors } },
  }, async (request) => {
    const access = await requireOrgAccess(ctx, request, request.params.orgId, 'webhooks:manage');
    return listWebhookDeliveries(ctx, access, request.params.endpointId, request.query);
  });

  app.get(`${base}/:endpointId/deliveries/:deliveryId`, {
    schema: { tags, summary: 'One delivery: the body sent and every attempt (request headers, answer status and first 1,000 characters, duration)', params: WebhookDeliveryParams, response: { 200: WebhookDeliveryDetail, ...orgRouteErrors } },
  }, async (request) => {
    const access = await requireOrgAccess(ctx, request, request.params.orgId, 'webhooks:manage');
    return webhookDeliveryDetail(ctx, access, request.params.endpointId, request.params.deliveryId);
  });

  app.post(`${base}/:endpointId/deliveries/:deliveryId/replay`, {
    schema: { tags, summary: 'Send a finished delivery again as a new delivery: same event id and body, signed afresh', params: WebhookDeliveryParams, response: { 202: WebhookDelivery, ...conflictErrors } },
  }, async (request, reply) => {
    const access = await requireOrgAccess(ctx, request, request.params.orgId, 'webhooks:manage');
    return reply.status(202).send(await replayWebhookDelivery(ctx, access, auditSource(request, access.actor), request.params.endpointId, request.params.deliveryId));
  });
}
