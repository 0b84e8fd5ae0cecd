import type { RouteOptions } from 'fastify';
import { ErrorResponse } from '@adloop/contracts';
import type { App } from '../../platform/http/app.ts';
import type { AppContext } from '../../platform/context.ts';
import { authenticate } from '../auth/auth.guard.ts';
import { assertApiAccess } from './limits.ts';
import { overLimitOf, planReadOnlyError } from './limits.keep.ts';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Routes a read-only member may still use: billing (to upgrade or choose) and leaving the organisation. */
const OPEN_TO_READ_ONLY = /^\/api\/v1\/orgs\/:orgId\/billing(\/|$)/;
const LEAVING = '/api/v1/orgs/:orgId/members/:userId';
const ORG_ROUTE = '/api/v1/orgs/:orgId';

/**
 * The plan on every organisation route: calls with an API key need a plan with API access (402
 * `plan_limit`, the keys are kept), and a member beyond the plan's users after a downgrade may read
 * but not write (403 `plan_read_only`) until the organisation keeps them or upgrades. Requests that
 * do not authenticate are left to the route (it answers 401/404 as before).
 */
export function installPlanGuard(app: App, ctx: AppContext): void {
  app.addHook('preHandler', async (request) => {
    if (!ctx.config.planLimitsEnforced) return;
    const route = request.routeOptions.url ?? '';
    if (route !== ORG_ROUTE && !route.startsWith(`${ORG_ROUTE}/`)) return;
    const orgId = (request.params as { orgId?: unknown } | undefined)?.orgId;
    if (typeof orgId !== 'string' || !/^[0-9a-f-]{36}$/i.test(orgId)) return;
    const actor = await authenticate(ctx, request).catch(() => null);
    if (!actor) return;
    if (actor.kind === 'api_key') {
      if (actor.orgId === orgId) await assertApiAccess(ctx, ctx.db, orgId);
      return;
    }
    if (!WRITE_METHODS.has(request.method) || OPEN_TO_READ_ONLY.test(route) || (request.method === 'DELETE' && route === LEAVING)) return;
    const over = await overLimitOf(ctx, ctx.db, orgId, 'users');
    if (over.readOnly.has(actor.userId)) throw planReadOnlyError('users', actor.userId, over.limit);
  });
}

/**
 * Every organisation route can answer 402 (`plan_limit` for a call with an API key on a plan without
 * API access, `billing_read_only` for a write while the invoice is 14 days unpaid): said in the
 * OpenAPI document of each, beside the 403 `plan_read_only` the usual 403 already covers.
 */
export function documentPlanAnswers(route: Pick<RouteOptions, 'url' | 'schema'>): void {
  if (route.url !== ORG_ROUTE && !route.url.startsWith(`${ORG_ROUTE}/`)) return;
  const response = route.schema?.response as Record<string, unknown> | undefined;
  if (response && !(402 in response)) response[402] = ErrorResponse;
}
