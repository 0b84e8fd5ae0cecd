import type { WebhookAttempt, WebhookDelivery, WebhookEndpoint, WebhookEventPayload } from '@adloop/contracts';
import type { AttemptRow, DeliveryRow, EndpointRow } from './webhooks.repository.ts';

type LastDelivery = Pick<DeliveryRow, 'state' | 'createdAt' | 'completedAt' | 'lastStatus'> | null;

export function presentEndpoint(row: EndpointRow, last: LastDelivery): WebhookEndpoint {
  return {
    id: row.id, url: row.url, description: row.description, kinds: row.kinds, enabled: row.enabled, disabledReason: row.disabledReason,
    consecutiveFailures: row.consecutiveFailures, secretHint: row.secretHint, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString(),
    secretRotatedAt: row.secretRotatedAt?.toISOString() ?? null,
    lastDelivery: last ? { state: last.state, at: (last.completedAt ?? last.createdAt).toISOString(), status: last.lastStatus } : null,
  };
}

export function presentDelivery(row: DeliveryRow): WebhookDelivery {
  return {
    id: row.id, endpointId: row.endpointId, eventId: row.eventId, kind: row.kind, state: row.state, attempts: row.attempts,
    nextAttemptAt: row.nextAttemptAt?.toISOString() ?? null, lastStatus: row.lastStatus, lastError: row.lastError, replayOf: row.replayOf,
    isTest: row.isTest, createdAt: row.createdAt.toISOString(), completedAt: row.completedAt?.toISOString() ?? null,
  };
}

export function presentAttempt(row: AttemptRow): WebhookAttempt {
  return {
    attempt: row.attempt, startedAt: row.startedAt.toISOString(), durationMs: row.durationMs, requestHeaders: row.requestHeaders,
    responseStatus: row.responseStatus, responseBody: row.responseBody, error: row.error,
  };
}

/** The JSON every endpoint receives; serialised once per delivery, and the same bytes are signed on every attempt. */
export function eventBody(event: WebhookEventPayload): string {
  return JSON.stringify(event);
}
