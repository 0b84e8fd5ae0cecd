import type { FastifyRequest } from 'fastify';
import type { App } from '../../platform/http/app.ts';
import type { AppContext } from '../../platform/context.ts';
import { hashToken } from '../../platform/crypto.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { recordAudit } from '../audit/audit.writer.ts';
import { authenticate, SESSION_COOKIE } from '../auth/auth.guard.ts';
import { findLiveImpersonationBySessionHash, type ImpersonationRow } from './impersonation.repository.ts';
import { IMPERSONATION_TOKEN_PREFIX, supportSource } from './impersonation.service.ts';
import { insertOperatorAudit } from './operators.repository.ts';
import { findSuspension, isMember } from './tenants.repository.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const ORG_PATH = /^\/api\/v1\/orgs\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:[/?]|$)/i;
/** The one write an impersonating session may always make: ending itself. */
export const END_IMPERSONATION_PATH = '/api/v1/impersonation/end';

async function isMemberOrKey(ctx: AppContext, request: FastifyRequest, orgId: string): Promise<boolean> {
  const actor = await authenticate(ctx, request).catch(() => null);
  if (!actor) return false;
  if (actor.kind === 'api_key') return actor.orgId === orgId;
  return isMember(ctx.db, orgId, actor.userId);
}

const impersonationOf = new WeakMap<FastifyRequest, ImpersonationRow>();

/** The live impersonation behind this request's tenant session, if it is one. */
export async function requestImpersonation(ctx: AppContext, request: FastifyRequest): Promise<ImpersonationRow | null> {
  const known = impersonationOf.get(request);
  if (known) return known;
  const token = request.cookies[SESSION_COOKIE];
  if (!token?.startsWith(IMPERSONATION_TOKEN_PREFIX)) return null;
  return findLiveImpersonationBySessionHash(ctx.db, hashToken(token), ctx.clock.now());
}

/**
 * Every tenant request passes here before its route:
 * - a session opened by impersonation stays in its organisation (others answer 404), is read-only
 *   unless opened for writes, and each request is written to both the operator and tenant audit logs;
 * - a write to a suspended organisation is refused with `organization_suspended` and the reason.
 */
export function installTenantGuard(app: App, ctx: AppContext): void {
  app.addHook('preHandler', async (request) => {
    const path = request.url.split('?')[0] ?? '';
    if (!path.startsWith('/api/v1/')) return;
    const orgId = ORG_PATH.exec(path)?.[1]?.toLowerCase() ?? null;
    const isWrite = !SAFE_METHODS.has(request.method);

    const impersonation = await requestImpersonation(ctx, request);
    if (impersonation) {
      impersonationOf.set(request, impersonation);
      if (orgId && orgId !== impersonation.orgId) throw notFound('Organisation');
      const allowed = !isWrite || path === END_IMPERSONATION_PATH || (impersonation.mode === 'read_write' && orgId !== null);
      const entry = { route: `${request.method} ${request.routeOptions.url ?? path}`, allowed };
      await insertOperatorAudit(ctx.db, { operatorId: impersonation.operatorId, operatorEmail: impersonation.operatorEmail, action: 'tenant.impersonation_request', orgId: impersonation.orgId, details: entry, ip: request.ip, at: ctx.clock.now() });
      await recordAudit(ctx.db, { ...supportSource(impersonation), ip: request.ip }, { orgId: impersonation.orgId, action: allowed ? 'support.viewed' : 'support.write_refused', targetType: 'route', targetId: entry.route });
      if (!allowed) throw new AppError('impersonation_read_only', 'Support is looking at this organisation read-only: nothing can be changed in this session');
    }

    if (isWrite && orgId) {
      const suspension = await findSuspension(ctx.db, orgId);
      // Only its own members learn why: anyone else gets the route's usual 404.
      if (suspension && (await isMemberOrKey(ctx, request, orgId))) {
        throw new AppError('organization_suspended', `This organisation is suspended: ${suspension.reason}`, { reason: suspension.reason, suspendedAt: suspension.suspendedAt.toISOString() });
      }
    }
  });
}
