import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { NOTIFICATION_KINDS, type CreateWebhookBody, type NotificationKind, type UpdateWebhookBody, type WebhookDeliveries, type WebhookDelivery, type WebhookDeliveryDetail, type WebhookEndpoint, type WebhookEndpoints, type WebhookEndpointWithSecret } from '@adloop/contracts';
import type { Db } from '@adloop/db';
import type { AppContext } from '../../platform/context.ts';
import { encryptSecret } from '../../platform/crypto.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import { decodeCursor, toPage } from '../../platform/pagination.ts';
import { recordAudit, type AuditSource } from '../audit/audit.writer.ts';
import type { OrgAccess } from '../auth/auth.guard.ts';
import { checkWebhookUrl, resolveWebhookTarget, WebhookAddressError } from './address-guard.ts';
import { realNetwork, secretAad } from './webhooks.delivery.ts';
import { WEBHOOK_DELIVER } from './webhooks.jobs.ts';
import { eventBody, presentAttempt, presentDelivery, presentEndpoint } from './webhooks.present.ts';
import * as repo from './webhooks.repository.ts';
import { generateWebhookSecret } from './signing.ts';

/** Endpoints one organisation may have. */
export const MAX_ENDPOINTS = 20;
const Cursor = z.tuple([z.iso.datetime({ offset: true }), z.uuid()]);

/**
 * Refuses an address webhooks may not reach (outside sandbox mode: plain http, private, loopback,
 * link-local and metadata addresses, also behind a name that resolves to one) with a 400 on `url`.
 * A name that does not resolve yet is accepted: its deliveries fail until it does.
 */
async function acceptableUrl(ctx: AppContext, url: string): Promise<string> {
  const allowPrivate = ctx.config.webhooks.allowPrivateNetworks;
  try {
    const target = checkWebhookUrl(url, allowPrivate);
    if (!allowPrivate) await resolveWebhookTarget(target, realNetwork.resolver, false, AbortSignal.timeout(5_000)).catch((error: unknown) => {
      if (error instanceof WebhookAddressError && !/not found/.test(error.message)) throw error;
    });
    return target.url.href;
  } catch (error) {
    if (error instanceof WebhookAddressError) throw fieldError('url', error.message);
    throw error;
  }
}

function sealed(ctx: AppContext, orgId: string, endpointId: string, secret: string) {
  return { secretSealed: encryptSecret(ctx.secretKey, secret, secretAad(orgId, endpointId)), secretHint: secret.slice(-4) };
}

async function endpointOr404(db: Db, orgId: string, endpointId: string) {
  const endpoint = await repo.findEndpoint(db, orgId, endpointId);
  if (!endpoint) throw notFound('Webhook endpoint');
  return endpoint;
}

export async function listWebhooks(ctx: AppContext, access: OrgAccess): Promise<WebhookEndpoints> {
  const rows = await repo.listEndpoints(ctx.db, access.orgId);
  return { items: rows.map(({ endpoint, last }) => presentEndpoint(endpoint, last)), allowsPrivateNetworks: ctx.config.webhooks.allowPrivateNetworks };
}

export async function createWebhook(ctx: AppContext, access: OrgAccess, source: AuditSource, body: CreateWebhookBody): Promise<WebhookEndpointWithSecret> {
  const url = await acceptableUrl(ctx, body.url);
  const existing = await repo.listEndpoints(ctx.db, access.orgId);
  if (existing.length >= MAX_ENDPOINTS) throw new AppError('conflict', `An organisation can have at most ${MAX_ENDPOINTS} webhook endpoints; delete one first.`);
  const id = randomUUID();
  const secret = generateWebhookSecret();
  const at = ctx.clock.now();
  const kinds = [...new Set(body.kinds)];
  const created = await ctx.db.transaction(async (tx) => {
    const row = await repo.insertEndpoint(tx, {
      id, orgId: access.orgId, url, description: body.description, kinds, ...sealed(ctx, access.orgId, id, secret),
      createdBy: access.actor.kind === 'user' ? access.actor.userId : null, createdAt: at, updatedAt: at,
    });
    await recordAudit(tx, source, { orgId: access.orgId, action: 'webhook.created', targetType: 'webhook_endpoint', targetId: id, after: { url, kinds } });
    return row;
  });
  return { ...presentEndpoint(created, null), secret };
}

export async function updateWebhook(ctx: AppContext, access: OrgAccess, source: AuditSource, endpointId: string, body: UpdateWebhookBody): Promise<WebhookEndpoint> {
  const before = await endpointOr404(ctx.db, access.orgId, endpointId);
  const changes: Parameters<typeof repo.updateEndpoint>[3] = { updatedAt: ctx.clock.now() };
  if (body.url !== undefined) changes.url = await acceptableUrl(ctx, body.url);
  if (body.description !== undefined) changes.description = body.description;
  if (body.kinds !== undefined) changes.kinds = [...new Set(body.kinds)];
  if (body.enabled !== undefined) {
    changes.enabled = body.enabled;
    // Turning it back on starts a new run of failures; turning it off by hand is not a failure.
    changes.disabledReason = null;
    if (body.enabled) changes.consecutiveFailures = 0;
  }
  const row = await ctx.db.transaction(async (tx) => {
    const updated = await repo.updateEndpoint(tx, access.orgId, endpointId, changes);
    await recordAudit(tx, source, {
      orgId: access.orgId, action: 'webhook.updated', targetType: 'webhook_endpoint', targetId: endpointId,
      before: { url: before.url, kinds: before.kinds, enabled: before.enabled }, after: { url: updated?.url, kinds: updated?.kinds, enabled: updated?.enabled },
    });
    return updated;
  });
  if (!row) throw notFound('Webhook endpoint');
  const [listed] = (await repo.listEndpoints(ctx.db, access.orgId)).filter((e) => e.endpoint.id === endpointId);
  return presentEndpoint(row, listed?.last ?? null);
}

export async function rotateWebhookSecret(ctx: AppContext, access: OrgAccess, source: AuditSource, endpointId: string): Promise<WebhookEndpointWithSecret> {
  await endpointOr404(ctx.db, access.orgId, endpointId);
  const secret = generateWebhookSecret();
  const at = ctx.clock.now();
  const row = await ctx.db.transaction(async (tx) => {
    const updated = await repo.updateEndpoint(tx, access.orgId, endpointId, { ...sealed(ctx, access.orgId, endpointId, secret), secretRotatedAt: at, updatedAt: at });
    await recordAudit(tx, source, { orgId: access.orgId, action: 'webhook.secret_rotated', targetType: 'webhook_endpoint', targetId: endpointId });
    return updated;
  });
  if (!row) throw notFound('Webhook endpoint');
  return { ...presentEndpoint(row, null), secret };
}

export async function deleteWebhook(ctx: AppContext, access: OrgAccess, source: AuditSource, endpointId: string): Promise<void> {
  const before = await endpointOr404(ctx.db, access.orgId, endpointId);
  await ctx.db.transaction(async (tx) => {
    await repo.deleteEndpoint(tx, access.orgId, endpointId);
    await recordAudit(tx, source, { orgId: access.orgId, action: 'webhook.deleted', targetType: 'webhook_endpoint', targetId: endpointId, before: { url: before.url, kinds: before.kinds } });
  });
}

export interface WebhookEvent {
  orgId: string;
  endpointId: string;
  eventId: string;
  kind: string;
  severity: 'info' | 'warning' | 'critical';
  title: string;
  body: string;
  link: string | null;
  details: Record<string, unknown>;
  createdAt: Date;
  test?: boolean;
  /** Makes the hand-over idempotent (the notification delivery's id). */
  sourceKey?: string;
  replayOf?: string;
}

/** Records a delivery of `event` and enqueues its first attempt (inside `db` when it is a transaction). Null: already handed over. */
export async function queueWebhookEvent(ctx: Pick<AppContext, 'jobs' | 'clock'>, db: Db, event: WebhookEvent): Promise<WebhookDelivery | null> {
  const payload = {
    id: event.eventId, type: event.kind, createdAt: event.createdAt.toISOString(), organizationId: event.orgId, test: event.test ?? false,
    data: { title: event.title, body: event.body, severity: event.severity, link: event.link, details: event.details },
  };
  const row = await repo.insertDelivery(db, {
    orgId: event.orgId, endpointId: event.endpointId, eventId: event.eventId, kind: event.kind, body: eventBody(payload),
    isTest: event.test ?? false, sourceKey: event.sourceKey ?? null, replayOf: event.replayOf ?? null, createdAt: ctx.clock.now(), nextAttemptAt: ctx.clock.now(),
  });
  if (!row) return null;
  await ctx.jobs.enqueue(WEBHOOK_DELIVER, { orgId: event.orgId, deliveryId: row.id, attempt: 1 }, { db });
  return presentDelivery(row);
}

/** A `webhook.test` event to one endpoint, so an admin sees the whole path work (sent even while the endpoint is off). */
export async function sendTestEvent(ctx: AppContext, access: OrgAccess, endpointId: string): Promise<WebhookDelivery> {
  const endpoint = await endpointOr404(ctx.db, access.orgId, endpointId);
  const kind = (endpoint.kinds[0] ?? 'rule.acted') as NotificationKind;
  const delivery = await ctx.db.transaction((tx) => queueWebhookEvent(ctx, tx, {
    orgId: access.orgId, endpointId, eventId: randomUUID(), kind: 'webhook.test', severity: 'info', title: 'Test event from Adloop',
    body: `This is a test of ${endpoint.url}. Real events look the same, with type set to the kind (for example ${kind}: ${NOTIFICATION_KINDS[kind]?.label ?? kind}).`,
    link: null, details: { endpointId }, createdAt: ctx.clock.now(), test: true,
  }));
  if (!delivery) throw new Error('test delivery not recorded');
  return delivery;
}

export async function listWebhookDeliveries(ctx: AppContext, access: OrgAccess, endpointId: string, query: { cursor?: string | undefined; limit: number }): Promise<WebhookDeliveries> {
  await endpointOr404(ctx.db, access.orgId, endpointId);
  const after = decodeCursor(query.cursor, Cursor);
  const rows = await repo.listDeliveries(ctx.db, access.orgId, endpointId, after, query.limit);
  return toPage(rows, query.limit, presentDelivery, (r) => [r.createdAt.toISOString(), r.id]);
}

async function deliveryOr404(ctx: AppContext, orgId: string, endpointId: string, deliveryId: string) {
  const delivery = await repo.findDelivery(ctx.db, orgId, deliveryId);
  if (!delivery || delivery.endpointId !== endpointId) throw notFound('Webhook delivery');
  return delivery;
}

export async function webhookDeliveryDetail(ctx: AppContext, access: OrgAccess, endpointId: string, deliveryId: string): Promise<WebhookDeliveryDetail> {
  const delivery = await deliveryOr404(ctx, access.orgId, endpointId, deliveryId);
  const attempts = await repo.listAttempts(ctx.db, access.orgId, deliveryId);
  return { ...presentDelivery(delivery), body: delivery.body, attemptLog: attempts.map(presentAttempt) };
}

/** Sends a delivery's event again as a new delivery (same event id and body, signed afresh); the endpoint must be on. */
export async function replayWebhookDelivery(ctx: AppContext, access: OrgAccess, source: AuditSource, endpointId: string, deliveryId: string): Promise<WebhookDelivery> {
  const endpoint = await endpointOr404(ctx.db, access.orgId, endpointId);
  const original = await deliveryOr404(ctx, access.orgId, endpointId, deliveryId);
  if (!endpoint.enabled) throw new AppError('conflict', 'The endpoint is turned off: turn it on before replaying events to it.');
  if (original.state === 'pending') throw new AppError('conflict', 'This delivery is still being tried; replay it once it has finished.');
  const replay = await ctx.db.transaction(async (tx) => {
    const row = await repo.insertDelivery(tx, {
      orgId: access.orgId, endpointId, eventId: original.eventId, kind: original.kind, body: original.body, isTest: original.isTest,
      replayOf: original.id, createdAt: ctx.clock.now(), nextAttemptAt: ctx.clock.now(),
    });
    if (!row) throw new Error('replay not recorded');
    await ctx.jobs.enqueue(WEBHOOK_DELIVER, { orgId: access.orgId, deliveryId: row.id, attempt: 1 }, { db: tx });
    await recordAudit(tx, source, { orgId: access.orgId, action: 'webhook.replayed', targetType: 'webhook_delivery', targetId: original.id, after: { replay: row.id } });
    return row;
  });
  return presentDelivery(replay);
}
