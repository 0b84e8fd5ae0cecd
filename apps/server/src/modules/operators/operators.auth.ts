import type { FastifyReply, FastifyRequest } from 'fastify';
import type { OperatorRole } from '@adloop/db';
import type { AppContext } from '../../platform/context.ts';
import { decryptSecret, hashToken, randomToken } from '../../platform/crypto.ts';
import { AppError, forbidden } from '../../platform/errors.ts';
import { csrfTokenFor, isCsrfTokenValid } from '../auth/csrf.ts';
import { burnPasswordCheck, verifyPassword } from '../auth/passwords.ts';
import { reserveAttempt } from '../auth/throttle.ts';
import { verifyTotp } from '../auth/totp.ts';
import { operatorCan, type OperatorArea } from './operator-roles.ts';
import {
  claimOperatorTotpStep,
  findOperatorByEmail,
  findOperatorSession,
  insertOperatorAudit,
  insertOperatorSession,
  revokeOperatorSession,
  touchOperatorSession,
} from './operators.repository.ts';

/** Operators have their own cookies, apart from tenant sessions (scoped to the console's API). */
export const OPS_SESSION_COOKIE = 'adloop_ops_session';
export const OPS_CSRF_COOKIE = 'adloop_ops_csrf';
export const OPS_CSRF_HEADER = 'x-ops-csrf-token';
const SESSION_HOURS = 12;
const IDLE_MINUTES = 30;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface OperatorActor {
  operatorId: string;
  sessionId: string;
  email: string;
  role: OperatorRole;
  ip: string;
  /** Still on the one-time password: every route but changing it (and signing out) answers 403. */
  passwordChangeRequired: boolean;
}

/** The TOTP secret is bound to its operator: a value copied to another row does not decrypt. */
export const operatorSecretAad = (operatorId: string) => `operator:${operatorId}:mfa`;

function setCookies(ctx: AppContext, reply: FastifyReply, token: string): void {
  const base = { path: '/', sameSite: 'strict' as const, secure: ctx.config.isHttps, maxAge: SESSION_HOURS * 3600 };
  void reply.setCookie(OPS_SESSION_COOKIE, token, { ...base, httpOnly: true });
  void reply.setCookie(OPS_CSRF_COOKIE, csrfTokenFor(ctx.secretKey, `ops:${token}`), { ...base, httpOnly: false });
}

/** Password and a TOTP code, always: an operator account has no sign-in without its second factor. */
export async function signInOperator(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, input: { email: string; password: string; code: string }): Promise<OperatorActor> {
  const now = ctx.clock.now();
  const email = input.email.trim().toLowerCase();
  // The tenant sign-in's throttle, under keys of their own: failures per operator email and per IP.
  const attempt = await reserveAttempt(ctx.db, ctx.clock, { email: `ops:${email}`, ip: request.ip });
  const operator = await findOperatorByEmail(ctx.db, email);
  if (!operator) {
    await burnPasswordCheck(input.password);
    throw new AppError('invalid_credentials', 'The email, password or code is not right');
  }
  const passwordOk = await verifyPassword(operator.passwordHash, input.password);
  const secret = decryptSecret(ctx.secretKey, operator.mfaSecretEnc, operatorSecretAad(operator.id));
  const step = passwordOk ? await verifyTotp(secret, input.code, now, operator.mfaLastStep) : null;
  if (step === null || !(await claimOperatorTotpStep(ctx.db, operator.id, step, operator.mfaLastStep))) {
    await insertOperatorAudit(ctx.db, { operatorId: operator.id, operatorEmail: operator.email, action: 'operator.sign_in_failed', ip: request.ip, at: now });
    throw new AppError('invalid_credentials', 'The email, password or code is not right');
  }
  await attempt.succeeded();
  const token = randomToken();
  await insertOperatorSession(ctx.db, { operatorId: operator.id, tokenHash: hashToken(token), at: now, expiresAt: new Date(now.getTime() + SESSION_HOURS * 3_600_000) });
  await insertOperatorAudit(ctx.db, { operatorId: operator.id, operatorEmail: operator.email, action: 'operator.signed_in', ip: request.ip, at: now });
  setCookies(ctx, reply, token);
  return { operatorId: operator.id, sessionId: '', email: operator.email, role: operator.role, ip: request.ip, passwordChangeRequired: operator.passwordChangeRequired };
}

/**
 * The signed-in operator (401 otherwise); state-changing calls must carry the console's CSRF
 * header. An operator still on the one-time password gets 403 `password_change_required` unless
 * `pendingPassword` (the routes that show the session, change the password and sign out).
 */
export async function requireOperator(ctx: AppContext, request: FastifyRequest, options: { pendingPassword?: boolean } = {}): Promise<OperatorActor> {
  const token = request.cookies[OPS_SESSION_COOKIE];
  if (!token) throw new AppError('unauthenticated', 'Sign in to the operators’ console');
  const now = ctx.clock.now();
  const row = await findOperatorSession(ctx.db, hashToken(token), now);
  if (!row || row.session.lastSeenAt.getTime() + IDLE_MINUTES * 60_000 <= now.getTime()) {
    throw new AppError('unauthenticated', 'Sign in to the operators’ console');
  }
  if (!SAFE_METHODS.has(request.method) && !isCsrfTokenValid(ctx.secretKey, `ops:${token}`, request.headers[OPS_CSRF_HEADER])) {
    throw new AppError('csrf_failed', `Missing or wrong ${OPS_CSRF_HEADER} header (copy it from the ${OPS_CSRF_COOKIE} cookie)`);
  }
  if (row.operator.passwordChangeRequired && !options.pendingPassword) {
    throw new AppError('password_change_required', 'Choose your own password first: the one-time password only lets you change it');
  }
  if (now.getTime() - row.session.lastSeenAt.getTime() > 60_000) await touchOperatorSession(ctx.db, row.session.id, now);
  return { operatorId: row.operator.id, sessionId: row.session.id, email: row.operator.email, role: row.operator.role, ip: request.ip, passwordChangeRequired: row.operator.passwordChangeRequired };
}

/** The signed-in operator whose role reaches `area`; 403 otherwise (the refusal is audited). */
export async function requireOperatorArea(ctx: AppContext, request: FastifyRequest, area: OperatorArea): Promise<OperatorActor> {
  const operator = await requireOperator(ctx, request);
  if (!operatorCan(operator.role, area)) {
    await insertOperatorAudit(ctx.db, { operatorId: operator.operatorId, operatorEmail: operator.email, action: 'operator.refused', details: { area, route: `${request.method} ${request.routeOptions.url ?? ''}` }, ip: request.ip, at: ctx.clock.now() });
    throw forbidden(`The ${operator.role} role cannot reach ${area}`);
  }
  return operator;
}

export async function signOutOperator(ctx: AppContext, operator: OperatorActor, reply: FastifyReply): Promise<void> {
  const now = ctx.clock.now();
  await revokeOperatorSession(ctx.db, operator.sessionId, now);
  await insertOperatorAudit(ctx.db, { operatorId: operator.operatorId, operatorEmail: operator.email, action: 'operator.signed_out', ip: operator.ip, at: now });
  void reply.clearCookie(OPS_SESSION_COOKIE, { path: '/' });
  void reply.clearCookie(OPS_CSRF_COOKIE, { path: '/' });
}

/** Writes one operator audit row for `operator` (every console action goes through here). */
export function auditOperator(ctx: AppContext, operator: OperatorActor, action: string, entry: { orgId?: string | null; reason?: string | null; details?: unknown } = {}): Promise<void> {
  return insertOperatorAudit(ctx.db, { operatorId: operator.operatorId, operatorEmail: operator.email, action, ...entry, ip: operator.ip, at: ctx.clock.now() });
}
