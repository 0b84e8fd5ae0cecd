import { json, type SandboxRequest, type SandboxResponse } from '../../http/http.types.ts';
import { dispatch, route } from '../../http/router.ts';
import type { SandboxContext } from '../../sandbox-context.ts';
import { faultOutcome, withDelay } from '../fault-outcome.ts';
import { authenticate, authorizeCustomer, createOperationQuota, quotaExceeded, type GoogleCall } from './google-auth.ts';
import { newRequestId, plainStatus } from './google-errors.ts';
import { renderGoogleFault } from './google-faults.ts';
import { mutateAll, mutateCollection } from './google-mutate.routes.ts';
import { googleOAuthRoutes } from './google-oauth.routes.ts';
import { asStreamAnswer, search, searchStream } from './google-search.routes.ts';
import type { Account } from '../../simulator/world.types.ts';

type CustomerHandler = (req: SandboxRequest, call: GoogleCall, customer: Account) => SandboxResponse;

/** The Google Ads REST API and Google OAuth endpoints on one server. */
export function createGoogleAdsApi(ctx: SandboxContext): (req: SandboxRequest) => Promise<SandboxResponse> {
  const quota = createOperationQuota(() => ctx.settings.google.dailyOperationLimit, ctx.sim.clock.now);
  ctx.onReset(() => quota.reset());

  const withCall = (req: SandboxRequest, fn: (call: GoogleCall) => SandboxResponse): SandboxResponse => {
    const version = `v${req.params.version ?? ''}`;
    const call = authenticate(ctx, req, version, req.params.requestId ?? newRequestId());
    return 'status' in call ? call : fn(call);
  };
  const forCustomer = (opsOf: (req: SandboxRequest) => number, fn: CustomerHandler) => (req: SandboxRequest): SandboxResponse =>
    withCall(req, (call) => {
      const customer = authorizeCustomer(ctx, req, call, req.params.cid ?? '');
      if ('status' in customer) return customer;
      const retry = quota.spend(opsOf(req));
      if (retry !== null) return quotaExceeded(call, retry);
      return withDelay(fn(req, call, customer), call.delayMs);
    });
  const opsCount = (req: SandboxRequest): number => {
    const body: unknown = req.json;
    const list: unknown = body && typeof body === 'object' ? Reflect.get(body, 'operations') ?? Reflect.get(body, 'mutateOperations') : undefined;
    return Array.isArray(list) ? Math.max(1, list.length) : 1;
  };

  const V = String.raw`^\/v(?<version>\d+)`;
  const routes = [
    ...googleOAuthRoutes(ctx),
    route('GET', new RegExp(`${V}/customers:listAccessibleCustomers$`), (req) => withCall(req, (call) =>
      withDelay(json(200, { resourceNames: call.token.grant.accountIds.map((id) => `customers/${id}`) }), call.delayMs))),
    route('POST', new RegExp(`${V}/customers/(?<cid>[^/]+)/googleAds:search$`), forCustomer(() => 1, (req, call, c) => search(ctx, req, call, c))),
    route('POST', new RegExp(`${V}/customers/(?<cid>[^/]+)/googleAds:searchStream$`), forCustomer(() => 1, (req, call, c) => searchStream(ctx, req, call, c))),
    route('POST', new RegExp(`${V}/customers/(?<cid>[^/]+)/googleAds:mutate$`), forCustomer(opsCount, (req, call, c) => mutateAll(ctx, req, call, c))),
    route('POST', new RegExp(`${V}/customers/(?<cid>[^/]+)/(?<collection>[A-Za-z]+):mutate$`), forCustomer(opsCount, (req, call, c) => mutateCollection(ctx, req, call, c, req.params.collection ?? ''))),
  ];

  return async (req) => {
    const requestId = newRequestId();
    const isApi = /^\/v\d+\//.test(req.path);
    const fault = ctx.sim.faults.take('google');
    const outcome = faultOutcome(fault, (f) => renderGoogleFault(f, /^\/(v\d+)/.exec(req.path)?.[1] ?? 'v21', requestId), () => ctx.oauth.google.revokeAll());
    let response: SandboxResponse;
    if (outcome && 'respond' in outcome && (isApi || fault?.kind === 'platform_down')) response = outcome.respond;
    else {
      response = await dispatch(routes, withRequestId(req, requestId), (wrongMethod) =>
        wrongMethod ? plainStatus(405, 'Method not allowed.') : plainStatus(404, `The requested URL ${req.path} was not found on this server.`));
      if (outcome && 'delayMs' in outcome) response = withDelay(response, outcome.delayMs);
    }
    if (/^\/v\d+\/customers\/[^/]+\/googleAds:searchStream$/.test(req.path)) response = asStreamAnswer(response);
    return { ...response, headers: { ...(response.headers ?? {}), 'request-id': requestId } };
  };
}

function withRequestId(req: SandboxRequest, requestId: string): SandboxRequest {
  return { ...req, params: { ...req.params, requestId } };
}
