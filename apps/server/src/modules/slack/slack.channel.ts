import type { AppContext } from '../../platform/context.ts';
import { RetryableDeliveryError, type ChannelDelivery, type ChannelSender } from '../notifications/index.ts';
import { noticeBlocks } from './slack.blocks.ts';
import { postSlackMessage, SlackCallError } from './slack.client.ts';
import { slackEndpoints } from './slack.endpoints.ts';
import { handleSlackFailure } from './slack.failures.ts';
import { createSlackRepository } from './slack.repository.ts';

/**
 * The `slack` notification channel: an organisation-level target (the install's chosen channel) for
 * the kinds an admin picked. Exactly once per event comes from the delivery's unique (event, channel,
 * target) row; here a `ratelimited` answer (nothing was posted) is handed back as retryable after
 * Slack's Retry-After, and a dead token or channel fails the delivery and breaks the install.
 */
export const slackChannel: ChannelSender = {
  channel: 'slack',

  async orgTargets(ctx, orgId, kind) {
    if (!slackEndpoints(ctx)) return [];
    const row = await createSlackRepository(ctx.db).find(orgId);
    if (!row || row.state !== 'active' || !row.channelId || !row.kinds.includes(kind)) return [];
    return [row.channelId];
  },

  async send(ctx: AppContext, delivery: ChannelDelivery) {
    const endpoints = slackEndpoints(ctx);
    if (!endpoints) throw new Error('Slack is not offered on this installation');
    if (!delivery.orgId) throw new Error('Slack posts only organisation events');
    const repo = createSlackRepository(ctx.db);
    const row = await repo.find(delivery.orgId);
    if (!row) throw new Error('Slack was removed from the organisation');
    if (row.state !== 'active') throw new Error(`Slack is not working (${row.brokenReason ?? 'broken'})`);
    const message = noticeBlocks({
      kind: delivery.kind, severity: delivery.severity, title: delivery.title, body: delivery.body,
      link: delivery.link ?? `${ctx.config.publicUrl}/orgs/${delivery.orgId}`,
    });
    try {
      await postSlackMessage(endpoints, repo.openToken(row, ctx.keyring), { channel: delivery.target, ...message });
    } catch (error) {
      if (!(error instanceof SlackCallError)) throw error;
      if (error.transient) throw new RetryableDeliveryError(`Slack answered ${error.slackError}`, error.retryAfterSeconds ?? undefined);
      await handleSlackFailure(ctx, delivery.orgId, error);
      throw new Error(`Slack answered ${error.slackError}`);
    }
  },
};
