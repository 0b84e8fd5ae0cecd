import type { AppContext } from '../../platform/context.ts';
import { announceNotifications, emitNotification } from '../notifications/index.ts';
import { CHANNEL_DEAD, TOKEN_DEAD, type SlackCallError } from './slack.client.ts';
import { createSlackRepository } from './slack.repository.ts';

/**
 * A Slack refusal that will not pass by itself: a dead token (the app was removed from the workspace)
 * or a dead channel marks the install broken, and the owners and admins are told once (a
 * `connection.failed` notification: the bell at once, email by their preferences).
 * Anything else (rate limits, Slack down) leaves the install alone.
 */
export async function handleSlackFailure(ctx: AppContext, orgId: string, error: SlackCallError): Promise<void> {
  const tokenDead = TOKEN_DEAD.has(error.slackError);
  if (!tokenDead && !CHANNEL_DEAD.has(error.slackError)) return;
  const now = ctx.clock.now();
  const notified = await ctx.db.transaction(async (tx) => {
    if (!(await createSlackRepository(tx).markBroken(orgId, error.slackError, now))) return 0;
    const eventId = await emitNotification(ctx, tx, {
      orgId,
      kind: 'connection.failed',
      data: { integration: 'slack', slackError: error.slackError },
      title: tokenDead ? 'Slack stopped accepting Adloop’s messages' : 'Adloop can no longer post to the chosen Slack channel',
      body: tokenDead
        ? `Slack answered ${error.slackError}: the app was removed or its access revoked. Add Slack again to resume notifications.`
        : `Slack answered ${error.slackError}. Choose another channel to resume notifications.`,
      link: `/orgs/${orgId}/settings/slack`,
    });
    return eventId ? 1 : 0;
  });
  await announceNotifications(ctx, orgId, notified);
}
