import { WEBHOOK_ATTEMPT_HEADER, WEBHOOK_EVENT_ID_HEADER, WEBHOOK_SIGNATURE_HEADER } from '@adloop/contracts';
import type { Db } from '@adloop/db';
import type { AppContext } from '../../platform/context.ts';
import { decryptSecret } from '../../platform/crypto.ts';
import { systemResolver, type Resolver } from '../../platform/net/resolver.ts';
import { emitNotification } from '../notifications/emit.ts';
import { announceNotifications } from '../notifications/notifications.service.ts';
import { checkWebhookUrl, resolveWebhookTarget, WebhookAddressError } from './address-guard.ts';
import { retryDelayMs } from './backoff.ts';
import { directPoster, type WebhookAnswer, type WebhookPoster } from './post-transport.ts';
import { signatureHeader } from './signing.ts';
import { WEBHOOK_DELIVER } from './webhooks.jobs.ts';
import * as repo from './webhooks.repository.ts';

/** The network as the delivery job reaches it; tests replace the resolver to play DNS. */
export interface WebhookNetwork {
  resolver: Resolver;
  poster: WebhookPoster;
}

export const realNetwork: WebhookNetwork = { resolver: systemResolver, poster: directPoster };

/** The sealed secret's binding: a secret copied to another endpoint's row does not open. */
export const secretAad = (orgId: string, endpointId: string): string => `webhook:${orgId}:${endpointId}`;

class AttemptTimeout extends Error {}

function describe(error: unknown, timeoutMs: number): string {
  if (error instanceof AttemptTimeout) return `No answer within ${Math.round(timeoutMs / 100) / 10} s`;
  if (error instanceof WebhookAddressError) return `Refused: ${error.message}`;
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
  if (code === 'ECONNREFUSED') return 'The endpoint refused the connection';
  if (code === 'ECONNRESET' || /socket hang up/i.test(String(error))) return 'The endpoint closed the connection without answering';
  return `Could not reach the endpoint: ${error instanceof Error ? error.message : String(error)}`;
}

/**
 * Makes attempt `attempt` of a delivery: signs the stored body with a fresh timestamp, resolves the
 * host and checks every address (outside sandbox mode), POSTs to the checked address, then records the
 * attempt and either finishes the delivery or schedules the next attempt after an exponential backoff.
 * A run whose attempt is already recorded (a rerun after a stop) does nothing; one that stopped before
 * recording sends again with the same event id, which receivers use to drop the duplicate.
 */
export async function attemptDelivery(ctx: AppContext, net: WebhookNetwork, payload: { orgId: string; deliveryId: string; attempt: number }): Promise<void> {
  const { orgId, deliveryId, attempt } = payload;
  const delivery = await repo.findDelivery(ctx.db, orgId, deliveryId);
  if (!delivery || delivery.state !== 'pending' || delivery.attempts >= attempt) return;
  if (await repo.attemptRecorded(ctx.db, orgId, deliveryId, attempt)) return;
  const endpoint = await repo.findEndpoint(ctx.db, orgId, delivery.endpointId);
  if (!endpoint) return;
  if (!endpoint.enabled && !delivery.isTest) {
    await repo.updateDelivery(ctx.db, orgId, deliveryId, { state: 'failed', lastError: 'Not sent: the endpoint is turned off', nextAttemptAt: null, completedAt: ctx.clock.now() });
    return;
  }
  const { timeoutMs, allowPrivateNetworks, maxAttempts, retryBaseMs, disableAfterFailures } = ctx.config.webhooks;
  const secret = decryptSecret(ctx.secretKey, endpoint.secretSealed, secretAad(orgId, endpoint.id));
  const timestamp = Math.floor(ctx.clock.now().getTime() / 1000);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'Adloop-Webhooks/1.0',
    [WEBHOOK_SIGNATURE_HEADER.toLowerCase()]: signatureHeader(secret, timestamp, delivery.body),
    [WEBHOOK_EVENT_ID_HEADER.toLowerCase()]: delivery.eventId,
    [WEBHOOK_ATTEMPT_HEADER.toLowerCase()]: String(attempt),
  };
  const started = ctx.clock.now();
  const t0 = performance.now();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new AttemptTimeout()), timeoutMs);
  let answer: WebhookAnswer | null = null;
  let error: string | null = null;
  try {
    const target = checkWebhookUrl(endpoint.url, allowPrivateNetworks);
    const address = await resolveWebhookTarget(target, net.resolver, allowPrivateNetworks, controller.signal);
    answer = await net.poster({ url: target.url, address, headers, body: delivery.body, signal: controller.signal });
  } catch (caught) {
    error = describe(controller.signal.aborted ? controller.signal.reason : caught, timeoutMs);
  } finally {
    clearTimeout(timer);
  }
  const durationMs = Math.round(performance.now() - t0);
  const succeeded = answer !== null && answer.status >= 200 && answer.status < 300;
  if (answer && !succeeded) error = answer.status >= 300 && answer.status < 400 ? `Answered ${answer.status} (redirects are not followed)` : `Answered ${answer.status}`;
  const now = ctx.clock.now();
  const retry = !succeeded && attempt < maxAttempts;
  const delayMs = retry ? retryDelayMs(retryBaseMs, attempt + 1) : 0;
  let disabled = false;
  await ctx.db.transaction(async (tx) => {
    const db: Db = tx;
    const fresh = await repo.insertAttempt(db, {
      orgId, deliveryId, attempt, startedAt: started, durationMs, error,
      requestHeaders: headers,
      responseStatus: answer?.status ?? null, responseBody: answer?.body ?? null,
    });
    if (!fresh) return;
    await repo.updateDelivery(db, orgId, deliveryId, {
      attempts: attempt, lastStatus: answer?.status ?? null, lastError: error,
      state: succeeded ? 'succeeded' : retry ? 'pending' : 'failed',
      nextAttemptAt: retry ? new Date(now.getTime() + delayMs) : null,
      completedAt: retry ? null : now,
    });
    if (retry) await ctx.jobs.enqueue(WEBHOOK_DELIVER, { orgId, deliveryId, attempt: attempt + 1 }, { db, startAfter: new Date(Date.now() + delayMs) });
    if (delivery.isTest) return;
    const failures = await repo.countOutcome(db, orgId, endpoint.id, succeeded);
    if (!succeeded && failures >= disableAfterFailures) {
      const reason = `${failures} failed attempts in a row (last: ${error ?? 'no answer'})`;
      disabled = await repo.disableEndpoint(db, orgId, endpoint.id, reason, now);
      if (disabled) {
        // Emitted after the endpoint is off in this transaction, so the fan-out never targets it.
        await emitNotification(ctx, db, {
          orgId,
          kind: 'webhook.disabled',
          title: 'A webhook endpoint was turned off',
          body: `Adloop stopped sending events to ${endpoint.url} after ${reason}. Check the endpoint, then turn it back on in Settings › Webhooks.`,
          link: `/orgs/${orgId}/settings/webhooks`,
          data: { endpointId: endpoint.id, url: endpoint.url, failures },
        });
      }
    }
  });
  if (disabled) {
    ctx.logger.warn({ orgId, endpointId: endpoint.id }, 'webhook endpoint turned off after repeated failures');
    await announceNotifications(ctx, orgId, 1);
  }
}
