import type { FastifyReply, FastifyRequest } from 'fastify';
import { and, eq, isNull } from 'drizzle-orm';
import { apiKeys, memberAdAccounts, memberships, organizations, sessions, users, type ApiKeyScope, type Role } from '@adloop/db';
import type { AppContext } from '../../platform/context.ts';
import { AppError, forbidden, notFound } from '../../platform/errors.ts';
import { hashToken } from '../../platform/crypto.ts';
import { apiKeyCan, roleCan, type Permission } from '../orgs/permissions.ts';
import { isCsrfTokenValid } from './csrf.ts';

export const SESSION_COOKIE = 'adloop_session';
export const CSRF_COOKIE = 'adloop_csrf';
export const CSRF_HEADER = 'x-csrf-token';
export const API_KEY_PREFIX = 'adl_';

export interface UserActor {
  kind: 'user';
  userId: string;
  sessionId: string;
  email: string;
  mfaEnabled: boolean;
}
export interface ApiKeyActor {
  kind: 'api_key';
  keyId: string;
  orgId: string;
  scope: ApiKeyScope;
  name: string;
}
export type Actor = UserActor | ApiKeyActor;

/** Who may act in an organisation, once checked. */
export interface OrgAccess {
  actor: Actor;
  orgId: string;
  /** The member's role; null for API keys. */
  role: Role | null;
  /**
   * The ad accounts this caller may see and change: null means every account of the organisation;
   * a `member` gets the accounts assigned to them (possibly none). Every list, total, export and
   * change of ad-account data narrows to these (see `canSeeAccount`, `requireAccountInScope`).
   */
  accountIds: readonly string[] | null;
}

/** Whether the caller may see and work on ad account `accountId` (every account unless limited to assigned ones). */
export function canSeeAccount(access: Pick<OrgAccess, 'accountIds'>, accountId: string): boolean {
  return access.accountIds === null || access.accountIds.includes(accountId);
}

/**
 * Refuses an ad account outside the caller's assigned accounts with the same 404 an unknown
 * account gets, so a member learns nothing of the accounts they do not work on.
 */
export function requireAccountInScope(access: Pick<OrgAccess, 'accountIds'>, accountId: string): void {
  if (!canSeeAccount(access, accountId)) throw notFound('Ad account');
}

/** The ad accounts a member of `role` may work on: null (all) unless the role is `member`. */
export async function assignedAccountIds(ctx: AppContext, orgId: string, userId: string, role: Role): Promise<readonly string[] | null> {
  if (role !== 'member') return null;
  const rows = await ctx.db
    .select({ id: memberAdAccounts.adAccountId })
    .from(memberAdAccounts)
    .where(and(eq(memberAdAccounts.orgId, orgId), eq(memberAdAccounts.userId, userId)));
  return rows.map((r) => r.id);
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const resolved = new WeakMap<FastifyRequest, Promise<Actor | null>>();

/** A state-changing request on a session must carry that session's own CSRF token (see csrf.ts). */
export function assertCsrf(ctx: AppContext, request: FastifyRequest, sessionToken: string): void {
  if (!isCsrfTokenValid(ctx.secretKey, sessionToken, request.headers[CSRF_HEADER])) {
    throw new AppError('csrf_failed', `Missing or wrong ${CSRF_HEADER} header (copy it from the ${CSRF_COOKIE} cookie)`);
  }
}

/** Writes the session and CSRF cookies (new token on every sign-in). */
export function setSessionCookies(ctx: AppContext, reply: FastifyReply, token: string, csrf: string): void {
  const base = { path: '/', sameSite: 'lax' as const, secure: ctx.config.isHttps, maxAge: ctx.config.sessionAbsoluteHours * 3600 };
  void reply.setCookie(SESSION_COOKIE, token, { ...base, httpOnly: true });
  void reply.setCookie(CSRF_COOKIE, csrf, { ...base, httpOnly: false });
}

export function clearSessionCookies(reply: FastifyReply): void {
  void reply.clearCookie(SESSION_COOKIE, { path: '/' });
  void reply.clearCookie(CSRF_COOKIE, { path: '/' });
}

async function fromApiKey(ctx: AppContext, key: string): Promise<ApiKeyActor> {
  const [row] = await ctx.db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, hashToken(key)), isNull(apiKeys.revokedAt)))
    .limit(1);
  if (!row) throw new AppError('unauthenticated', 'The API key is not valid or has been revoked');
  const now = ctx.clock.now();
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await ctx.db.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, row.id));
  }
  return { kind: 'api_key', keyId: row.id, orgId: row.orgId, scope: row.scope, name: row.name };
}

async function fromSession(ctx: AppContext, request: FastifyRequest, token: string): Promise<UserActor | null> {
  const [row] = await ctx.db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, hashToken(token)), eq(sessions.state, 'active'), isNull(sessions.revokedAt)))
    .limit(1);
  if (!row) return null;
  const now = ctx.clock.now();
  const idleLimit = row.session.lastSeenAt.getTime() + ctx.config.sessionIdleMinutes * 60_000;
  if (row.session.expiresAt <= now || idleLimit <= now.getTime()) return null;
  if (!SAFE_METHODS.has(request.method)) assertCsrf(ctx, request, token);
  if (now.getTime() - row.session.lastSeenAt.getTime() > 60_000) {
    await ctx.db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, row.session.id));
  }
  return {
    kind: 'user',
    userId: row.user.id,
    sessionId: row.session.id,
    email: row.user.email,
    mfaEnabled: row.user.mfaEnabledAt !== null,
  };
}

/** Resolves the caller from `Authorization: Bearer <api key>` or the session cookie; cached per request. */
export function authenticate(ctx: AppContext, request: FastifyRequest): Promise<Actor | null> {
  let pending = resolved.get(request);
  if (!pending) {
    const header = request.headers.authorization;
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match?.[1]?.startsWith(API_KEY_PREFIX)) {
        pending = Promise.reject(new AppError('unauthenticated', 'Authorization must be "Bearer <API key>"'));
      } else {
        pending = fromApiKey(ctx, match[1]);
      }
    } else {
      const token = request.cookies[SESSION_COOKIE];
      pending = token ? fromSession(ctx, request, token) : Promise.resolve(null);
    }
    resolved.set(request, pending);
  }
  return pending;
}

/** A signed-in person (not an API key); 401 otherwise. */
export async function requireUser(ctx: AppContext, request: FastifyRequest): Promise<UserActor> {
  const actor = await authenticate(ctx, request);
  if (!actor) throw new AppError('unauthenticated', 'Sign in to continue');
  if (actor.kind !== 'user') throw forbidden('This endpoint needs a signed-in person, not an API key');
  return actor;
}

/**
 * Checks that the caller may use `permission` in organisation `orgId`.
 * Anyone who is not a member (or a key of another organisation) gets 404, never a hint it exists.
 */
export async function requireOrgAccess(
  ctx: AppContext,
  request: FastifyRequest,
  orgId: string,
  permission: Permission,
): Promise<OrgAccess> {
  const actor = await authenticate(ctx, request);
  if (!actor) throw new AppError('unauthenticated', 'Sign in to continue');
  if (actor.kind === 'api_key') {
    if (actor.orgId !== orgId) throw notFound('Organisation');
    if (!apiKeyCan(actor.scope, permission)) {
      throw forbidden(`This API key (${actor.scope}) cannot do this`);
    }
    return { actor, orgId, role: null, accountIds: null };
  }
  const [row] = await ctx.db
    .select({ role: memberships.role, requireMfa: organizations.requireMfa })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.orgId))
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, actor.userId)))
    .limit(1);
  if (!row) throw notFound('Organisation');
  if (row.requireMfa && !actor.mfaEnabled) {
    throw new AppError('mfa_enrolment_required', 'This organisation requires two-factor authentication. Turn it on in Settings → Security.');
  }
  if (!roleCan(row.role, permission)) throw forbidden();
  return { actor, orgId, role: row.role, accountIds: await assignedAccountIds(ctx, orgId, actor.userId, row.role) };
}

/**
 * Whether access granted earlier still holds, for long-lived requests (live-update streams):
 * the session is still active, unexpired and not idle (it is not touched, so an open stream does
 * not keep an idle session alive), or the API key is not revoked; and the member keeps a role
 * with `permission` (and two-factor where the organisation requires it).
 */
export async function stillHasOrgAccess(ctx: AppContext, access: OrgAccess, permission: Permission): Promise<boolean> {
  const now = ctx.clock.now();
  if (access.actor.kind === 'api_key') {
    const [key] = await ctx.db.select({ id: apiKeys.id }).from(apiKeys).where(and(eq(apiKeys.id, access.actor.keyId), isNull(apiKeys.revokedAt))).limit(1);
    return key !== undefined;
  }
  const [row] = await ctx.db
    .select({ session: sessions, role: memberships.role, requireMfa: organizations.requireMfa, mfaEnabledAt: users.mfaEnabledAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(memberships, and(eq(memberships.userId, sessions.userId), eq(memberships.orgId, access.orgId)))
    .innerJoin(organizations, eq(organizations.id, memberships.orgId))
    .where(and(eq(sessions.id, access.actor.sessionId), eq(sessions.state, 'active'), isNull(sessions.revokedAt)))
    .limit(1);
  if (!row) return false;
  const idleLimit = row.session.lastSeenAt.getTime() + ctx.config.sessionIdleMinutes * 60_000;
  if (row.session.expiresAt <= now || idleLimit <= now.getTime()) return false;
  if (row.requireMfa && row.mfaEnabledAt === null) return false;
  return roleCan(row.role, permission);
}
