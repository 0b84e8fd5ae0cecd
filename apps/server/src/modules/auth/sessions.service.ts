import type { Db } from '@adloop/db';
import type { AppContext } from '../../platform/context.ts';
import { hashToken, randomToken } from '../../platform/crypto.ts';
import { notFound } from '../../platform/errors.ts';
import { ipCountryLookup } from '../../platform/net/ip-country.ts';
import { recordAudit, type AuditSource } from '../audit/audit.writer.ts';
import type { ClientInfo } from './auth.context.ts';
import { csrfTokenFor } from './csrf.ts';
import {
  activatePendingSession,
  insertSession,
  listActiveSessions,
  revokeSession as revokeSessionRow,
  type SessionState,
} from './sessions.repository.ts';

/** A half sign-in waiting for the second factor lives this long. */
export const MFA_PENDING_MINUTES = 10;

/** A new session's secrets: set both as cookies, then forget them (only the hash is stored). */
export interface IssuedSession {
  sessionId: string;
  token: string;
  csrf: string;
}

function expiryFor(ctx: AppContext, state: SessionState, now: Date): Date {
  const ms = state === 'active' ? ctx.config.sessionAbsoluteHours * 3_600_000 : MFA_PENDING_MINUTES * 60_000;
  return new Date(now.getTime() + ms);
}

/** Starts a session with a fresh random token (never reusing one the browser sent), placed in the country of the client's IP. */
export async function startSession(ctx: AppContext, db: Db, userId: string, state: SessionState, client: ClientInfo): Promise<IssuedSession> {
  const now = ctx.clock.now();
  const token = randomToken();
  const row = await insertSession(db, {
    userId,
    tokenHash: hashToken(token),
    state,
    ip: client.ip,
    userAgent: client.userAgent,
    country: await ipCountryLookup(ctx.config.geoipCountryDb, ctx.logger).countryOf(client.ip),
    expiresAt: expiryFor(ctx, state, now),
    at: now,
  });
  return { sessionId: row.id, token, csrf: csrfTokenFor(ctx.secretKey, token) };
}

/** Completes an MFA sign-in: the pending session becomes active under a new token; null if it was already used. */
export async function promotePendingSession(ctx: AppContext, db: Db, sessionId: string, oldTokenHash: string): Promise<IssuedSession | null> {
  const now = ctx.clock.now();
  const token = randomToken();
  const row = await activatePendingSession(db, sessionId, oldTokenHash, {
    tokenHash: hashToken(token),
    expiresAt: expiryFor(ctx, 'active', now),
    at: now,
  });
  return row ? { sessionId: row.id, token, csrf: csrfTokenFor(ctx.secretKey, token) } : null;
}

export interface SessionView {
  id: string;
  ip: string | null;
  /** ISO 3166-1 alpha-2 country the sign-in came from; null when unknown. */
  country: string | null;
  userAgent: string | null;
  createdAt: string;
  lastSeenAt: string;
  current: boolean;
}

/** The user's usable sessions, most recently used first; idle-expired ones are left out. */
export async function listSessions(ctx: AppContext, userId: string, currentSessionId: string): Promise<SessionView[]> {
  const now = ctx.clock.now();
  const idleMs = ctx.config.sessionIdleMinutes * 60_000;
  const rows = await listActiveSessions(ctx.db, userId, now);
  return rows
    .filter((row) => row.lastSeenAt.getTime() + idleMs > now.getTime())
    .map((row) => ({
      id: row.id,
      ip: row.ip,
      country: row.country,
      userAgent: row.userAgent,
      createdAt: row.createdAt.toISOString(),
      lastSeenAt: row.lastSeenAt.toISOString(),
      current: row.id === currentSessionId,
    }));
}

/** Revokes one of the user's sessions; 404 for an unknown, foreign or already revoked one. */
export async function revokeSession(ctx: AppContext, userId: string, sessionId: string, source: AuditSource): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    if (!(await revokeSessionRow(tx, userId, sessionId, now))) throw notFound('Session');
    await recordAudit(tx, source, { orgId: null, action: 'session.revoked', targetType: 'session', targetId: sessionId });
  });
}
