import { createHash } from 'node:crypto';
import type { AccountHealth, AdAccount, Connection, ConnectionsOverview, PlatformId } from '@adloop/contracts';
import { PlatformError, type AdAccount as PlatformAdAccount, type TokenSet } from '@adloop/platforms';
import type { AppContext } from '../../platform/context.ts';
import { AppError, fieldError, forbidden, notFound } from '../../platform/errors.ts';
import { decryptSecret, encryptSecret, hashToken, randomToken } from '../../platform/crypto.ts';
import type { OrgAccess } from '../auth/auth.guard.ts';
import { assignBroughtIn, seesAccount, seesConnection } from './account-scope.ts';
import { recordAudit, type AuditSource } from '../audit/audit.writer.ts';
import { SYNC_ACCOUNT } from '../sync/sync.jobs.ts';
import { assertWithinPlan } from '../billing/limits.ts';
import { createConnectionsRepository, type AdAccountRow, type ConnectionRow, type SyncRunRow } from './connections.repository.ts';
import { overallSyncProgress } from './sync-progress.ts';
import { createSecretsRepository } from './secrets.repository.ts';

const STATE_TTL_MS = 10 * 60_000;
const PLATFORM_IDS: PlatformId[] = ['google_ads', 'meta', 'tiktok'];
const DISPLAY: Record<PlatformId, string> = { google_ads: 'Google Ads', meta: 'Meta', tiktok: 'TikTok' };

export const callbackUrl = (ctx: AppContext, platform: PlatformId) => `${ctx.config.publicUrl}/api/v1/oauth/${platform}/callback`;
const verifierAad = (stateHash: string) => `oauth-state:${stateHash}`;

function minutesAgo(from: Date, to: Date): string {
  const minutes = Math.max(0, Math.round((to.getTime() - from.getTime()) / 60_000));
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? '' : 's'} ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} hour${hours === 1 ? '' : 's'} ago`;
  return `${Math.round(hours / 24)} days ago`;
}

/** Plain words and the fix for each way a sync can fail. */
const SYNC_PROBLEMS: Record<string, { message: string; fix: 'reconnect' | 'retry' | 'wait' }> = {
  rate_limited: { message: 'The platform asked Adloop to slow down; the next sync retries on its own.', fix: 'wait' },
  transient: { message: 'The platform did not answer reliably, so the last sync did not complete.', fix: 'retry' },
  auth_expired: { message: 'The platform no longer accepts Adloop’s access to this account.', fix: 'reconnect' },
  permission: { message: 'Adloop is no longer allowed to read this account. Reconnect with an account that can.', fix: 'reconnect' },
  not_found: { message: 'The platform says this account no longer exists or is no longer shared.', fix: 'reconnect' },
  invalid_request: { message: 'The platform refused Adloop’s request.', fix: 'retry' },
  report_too_large: { message: 'The platform refused the report as too large even for a single day.', fix: 'retry' },
  internal: { message: 'Adloop hit an internal error during the last sync; it has been logged.', fix: 'retry' },
};

/** What a person needs to know about an account's numbers: how fresh, what is wrong, what to do. */
export function accountHealth(ctx: AppContext, connection: ConnectionRow, account: AdAccountRow, running: SyncRunRow | undefined): AccountHealth {
  const now = ctx.clock.now();
  const capabilities = ctx.platforms.registry.has(account.platform) ? ctx.platforms.registry.get(account.platform).capabilities : null;
  const reportingDelayHours = capabilities?.reportingDelayHours ?? 3;
  const progress = running ? overallSyncProgress(running.kind, running.progress) : 0;
  const base = {
    structureSyncedAt: account.structureSyncedAt?.toISOString() ?? null,
    metricsSyncedAt: account.metricsSyncedAt?.toISOString() ?? null,
    newestHourAt: account.newestHourAt?.toISOString() ?? null,
    reportingDelayHours,
    running: running ? { kind: running.kind, progress } : null,
  };
  if (connection.status === 'needs_reconnection') {
    return {
      ...base,
      state: 'needs_reconnection',
      summary: `${DISPLAY[account.platform]} no longer accepts Adloop's access. Reconnect to resume syncing.`,
      problem: { message: 'Access to this account has expired or was revoked.', platformMessage: connection.lastError, fix: 'reconnect' },
    };
  }
  if (!account.selected) return { ...base, state: 'not_added', summary: 'Not added to Adloop: not synced.', problem: null };
  if (running && !account.metricsSyncedAt) return { ...base, state: 'syncing', summary: `First sync in progress (${progress} %).`, problem: null };
  if (account.lastSyncErrorKind) {
    return {
      ...base,
      state: 'error',
      summary: account.metricsSyncedAt ? `The last sync failed; numbers are from ${minutesAgo(account.metricsSyncedAt, now)}.` : 'The first sync failed.',
      problem: { ...SYNC_PROBLEMS[account.lastSyncErrorKind] ?? SYNC_PROBLEMS.transient!, platformMessage: account.lastSyncError },
    };
  }
  if (!account.metricsSyncedAt) return { ...base, state: running ? 'syncing' : 'never_synced', summary: running ? `First sync in progress (${progress} %).` : 'Waiting for the first sync.', problem: null };
  const stale = now.getTime() - account.metricsSyncedAt.getTime() > 2 * ctx.config.sync.intervalMinutes * 60_000 + 5 * 60_000;
  const upTo = account.newestHourAt
    ? `Numbers up to ${new Intl.DateTimeFormat('en-GB', { timeZone: account.timeZone, hour: '2-digit', minute: '2-digit', day: 'numeric', month: 'short' }).format(new Date(account.newestHourAt.getTime() + 3_600_000))} (account time)`
    : 'Numbers synced';
  return {
    ...base,
    state: stale ? 'delayed' : 'fresh',
    summary: `${upTo}, synced ${minutesAgo(account.metricsSyncedAt, now)}. ${DISPLAY[account.platform]} usually completes an hour's numbers within ${reportingDelayHours} hours.`,
    problem: stale ? { message: 'Syncing is behind schedule.', platformMessage: null, fix: 'retry' } : null,
  };
}

/** The platforms on offer and the connections the caller sees, each with only the accounts the caller may see. */
export async function getOverview(ctx: AppContext, access: OrgAccess): Promise<ConnectionsOverview> {
  const orgId = access.orgId;
  const platforms = PLATFORM_IDS.map((id) => {
    const available = ctx.platforms.registry.has(id);
    const c = available ? ctx.platforms.registry.get(id).capabilities : null;
    return {
      id,
      displayName: DISPLAY[id],
      available,
      capabilities: {
        supportsPkce: c?.supportsPkce ?? false,
        refreshableTokens: c?.refreshableTokens ?? false,
        hourlyMetrics: c?.hourlyMetrics ?? false,
        hourlyTimeBasis: c?.hourlyTimeBasis ?? 'account',
        restatementDays: ctx.config.sync.restatementDays[id],
        reportingDelayHours: c?.reportingDelayHours ?? 0,
      },
    };
  });
  const repo = createConnectionsRepository(ctx.db);
  const rows = (await repo.listConnections(orgId)).filter((c) => c.status !== 'disconnected');
  const all = await repo.listAccounts(orgId, rows.map((c) => c.id));
  return { platforms, connections: await presentConnections(ctx, access, rows.filter((c) => seesConnection(access, c, all))) };
}

/** Narrows accounts to the caller's before counting, summing or reporting health on them. */
async function presentConnections(ctx: AppContext, access: OrgAccess, rows: ConnectionRow[]): Promise<Connection[]> {
  const orgId = access.orgId;
  const repo = createConnectionsRepository(ctx.db);
  const byId = new Map(rows.map((c) => [c.id, c]));
  const accounts = (await repo.listAccounts(orgId, rows.map((c) => c.id))).filter((a) => {
    const connection = byId.get(a.connectionId);
    return connection !== undefined && seesAccount(access, connection, a);
  });
  const ids = accounts.map((a) => a.id);
  const running = new Map((await repo.runningSyncs(orgId, ids)).map((r) => [r.adAccountId, r]));
  const summaries = await repo.accountSummaries(orgId, ids, ctx.clock.now());
  return rows.map((connection) => ({
    id: connection.id,
    platform: connection.platform,
    status: connection.status,
    externalLabel: connection.externalLabel,
    connectedAt: connection.createdAt.toISOString(),
    tokenExpiresAt: connection.tokenExpiresAt?.toISOString() ?? null,
    lastError: connection.lastError,
    accounts: accounts
      .filter((a) => a.connectionId === connection.id)
      .map((a): AdAccount => {
        const summary = summaries.get(a.id) ?? { campaigns: 0, spendMicros: 0 };
        return {
          id: a.id,
          connectionId: a.connectionId,
          platform: a.platform,
          platformAccountId: a.platformAccountId,
          name: a.name,
          currency: a.currency,
          timeZone: a.timeZone,
          isManager: a.isManager,
          managerAccountId: a.managerId,
          isGrantedDirectly: !a.isManager && a.managerId === null,
          status: a.status,
          selected: a.selected,
          campaignCount: summary.campaigns,
          spendLast7DaysMicros: summary.spendMicros,
          health: accountHealth(ctx, connection, a, running.get(a.id)),
        };
      }),
  }));
}

/** One connection as the caller sees it; one they may not see is as unknown as one that does not exist. */
export async function getConnection(ctx: AppContext, access: OrgAccess, connectionId: string): Promise<Connection> {
  const repo = createConnectionsRepository(ctx.db);
  const row = await repo.findConnection(access.orgId, connectionId);
  if (!row || row.status === 'disconnected') throw notFound('Connection');
  if (!seesConnection(access, row, await repo.listAccounts(access.orgId, [connectionId]))) throw notFound('Connection');
  const [connection] = await presentConnections(ctx, access, [row]);
  return connection!;
}

function requirePerson(access: OrgAccess) {
  if (access.actor.kind !== 'user') throw forbidden('Connecting an ad platform needs a person signed in with a browser');
  return access.actor;
}

/** Step 1: a single-use `state` bound to this session (and a PKCE verifier where supported), and the consent URL. */
export async function startConnect(ctx: AppContext, access: OrgAccess, platform: PlatformId): Promise<{ authorizeUrl: string; expiresAt: string }> {
  const person = requirePerson(access);
  if (!ctx.platforms.registry.has(platform)) throw fieldError('platform', 'is not available on this installation');
  const adapter = ctx.platforms.registry.get(platform);
  const state = randomToken();
  const stateHash = hashToken(state);
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + STATE_TTL_MS);
  const verifier = adapter.capabilities.supportsPkce ? randomToken(48) : null;
  await createConnectionsRepository(ctx.db).insertState({
    stateHash,
    orgId: access.orgId,
    userId: person.userId,
    sessionHash: hashToken(person.sessionId),
    platform,
    codeVerifierEnc: verifier ? encryptSecret(ctx.secretKey, verifier, verifierAad(stateHash)) : null,
    expiresAt,
    createdAt: now,
  });
  const authorizeUrl = adapter.oauth.authorizeUrl({
    state,
    redirectUri: callbackUrl(ctx, platform),
    codeChallenge: verifier ? createHash('sha256').update(verifier).digest('base64url') : undefined,
  });
  return { authorizeUrl, expiresAt: expiresAt.toISOString() };
}

export type CallbackOutcome = { ok: true; orgId: string; connectionId: string } | { ok: false; orgId: string | null; reason: string };

/**
 * Step 2, the platform's redirect back: checks the state (exists, unused, fresh, same session,
 * same platform), exchanges the code, stores the tokens sealed, and records the granted accounts.
 */
export async function completeConnect(
  ctx: AppContext,
  caller: { userId: string; sessionId: string } | null,
  source: AuditSource,
  platform: PlatformId,
  query: { code?: string | undefined; state?: string | undefined; error?: string | undefined; error_description?: string | undefined },
): Promise<CallbackOutcome> {
  if (!query.state) return { ok: false, orgId: null, reason: 'The platform sent Adloop back without a state; start connecting again.' };
  const repo = createConnectionsRepository(ctx.db);
  const now = ctx.clock.now();
  const stateHash = hashToken(query.state);
  const state = await repo.consumeState(stateHash, now);
  if (!state) return { ok: false, orgId: null, reason: 'This connection link was already used or is unknown; start connecting again.' };
  if (state.expiresAt <= now) return { ok: false, orgId: state.orgId, reason: 'Connecting took longer than 10 minutes; start again.' };
  if (state.platform !== platform) return { ok: false, orgId: state.orgId, reason: 'The platform answered for a different connection; start again.' };
  if (!caller || caller.userId !== state.userId || hashToken(caller.sessionId) !== state.sessionHash) {
    return { ok: false, orgId: null, reason: 'Connecting must finish in the browser session that started it; start again.' };
  }
  if (query.error || !query.code) {
    return { ok: false, orgId: state.orgId, reason: query.error === 'access_denied' || query.error ? `Access was not granted${query.error_description ? `: ${query.error_description}` : '.'}` : 'The platform sent no authorisation code.' };
  }
  const verifier = state.codeVerifierEnc ? decryptSecret(ctx.secretKey, state.codeVerifierEnc, verifierAad(stateHash)) : undefined;
  const scope = { orgId: state.orgId, platform, accountKey: 'oauth' };
  let tokens: TokenSet;
  let granted;
  try {
    tokens = await ctx.platforms.call(scope, (a) => a.oauth.exchangeCode({ code: query.code!, redirectUri: callbackUrl(ctx, platform), codeVerifier: verifier }));
    granted = await ctx.platforms.call(scope, (a) => a.accounts.list(tokens));
  } catch (error) {
    if (error instanceof PlatformError) return { ok: false, orgId: state.orgId, reason: `${DISPLAY[platform]} refused: ${error.details.platformMessage ?? error.message}` };
    throw error;
  }
  const connectionId = await recordConnection(ctx, source, { orgId: state.orgId, userId: state.userId, platform, tokens, granted });
  return { ok: true, orgId: state.orgId, connectionId };
}

/**
 * Stores a connection the platform granted: its tokens sealed, the granted accounts, and a sync
 * queued for accounts this organisation had added before (a reconnect). Returns its id.
 */
export async function recordConnection(
  ctx: AppContext,
  source: AuditSource,
  grantee: { orgId: string; userId: string; platform: PlatformId; tokens: TokenSet; granted: PlatformAdAccount[] },
): Promise<string> {
  const { platform, tokens, granted } = grantee;
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const txRepo = createConnectionsRepository(tx);
    const connection = await txRepo.insertConnection({
      orgId: grantee.orgId,
      platform,
      status: 'active',
      externalLabel: `${granted.length} account${granted.length === 1 ? '' : 's'} granted`,
      connectedBy: grantee.userId,
      tokenExpiresAt: tokens.expiresAt ?? null,
      createdAt: now,
      updatedAt: now,
    });
    const secrets = createSecretsRepository(tx, ctx.keyring);
    await secrets.put(grantee.orgId, connection.id, 'access_token', tokens.accessToken, now);
    if (tokens.refreshToken) await secrets.put(grantee.orgId, connection.id, 'refresh_token', tokens.refreshToken, now);
    await txRepo.upsertAccounts(
      grantee.orgId,
      connection.id,
      granted.map((a) => ({
        platform,
        platformAccountId: a.platformAccountId,
        name: a.name,
        currency: a.currency,
        timeZone: a.timeZone,
        isManager: a.isManager,
        managerId: a.managerId ?? null,
        status: a.status,
      })),
    );
    // Accounts this org had added before (a reconnect) keep syncing under the new connection.
    const previouslySelected = (await txRepo.listAccounts(grantee.orgId, [connection.id])).filter((a) => a.selected);
    for (const account of previouslySelected) {
      await ctx.jobs.enqueue(SYNC_ACCOUNT, { orgId: grantee.orgId, adAccountId: account.id, reason: 'manual' }, { db: tx });
    }
    await recordAudit(tx, source, {
      orgId: grantee.orgId,
      action: 'connection.created',
      targetType: 'connection',
      targetId: connection.id,
      after: { platform, accounts: granted.length },
    });
    return connection.id;
  });
}

/**
 * Step 3: the accounts to mirror. Newly added ones get their first sync queued at once.
 * A member limited to assigned accounts chooses among the accounts they see (see account-scope.ts);
 * the others keep their selection, and the accounts they add from their own login become theirs.
 */
export async function selectAccounts(ctx: AppContext, access: OrgAccess, source: AuditSource, connectionId: string, accountIds: string[]): Promise<Connection> {
  const repo = createConnectionsRepository(ctx.db);
  const connection = await repo.findConnection(access.orgId, connectionId);
  if (!connection || connection.status === 'disconnected') throw notFound('Connection');
  const accounts = await repo.listAccounts(access.orgId, [connectionId]);
  if (!seesConnection(access, connection, accounts)) throw notFound('Connection');
  const known = new Map(accounts.filter((a) => seesAccount(access, connection, a)).map((a) => [a.id, a]));
  for (const [index, id] of accountIds.entries()) {
    const account = known.get(id);
    if (!account) throw fieldError(`accountIds.${index}`, 'is not an account of this connection');
    if (account.isManager) throw fieldError(`accountIds.${index}`, 'is a manager account: add its client accounts instead (managers have no metrics of their own)');
  }
  const before = new Set(accounts.filter((a) => a.selected).map((a) => a.id));
  const keptOutOfScope = [...before].filter((id) => !known.has(id));
  const wanted = [...new Set([...accountIds, ...keptOutOfScope])];
  await assertWithinPlan(ctx, ctx.db, access.orgId, 'adAccounts', wanted.filter((id) => !before.has(id)).length);
  const added = await ctx.db.transaction(async (tx) => {
    const selected = await createConnectionsRepository(tx).setSelection(access.orgId, connectionId, wanted, ctx.clock.now());
    const addedIds = selected.filter((a) => !before.has(a.id)).map((a) => a.id);
    for (const id of addedIds) await ctx.jobs.enqueue(SYNC_ACCOUNT, { orgId: access.orgId, adAccountId: id, reason: 'first' }, { db: tx });
    await assignBroughtIn(tx, access, source, addedIds, ctx.clock.now());
    await recordAudit(tx, source, {
      orgId: access.orgId,
      action: 'connection.accounts_selected',
      targetType: 'connection',
      targetId: connectionId,
      before: { accounts: [...before].sort() },
      after: { accounts: wanted.sort() },
    });
    return addedIds;
  });
  // What was just added is the member's now (assignBroughtIn): answer with it.
  return getConnection(ctx, access.accountIds === null ? access : { ...access, accountIds: [...access.accountIds, ...added] }, connectionId);
}

/** Revokes the token at the platform where it can, deletes the stored secrets, stops syncing. Mirrored history stays. */
export async function disconnect(ctx: AppContext, access: OrgAccess, source: AuditSource, connectionId: string): Promise<{ revoked: boolean }> {
  const repo = createConnectionsRepository(ctx.db);
  const connection = await repo.findConnection(access.orgId, connectionId);
  if (!connection || connection.status === 'disconnected') throw notFound('Connection');
  const secrets = createSecretsRepository(ctx.db, ctx.keyring);
  let revoked = false;
  if (ctx.platforms.registry.has(connection.platform) && ctx.platforms.registry.get(connection.platform).capabilities.revocableTokens) {
    const accessToken = await secrets.get(access.orgId, connectionId, 'access_token').catch(() => null);
    const refreshToken = await secrets.get(access.orgId, connectionId, 'refresh_token').catch(() => null);
    if (accessToken) {
      try {
        await ctx.platforms.call({ orgId: access.orgId, platform: connection.platform, accountKey: 'oauth' }, (a) =>
          a.oauth.revoke({ accessToken, refreshToken: refreshToken ?? undefined }),
        );
        revoked = true;
      } catch (error) {
        // A token the platform already forgot is as good as revoked; anything else is logged, and the secrets go anyway.
        ctx.logger.warn({ err: error, connectionId }, 'revoking a platform token failed');
      }
    }
  }
  await ctx.db.transaction(async (tx) => {
    await createSecretsRepository(tx, ctx.keyring).deleteAll(access.orgId, connectionId);
    const txRepo = createConnectionsRepository(tx);
    await txRepo.deselectAll(access.orgId, connectionId);
    await txRepo.updateConnection(access.orgId, connectionId, { status: 'disconnected', disconnectedAt: ctx.clock.now(), updatedAt: ctx.clock.now() });
    await recordAudit(tx, source, {
      orgId: access.orgId,
      action: 'connection.disconnected',
      targetType: 'connection',
      targetId: connectionId,
      before: { platform: connection.platform, status: connection.status },
      after: { status: 'disconnected', revokedAtPlatform: revoked },
    });
  });
  return { revoked };
}

/** Queues a sync of one account now ("Retry"). */
export async function requestSync(ctx: AppContext, access: OrgAccess, accountId: string): Promise<{ queued: boolean }> {
  const repo = createConnectionsRepository(ctx.db);
  const account = await repo.findAccount(access.orgId, accountId);
  if (!account) throw notFound('Ad account');
  if (!account.selected) throw new AppError('conflict', 'This account is not added to Adloop: add it on the connections page first');
  const connection = await repo.findConnection(access.orgId, account.connectionId);
  if (connection?.status !== 'active') throw new AppError('conflict', 'This connection needs to be reconnected before it can sync');
  await ctx.jobs.enqueue(SYNC_ACCOUNT, { orgId: access.orgId, adAccountId: accountId, reason: 'manual' });
  return { queued: true };
}
