import { ErrorResponse, OrgParams, SlackCallbackQuery, SlackChannelList, SlackSettingsBody, SlackStatus, SlackTestResponse, StartSlackInstallResponse } from '@adloop/contracts';
import { z } from 'zod';
import type { App } from '../../platform/http/app.ts';
import type { AppContext } from '../../platform/context.ts';
import { authenticate, requireOrgAccess } from '../auth/auth.guard.ts';
import { auditSource, systemSource } from '../audit/audit.writer.ts';
import { conflictErrors, noContent, orgRouteErrors } from '../orgs/route-schemas.ts';
import { completeSlackInstall, listChannels, readSlackStatus, sendSlackTest, settingsPath, startSlackInstall, uninstallSlack, updateSlackSettings } from './slack.service.ts';

const tags = ['slack'];
/** Slack's own answers: 429 while it asks Adloop to wait, 502 for its refusals, 503 when no Slack app is configured. */
const slackErrors = { ...conflictErrors, 429: ErrorResponse, 502: ErrorResponse, 503: ErrorResponse } as const;

/** "Add to Slack" per organisation, the channel and kinds posted there, a test message, and removal (owners and admins). */
export function registerSlackRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/v1/orgs/:orgId/slack',
    { schema: { tags, summary: 'Whether Slack is offered, and the organisation’s Slack install (workspace, channel, kinds, state)', params: OrgParams, response: { 200: SlackStatus, ...orgRouteErrors } } },
    async (request) => readSlackStatus(ctx, await requireOrgAccess(ctx, request, request.params.orgId, 'org:read')),
  );

  app.post(
    '/api/v1/orgs/:orgId/slack/authorize',
    { schema: { tags, summary: 'Start "Add to Slack": returns Slack’s install page URL (single-use state bound to this session, 10 minutes)', params: OrgParams, response: { 201: StartSlackInstallResponse, ...slackErrors } } },
    async (request, reply) => {
      const access = await requireOrgAccess(ctx, request, request.params.orgId, 'org:update');
      return reply.status(201).header('cache-control', 'no-store').send(await startSlackInstall(ctx, access));
    },
  );

  app.get(
    '/api/v1/slack/callback',
    { schema: { tags, summary: 'Where Slack’s install page sends the browser back; redirects to Slack settings', querystring: SlackCallbackQuery, response: { 302: z.null().meta({ description: 'Redirect to the web app' }) } } },
    async (request, reply) => {
      const actor = await authenticate(ctx, request);
      const caller = actor?.kind === 'user' ? { userId: actor.userId, sessionId: actor.sessionId } : null;
      const outcome = await completeSlackInstall(ctx, caller, actor ? auditSource(request, actor) : systemSource('slack callback'), request.query);
      const target = outcome.ok
        ? `${settingsPath(outcome.orgId)}?connected=1`
        : outcome.orgId ? `${settingsPath(outcome.orgId)}?error=${encodeURIComponent(outcome.reason)}` : `/connect-failed?reason=${encodeURIComponent(outcome.reason)}`;
      return reply.header('cache-control', 'no-store').redirect(target, 302);
    },
  );

  app.get(
    '/api/v1/orgs/:orgId/slack/channels',
    { schema: { tags, summary: 'Channels Adloop can post to in the installed workspace (conversations.list, every page)', params: OrgParams, response: { 200: SlackChannelList, ...slackErrors } } },
    async (request) => listChannels(ctx, await requireOrgAccess(ctx, request, request.params.orgId, 'org:update')),
  );

  app.put(
    '/api/v1/orgs/:orgId/slack',
    { schema: { tags, summary: 'Choose the Slack channel and/or which kinds of notification are posted there', params: OrgParams, body: SlackSettingsBody, response: { 200: SlackStatus, ...slackErrors } } },
    async (request) => {
      const access = await requireOrgAccess(ctx, request, request.params.orgId, 'org:update');
      return updateSlackSettings(ctx, access, auditSource(request, access.actor), request.body);
    },
  );

  app.post(
    '/api/v1/orgs/:orgId/slack/test',
    { schema: { tags, summary: 'Post a test message to the chosen channel', params: OrgParams, response: { 200: SlackTestResponse, ...slackErrors } } },
    async (request) => sendSlackTest(ctx, await requireOrgAccess(ctx, request, request.params.orgId, 'org:update')),
  );

  app.delete(
    '/api/v1/orgs/:orgId/slack',
    { schema: { tags, summary: 'Remove Slack: the token is revoked at Slack and forgotten; nothing more is posted', params: OrgParams, response: { ...noContent, ...slackErrors } } },
    async (request, reply) => {
      const access = await requireOrgAccess(ctx, request, request.params.orgId, 'org:update');
      await uninstallSlack(ctx, access, auditSource(request, access.actor));
      return reply.status(204).send(null);
    },
  );
}
