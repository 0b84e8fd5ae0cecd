import { NOTIFICATION_KIND_NAMES, NOTIFICATION_KINDS, type NotificationKind, type SlackChannelList, type SlackStatus, type SlackTestResponse } from '@adloop/contracts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, fieldError, forbidden } from '../../platform/errors.ts';
import { hashToken, randomToken } from '../../platform/crypto.ts';
import type { OrgAccess } from '../auth/auth.guard.ts';
import { recordAudit, type AuditSource } from '../audit/audit.writer.ts';
import { roleCan } from '../orgs/permissions.ts';
import { noticeBlocks } from './slack.blocks.ts';
import { exchangeSlackCode, listSlackChannels, postSlackMessage, revokeSlackToken, slackAuthorizeUrl, SlackCallError } from './slack.client.ts';
import { SLACK_BOT_SCOPES, slackCallbackUrl, slackEndpoints, type SlackEndpoints } from './slack.endpoints.ts';
import { createSlackRepository, type SlackInstallRow } from './slack.repository.ts';
import { handleSlackFailure } from './slack.failures.ts';

const STATE_TTL_MS = 10 * 60 * 1000;

/** Kinds posted to Slack until an admin chooses: what needs someone's attention, for the whole team. */
export const DEFAULT_SLACK_KINDS = NOTIFICATION_KIND_NAMES.filter((kind) => NOTIFICATION_KINDS[kind].severity !== 'info' && NOTIFICATION_KINDS[kind].audience !== 'actor');

export const settingsPath = (orgId: string) => `/orgs/${orgId}/settings/slack`;

function requireEndpoints(ctx: AppContext): SlackEndpoints {
  const endpoints = slackEndpoints(ctx);
  if (!endpoints) throw new AppError('unavailable', 'Slack is not offered on this installation (no Slack app is configured)');
  return endpoints;
}

function presentInstall(row: SlackInstallRow) {
  return {
    teamId: row.teamId, teamName: row.teamName, channelId: row.channelId, channelName: row.channelName,
    kinds: row.kinds.filter((k): k is NotificationKind => Object.hasOwn(NOTIFICATION_KINDS, k)),
    state: row.state, brokenReason: row.brokenReason, installedAt: row.installedAt.toISOString(),
  };
}

export async function readSlackStatus(ctx: AppContext, access: OrgAccess): Promise<SlackStatus> {
  const endpoints = slackEndpoints(ctx);
  const row = await createSlackRepository(ctx.db).find(access.orgId);
  return {
    available: endpoints !== null,
    sandbox: endpoints?.sandbox ?? false,
    sandboxPageUrl: endpoints?.sandboxPageUrl ?? null,
    install: row ? presentInstall(row) : null,
    canManage: access.role !== null && roleCan(access.role, 'org:update'),
  };
}

/** Step 1 of "Add to Slack": a single-use state bound to this person's session and organisation, and Slack's install URL. */
export async function startSlackInstall(ctx: AppContext, access: OrgAccess): Promise<{ authorizeUrl: string; expiresAt: string }> {
  if (access.actor.kind !== 'user') throw forbidden('Adding Slack needs a person signed in with a browser');
  const endpoints = requireEndpoints(ctx);
  const state = randomToken();
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + STATE_TTL_MS);
  await createSlackRepository(ctx.db).insertState({ stateHash: hashToken(state), orgId: access.orgId, userId: access.actor.userId, sessionHash: hashToken(access.actor.sessionId), expiresAt, createdAt: now });
  return { authorizeUrl: slackAuthorizeUrl(endpoints, state, slackCallbackUrl(ctx), SLACK_BOT_SCOPES), expiresAt: expiresAt.toISOString() };
}

export type SlackCallbackOutcome = { ok: true; orgId: string } | { ok: false; orgId: string | null; reason: string };

/** Step 2, Slack's redirect back: the state must be unused, fresh and from the same session; then the code is exchanged and the token sealed. */
export async function completeSlackInstall(
  ctx: AppContext,
  caller: { userId: string; sessionId: string } | null,
  source: AuditSource,
  query: { code?: string | undefined; state?: string | undefined; error?: string | undefined },
): Promise<SlackCallbackOutcome> {
  if (!query.state) return { ok: false, orgId: null, reason: 'Slack sent Adloop back without a state; add Slack again.' };
  const repo = createSlackRepository(ctx.db);
  const now = ctx.clock.now();
  const state = await repo.consumeState(hashToken(query.state), now);
  if (!state) return { ok: false, orgId: null, reason: 'This Slack link was already used or is unknown; add Slack again.' };
  if (state.expiresAt <= now) return { ok: false, orgId: state.orgId, reason: 'Adding Slack took longer than 10 minutes; start again.' };
  if (!caller || caller.userId !== state.userId || hashToken(caller.sessionId) !== state.sessionHash) {
    return { ok: false, orgId: null, reason: 'Adding Slack must finish in the browser session that started it; start again.' };
  }
  if (query.error || !query.code) return { ok: false, orgId: state.orgId, reason: query.error === 'access_denied' ? 'Slack was not added: the install was cancelled.' : 'Slack sent no authorisation code.' };
  const endpoints = requireEndpoints(ctx);
  let grant;
  try {
    grant = await exchangeSlackCode(endpoints, query.code, slackCallbackUrl(ctx));
  } catch (error) {
    if (error instanceof SlackCallError) return { ok: false, orgId: state.orgId, reason: `Slack refused the install (${error.slackError}).` };
    throw error;
  }
  await ctx.db.transaction(async (tx) => {
    const row = await createSlackRepository(tx).upsert(state.orgId, ctx.keyring, grant, { kinds: [...DEFAULT_SLACK_KINDS], installedBy: state.userId, at: now });
    await recordAudit(tx, source, { orgId: state.orgId, action: 'slack.installed', targetType: 'slack_install', targetId: row.id, after: { teamId: grant.teamId, teamName: grant.teamName, scopes: grant.scopes } });
  });
  return { ok: true, orgId: state.orgId };
}

async function requireInstall(ctx: AppContext, orgId: string): Promise<SlackInstallRow> {
  const row = await createSlackRepository(ctx.db).find(orgId);
  if (!row) throw new AppError('conflict', 'Slack is not added to this organisation; add it first');
  return row;
}

/** Runs a Slack call with the install's token; a dead token or channel marks the install broken (and tells the admins) before the error surfaces. */
async function withToken<T>(ctx: AppContext, row: SlackInstallRow, run: (endpoints: SlackEndpoints, token: string) => Promise<T>): Promise<T> {
  const endpoints = requireEndpoints(ctx);
  try {
    return await run(endpoints, createSlackRepository(ctx.db).openToken(row, ctx.keyring));
  } catch (error) {
    if (!(error instanceof SlackCallError)) throw error;
    await handleSlackFailure(ctx, row.orgId, error);
    if (error.slackError === 'ratelimited') throw new AppError('rate_limited', 'Slack asked Adloop to slow down; try again shortly', undefined, { 'retry-after': String(error.retryAfterSeconds ?? 1) });
    throw new AppError('upstream_failed', `Slack answered ${error.slackError}`, { slackError: error.slackError });
  }
}

export async function listChannels(ctx: AppContext, access: OrgAccess): Promise<SlackChannelList> {
  const row = await requireInstall(ctx, access.orgId);
  return { channels: await withToken(ctx, row, listSlackChannels) };
}

/** Chooses the channel (checked against Slack's list) and/or the kinds posted there. */
export async function updateSlackSettings(ctx: AppContext, access: OrgAccess, source: AuditSource, body: { channelId?: string | undefined; kinds?: NotificationKind[] | undefined }): Promise<SlackStatus> {
  const row = await requireInstall(ctx, access.orgId);
  const values: Parameters<ReturnType<typeof createSlackRepository>['update']>[1] = {};
  if (body.channelId !== undefined) {
    const channel = (await withToken(ctx, row, listSlackChannels)).find((c) => c.id === body.channelId);
    if (!channel) throw fieldError('channelId', 'is not a channel Adloop can post to in this workspace');
    Object.assign(values, { channelId: channel.id, channelName: channel.name });
    // A new channel mends a broken channel, not a revoked token.
    if (row.state === 'broken' && row.brokenReason && !['token_revoked', 'invalid_auth', 'account_inactive', 'token_expired'].includes(row.brokenReason)) Object.assign(values, { state: 'active', brokenReason: null });
  }
  if (body.kinds !== undefined) values.kinds = [...new Set(body.kinds)];
  await ctx.db.transaction(async (tx) => {
    await createSlackRepository(tx).update(access.orgId, values, ctx.clock.now());
    await recordAudit(tx, source, { orgId: access.orgId, action: 'slack.settings_updated', targetType: 'slack_install', targetId: row.id, before: { channelId: row.channelId, kinds: row.kinds }, after: { channelId: values.channelId ?? row.channelId, kinds: values.kinds ?? row.kinds } });
  });
  return readSlackStatus(ctx, access);
}

/** Posts a test message to the chosen channel, with a button back to Slack settings. */
export async function sendSlackTest(ctx: AppContext, access: OrgAccess): Promise<SlackTestResponse> {
  const row = await requireInstall(ctx, access.orgId);
  if (!row.channelId) throw fieldError('channelId', 'choose a channel before sending a test message');
  if (row.state === 'broken') throw new AppError('conflict', `Slack is not working (${row.brokenReason ?? 'broken'}); reconnect or choose another channel`);
  const message = noticeBlocks({ kind: null, severity: 'info', title: 'Adloop is connected to this channel', body: 'Notifications chosen in Adloop’s Slack settings will appear here.', link: `${ctx.config.publicUrl}${settingsPath(access.orgId)}`, buttonLabel: 'Open Slack settings' });
  const posted = await withToken(ctx, row, (endpoints, token) => postSlackMessage(endpoints, token, { channel: row.channelId!, ...message }));
  return { channelId: posted.channel, ts: posted.ts };
}

/** Removes the install: the token is revoked at Slack (best effort) and forgotten here. */
export async function uninstallSlack(ctx: AppContext, access: OrgAccess, source: AuditSource): Promise<void> {
  const row = await requireInstall(ctx, access.orgId);
  const endpoints = slackEndpoints(ctx);
  if (endpoints && row.state === 'active') await revokeSlackToken(endpoints, createSlackRepository(ctx.db).openToken(row, ctx.keyring));
  await ctx.db.transaction(async (tx) => {
    await createSlackRepository(tx).remove(access.orgId);
    await recordAudit(tx, source, { orgId: access.orgId, action: 'slack.uninstalled', targetType: 'slack_install', targetId: row.id, before: { teamId: row.teamId, channelId: row.channelId } });
  });
}
