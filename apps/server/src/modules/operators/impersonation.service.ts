import type { FastifyReply } from 'fastify';
import type { ImpersonationMode } from '@adloop/db';
import type { Impersonation } from '@adloop/contracts';
import type { AppContext } from '../../platform/context.ts';
import { hashToken, randomToken } from '../../platform/crypto.ts';
import { AppError, forbidden, notFound } from '../../platform/errors.ts';
import { recordAudit, systemSource } from '../audit/audit.writer.ts';
import { setSessionCookies } from '../auth/auth.guard.ts';
import { csrfTokenFor } from '../auth/csrf.ts';
import { insertSession } from '../auth/sessions.repository.ts';
import { auditOperator, type OperatorActor } from './operators.auth.ts';
import { operatorCan } from './operator-roles.ts';
import { insertOperatorAudit } from './operators.repository.ts';
import { endImpersonation, insertImpersonation, type ImpersonationRow } from './impersonation.repository.ts';
import { listMembers, findOrganization } from './tenants.repository.ts';

/** Tenant session tokens of impersonations start with this, so ordinary requests skip the lookup. */
export const IMPERSONATION_TOKEN_PREFIX = 'imp_';
export const MAX_IMPERSONATION_MINUTES = 60;

/** How the tenant sees support in their audit log. */
export const supportSource = (row: Pick<ImpersonationRow, 'operatorEmail'>) => systemSource(`Adloop support (${row.operatorEmail})`);

export function toImpersonationDto(row: ImpersonationRow): Impersonation {
  return { id: row.id, orgId: row.orgId, operatorEmail: row.operatorEmail, reason: row.reason, mode: row.mode, startedAt: row.startedAt.toISOString(), expiresAt: row.expiresAt.toISOString() };
}

/**
 * Opens the tenant's app as its owner for at most an hour: a tenant session of its own (its token
 * marked so every request is checked, kept to this organisation, read-only unless a Platform Admin
 * asked for writes) and one row in both audit logs. The browser gets the tenant session cookies.
 */
export async function startImpersonation(
  ctx: AppContext,
  operator: OperatorActor,
  reply: FastifyReply,
  orgId: string,
  input: { reason: string; mode: ImpersonationMode; minutes: number },
): Promise<Impersonation> {
  if (input.mode === 'read_write' && !operatorCan(operator.role, 'tenants:manage')) throw forbidden('Only a platform admin may impersonate with writes');
  if (!(await findOrganization(ctx.db, orgId))) throw notFound('Organisation');
  const owner = (await listMembers(ctx.db, orgId)).find((m) => m.role === 'owner');
  if (!owner) throw new AppError('conflict', 'The organisation has no owner to look through');
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + Math.min(input.minutes, MAX_IMPERSONATION_MINUTES) * 60_000);
  const token = `${IMPERSONATION_TOKEN_PREFIX}${randomToken()}`;
  const row = await ctx.db.transaction(async (tx) => {
    const session = await insertSession(tx, { userId: owner.userId, tokenHash: hashToken(token), state: 'active', ip: operator.ip, userAgent: `Adloop support (${operator.email})`, expiresAt, at: now });
    const created = await insertImpersonation(tx, { operatorId: operator.operatorId, operatorEmail: operator.email, orgId, sessionId: session.id, reason: input.reason, mode: input.mode, startedAt: now, expiresAt });
    await recordAudit(tx, supportSource(created), { orgId, action: 'support.impersonation_started', targetType: 'organization', targetId: orgId, after: { reason: input.reason, mode: input.mode, expiresAt: expiresAt.toISOString() } });
    return created;
  });
  await auditOperator(ctx, operator, 'tenant.impersonation_started', { orgId, reason: input.reason, details: { impersonationId: row.id, mode: input.mode, expiresAt: expiresAt.toISOString() } });
  setSessionCookies(ctx, reply, token, csrfTokenFor(ctx.secretKey, token));
  return toImpersonationDto(row);
}

/** Ends an impersonation (from the tenant's banner or the console): its session is revoked at once. */
export async function stopImpersonation(ctx: AppContext, row: ImpersonationRow, by: 'banner' | 'console'): Promise<void> {
  const now = ctx.clock.now();
  const ended = await endImpersonation(ctx.db, row.id, now);
  if (!ended) return;
  await recordAudit(ctx.db, supportSource(row), { orgId: row.orgId, action: 'support.impersonation_ended', targetType: 'organization', targetId: row.orgId });
  await insertOperatorAudit(ctx.db, { operatorId: row.operatorId, operatorEmail: row.operatorEmail, action: 'tenant.impersonation_ended', orgId: row.orgId, details: { impersonationId: row.id, by }, at: now });
}
