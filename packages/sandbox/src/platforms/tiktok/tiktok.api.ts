import type { SandboxRequest, SandboxResponse } from '../../http/http.types.ts';
import { dispatch } from '../../http/router.ts';
import type { SandboxContext } from '../../sandbox-context.ts';
import { faultOutcome, withDelay } from '../fault-outcome.ts';
import { tiktokAdGroupEndpoints } from './tiktok-adgroups.endpoints.ts';
import { tiktokAdEndpoints } from './tiktok-ads.endpoints.ts';
import { advertiserFor, authenticate } from './tiktok-auth.ts';
import { tiktokAccountEndpoints } from './tiktok-accounts.endpoints.ts';
import { tiktokCampaignEndpoints } from './tiktok-campaigns.endpoints.ts';
import { tiktokIdentityEndpoints } from './tiktok-identity.endpoints.ts';
import type { TikTokEndpoint } from './tiktok-endpoint.types.ts';
import { envelope, fail, isFailure, TT, type TikTokResult } from './tiktok-envelope.ts';
import { renderTikTokFault } from './tiktok-faults.ts';
import { createTikTokLimiter } from './tiktok-limiter.ts';
import { tiktokOAuthEndpoints, tiktokPortalRoutes } from './tiktok-oauth.routes.ts';
import { readParams } from './tiktok-params.ts';
import { tiktokReportEndpoints } from './tiktok-report.endpoints.ts';
import { tiktokVideoEndpoints } from './tiktok-videos.endpoints.ts';
import { emptyLibrary } from './tiktok-library.ts';
import { tiktokUploadEndpoints } from './tiktok-uploads.endpoints.ts';

const PREFIX = '/open_api/v1.3/';
const NOT_FOUND: SandboxResponse = { status: 404, html: '<html><head><title>404 Not Found</title></head><body><h1>page not found</h1></body></html>' };

/**
 * The TikTok API for Business v1.3 sandbox. Every open_api answer is the `{code, message,
 * request_id, data}` envelope with HTTP 200, errors included; only a wrong path (such as a
 * missing trailing slash) or method gets an HTTP 4xx, and a platform outage an HTTP 503.
 */
export function createTikTokApi(ctx: SandboxContext): (req: SandboxRequest) => Promise<SandboxResponse> {
  const limiter = createTikTokLimiter(ctx.settings.tiktok, ctx.sim.clock);
  const library = emptyLibrary();
  ctx.onReset(() => {
    limiter.reset();
    library.images.clear();
    library.videos.clear();
  });
  const endpoints = new Map<string, TikTokEndpoint>();
  for (const e of [...tiktokOAuthEndpoints(), ...tiktokAccountEndpoints(), ...tiktokCampaignEndpoints(), ...tiktokAdGroupEndpoints(), ...tiktokAdEndpoints(library), ...tiktokIdentityEndpoints(), ...tiktokVideoEndpoints(library), ...tiktokUploadEndpoints(library), ...tiktokReportEndpoints()]) {
    endpoints.set(e.path, e);
  }
  const portal = tiktokPortalRoutes(ctx);
  const now = (): number => ctx.sim.clock.now();

  function run(e: TikTokEndpoint, req: SandboxRequest): TikTokResult | SandboxResponse {
    const params = readParams(req);
    const advertiserId = !isFailure(params) && e.advertiser ? params[e.advertiser] : undefined;
    const throttled = limiter.check(e.path, typeof advertiserId === 'string' || typeof advertiserId === 'number' ? String(advertiserId) : null);
    if (throttled) return throttled;
    if (isFailure(params)) return params;
    const token = e.auth === 'token' ? authenticate(ctx, req) : null;
    if (isFailure(token)) return token;
    const world = ctx.sim.world().platforms.tiktok;
    if (!e.advertiser || !token) return e.handle({ ctx, params, token, account: null, world, now: now() });
    if (advertiserId === undefined || advertiserId === '') return fail(TT.PARAM_ERROR, `${e.advertiser}: Missing data for required field.`);
    const account = advertiserFor(ctx, token, String(advertiserId));
    if (isFailure(account)) return account;
    const outcome = faultOutcome(ctx.sim.faults.take('tiktok', account.id), (f) => renderTikTokFault(f, now()), () => ctx.oauth.tiktok.revokeAll(account.id));
    if (outcome && 'respond' in outcome) return outcome.respond;
    const result = e.handle({ ctx, params, token, account, world, now: now() });
    return outcome ? withDelay(toResponse(result), outcome.delayMs) : result;
  }

  const toResponse = (result: TikTokResult | SandboxResponse): SandboxResponse => {
    if ('status' in result) return result;
    return isFailure(result) ? envelope(result.code, result.message, {}, now()) : envelope(TT.OK, 'OK', result.data, now());
  };

  return async (req) => {
    if (req.path === '/portal/auth' || req.path === '/marketing_api/auth') return dispatch(portal, req, () => ({ status: 405, text: 'method not allowed' }));
    if (!req.path.endsWith('/')) return NOT_FOUND;
    if (/^\/open_api\/v1\.[012]\//.test(req.path)) return envelope(40006, 'API version v1.2 and older is no longer supported; use v1.3.', {}, now());
    if (!req.path.startsWith(PREFIX)) return NOT_FOUND;
    const e = endpoints.get(req.path.slice(PREFIX.length));
    if (!e) return envelope(TT.NOT_IMPLEMENTED, 'This endpoint is not implemented in the Adloop TikTok sandbox.', {}, now());
    if (e.method !== req.method) return { status: 405, html: '<html><body><h1>405 Method Not Allowed</h1></body></html>' };
    const outcome = faultOutcome(ctx.sim.faults.take('tiktok'), (f) => renderTikTokFault(f, now()), () => ctx.oauth.tiktok.revokeAll());
    if (outcome && 'respond' in outcome) return outcome.respond;
    return withDelay(toResponse(run(e, req)), outcome ? outcome.delayMs : 0);
  };
}
