import type { AppModule } from '../module.ts';
import { registerChannel } from '../notifications/index.ts';
import { slackChannel } from './slack.channel.ts';
import { registerSlackRoutes } from './slack.routes.ts';

/**
 * Slack: "Add to Slack" per organisation (OAuth v2, bot token in the token vault), the channel and
 * kinds an admin chooses, and the `slack` notification channel, registered on every process (API
 * processes fan out, workers deliver).
 */
export const slackModule: AppModule = {
  name: 'slack',
  routes: (app, ctx) => {
    registerChannel(slackChannel);
    registerSlackRoutes(app, ctx);
  },
  jobs: () => {
    registerChannel(slackChannel);
    return [];
  },
};
