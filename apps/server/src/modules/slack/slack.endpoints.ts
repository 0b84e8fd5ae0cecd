import { SLACK_SANDBOX_CLIENT_ID, SLACK_SANDBOX_CLIENT_SECRET } from '@adloop/sandbox';
import type { AppContext } from '../../platform/context.ts';

/** Where Adloop's Slack app lives for this installation: real Slack, or the local Slack sandbox. */
export interface SlackEndpoints {
  /** `@slack/web-api`'s `slackApiUrl` (ends in `/api/`). */
  apiUrl: string;
  /** The "Add to Slack" page (`/oauth/v2/authorize`). */
  authorizeUrl: string;
  clientId: string;
  clientSecret: string;
  sandbox: boolean;
  /** The sandbox's page of posted messages, else null. */
  sandboxPageUrl: string | null;
}

/** Bot scopes Adloop asks for: post (also to public channels it was not invited to) and list channels. */
export const SLACK_BOT_SCOPES = ['chat:write', 'chat:write.public', 'channels:read', 'groups:read'] as const;

export const slackCallbackUrl = (ctx: Pick<AppContext, 'config'>) => `${ctx.config.publicUrl}/api/v1/slack/callback`;

/** Null when this installation offers no Slack (production mode without a Slack app, or a process that cannot reach the sandbox). */
export function slackEndpoints(ctx: Pick<AppContext, 'config' | 'slackSandboxUrls'>): SlackEndpoints | null {
  const credentials = ctx.config.slack.credentials;
  if (credentials) {
    return { apiUrl: 'https://slack.com/api/', authorizeUrl: 'https://slack.com/oauth/v2/authorize', ...credentials, sandbox: false, sandboxPageUrl: null };
  }
  const urls = ctx.slackSandboxUrls;
  if (ctx.config.isProduction || !urls) return null;
  return { apiUrl: urls.api, authorizeUrl: urls.authorize, clientId: SLACK_SANDBOX_CLIENT_ID, clientSecret: SLACK_SANDBOX_CLIENT_SECRET, sandbox: true, sandboxPageUrl: urls.page };
}
