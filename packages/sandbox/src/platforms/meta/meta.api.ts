import { createHmac } from 'node:crypto';
import { header, json, param, type SandboxRequest, type SandboxResponse } from '../../http/http.types.ts';
import { dispatch, route } from '../../http/router.ts';
import type { TokenRecord } from '../../oauth/oauth-store.ts';
import type { SandboxContext } from '../../sandbox-context.ts';
import { nextCreatedId } from '../../simulator/world-ids.ts';
import type { Account, JsonValue } from '../../simulator/world.types.ts';
import { faultOutcome, withDelay } from '../fault-outcome.ts';
import { readByIds, runBatch } from './meta-batch.ts';
import { copyCampaign } from './meta-copies.ts';
import { createOnEdge, learningFor, listEdge, promotablePages, type Creative } from './meta-crud.ts';
import { updateNode } from './meta-update.ts';
import { expiredToken, fbtraceId, graphError, invalidParameter, invalidToken, renderMetaFault } from './meta-errors.ts';
import { runInsights, type InsightsScope } from './meta-insights.ts';
import { accountView, adSetView, adView, campaignView, selectFields } from './meta-objects.ts';
import { metaOAuthRoutes } from './meta-oauth.routes.ts';
import { uploadAdImage, type MetaImage } from './meta-images.ts';
import { pageOf } from './meta-paging.ts';
import { createUsageMeter } from './meta-usage.ts';

interface ReportRun { id: string; accountId: string; polls: number; rows: Array<Record<string, JsonValue>>; since: string; until: string; tooLarge: boolean }

const TOO_MUCH_DATA = "Please reduce the amount of data you're asking for, then retry your request";

/** The Meta Graph (Marketing) API sandbox. */
export function createMetaApi(ctx: SandboxContext): (req: SandboxRequest) => Promise<SandboxResponse> {
  let creatives = new Map<string, Creative>();
  let images = new Map<string, MetaImage>();
  let runs = new Map<string, ReportRun>();
  const usage = createUsageMeter(ctx);
  ctx.onReset(() => {
    creatives = new Map();
    images = new Map();
    runs = new Map();
    usage.reset();
  });
  const world = () => ctx.sim.world().platforms.meta;

  function authenticate(req: SandboxRequest): TokenRecord | SandboxResponse {
    const value = param(req, 'access_token') ?? /^Bearer\s+(\S+)$/i.exec(header(req, 'authorization') ?? '')?.[1];
    if (!value) return graphError({ code: 104, status: 400, message: 'An access token is required to request this resource.' });
    const token = ctx.oauth.meta.find(value);
    if (!token || token.revoked) return invalidToken();
    if (token.expiresAt !== null && ctx.sim.clock.now() >= token.expiresAt) return expiredToken();
    if (ctx.settings.meta.requireAppSecretProof) {
      const proof = createHmac('sha256', ctx.settings.meta.appSecret).update(value).digest('hex');
      if (param(req, 'appsecret_proof') !== proof) return graphError({ code: 100, message: 'Invalid appsecret_proof provided in the API argument', type: 'GraphMethodException' });
    }
    return token;
  }

  function account(token: TokenRecord, id: string): Account | SandboxResponse {
    const found = world().accounts.get(id);
    if (!found || !token.grant.accountIds.includes(id)) {
      return graphError({ code: 100, subcode: 33, type: 'GraphMethodException', message: `Unsupported get request. Object with ID 'act_${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.` });
    }
    return found;
  }

  /** Auth, per-account faults and business-use-case usage around an ad-account call. */
  const onAccount = (kind: 'management' | 'insights', fn: (req: SandboxRequest, a: Account, token: TokenRecord) => SandboxResponse) => (req: SandboxRequest, accountId: string): SandboxResponse => {
    const token = authenticate(req);
    if ('status' in token) return token;
    const a = account(token, accountId);
    if ('status' in a) return a;
    const outcome = faultOutcome(ctx.sim.faults.take('meta', a.id), renderMetaFault, () => ctx.oauth.meta.revokeAll(a.id));
    if (outcome && 'respond' in outcome) return outcome.respond;
    const metered = usage.record(kind, a.id);
    const response = metered.throttled ? metered.throttled : fn(req, a, token);
    return withDelay({ ...response, headers: { ...(response.headers ?? {}), ...metered.headers } }, outcome && 'delayMs' in outcome ? outcome.delayMs : 0);
  };

  const insights = (scope: (a: Account) => InsightsScope) => onAccount('insights', (req, a) => {
    const rows = runInsights(ctx.sim.engine, world(), a, req, scope(a), ctx.sim.clock.now());
    if (typeof rows === 'string') return invalidParameter(rows);
    const limit = ctx.settings.meta.maxInsightsRows;
    if (limit > 0 && rows.length > limit) return graphError({ code: 1, status: 500, type: 'OAuthException', message: TOO_MUCH_DATA });
    return json(200, pageOf(req, ctx.baseUrl('meta'), rows));
  });

  function node(req: SandboxRequest): SandboxResponse {
    const id = req.params.id ?? '';
    const w = world();
    const token = authenticate(req);
    if ('status' in token) return token;
    const c = w.campaigns.get(id) ?? null;
    const g = w.adGroups.get(id) ?? null;
    const ad = w.ads.get(id) ?? null;
    const owner = c?.accountId ?? g?.accountId ?? ad?.accountId ?? creatives.get(id)?.accountId ?? runs.get(id)?.accountId;
    const missing = graphError({ code: 100, subcode: 33, type: 'GraphMethodException', message: `Unsupported ${req.method.toLowerCase()} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.` });
    if (!owner || !token.grant.accountIds.includes(owner)) return missing;
    return onAccount('management', (r) => {
      const edge = req.params.edge;
      if (edge === 'insights') {
        const run = runs.get(id);
        if (run) return run.polls >= ctx.settings.meta.asyncPollsToComplete ? json(200, pageOf(r, ctx.baseUrl('meta'), run.rows)) : graphError({ code: 100, message: 'Report run is not complete yet' });
        return insights(() => (c ? { level: 'campaign', campaignIds: new Set([id]) } : g ? { level: 'adset', adGroupIds: new Set([id]) } : { level: 'ad', adIds: new Set([id]) }))(r, owner);
      }
      if (edge === 'copies') return req.method === 'POST' && c ? copyCampaign(ctx, r, c) : missing;
      const ownerAccount = w.accounts.get(owner);
      if (edge) return (c || g) && ownerAccount ? listEdge(ctx, r, ownerAccount, edge, creatives, c ? { campaignId: id } : { adGroupId: id }) : missing;
      if (req.method === 'DELETE') return updateNode(ctx, { ...r, query: new URLSearchParams({ status: 'DELETED' }) }, id) ?? missing;
      if (req.method === 'POST') return updateNode(ctx, r, id) ?? missing;
      const run = runs.get(id);
      if (run) {
        run.polls += 1;
        const done = run.polls >= ctx.settings.meta.asyncPollsToComplete;
        if (done && run.tooLarge) {
          return json(200, { id: run.id, account_id: run.accountId, async_status: 'Job Failed', async_percent_completion: 0, error_code: 1, error_message: TOO_MUCH_DATA, date_start: run.since, date_stop: run.until, is_running: false });
        }
        const pct = done ? 100 : Math.round((100 * (run.polls - 1)) / ctx.settings.meta.asyncPollsToComplete);
        return json(200, { id: run.id, account_id: run.accountId, async_status: done ? 'Job Completed' : run.polls === 1 ? 'Job Not Started' : 'Job Running', async_percent_completion: pct, date_start: run.since, date_stop: run.until, is_running: !done, time_ref: Math.floor(ctx.sim.clock.now() / 1000) });
      }
      const view = c ? campaignView(w, c) : g ? adSetView(w, g, learningFor(ctx, r)) : ad ? adView(w, ad) : { id, name: creatives.get(id)?.name ?? '', object_story_spec: creatives.get(id)?.object_story_spec ?? null, asset_feed_spec: creatives.get(id)?.asset_feed_spec ?? null };
      return json(200, selectFields(view, param(r, 'fields') ?? 'id,name'));
    })(req, owner);
  }

  const A = String.raw`^(?:\/v(?<version>\d+)\.0)?\/act_(?<account>\d+)`;
  const routes = [
    ...metaOAuthRoutes(ctx),
    route('GET', /^(?:\/v\d+\.0)?\/me\/adaccounts$/, (req) => {
      const token = authenticate(req);
      if ('status' in token) return token;
      const accounts = token.grant.accountIds.flatMap((id) => { const a = world().accounts.get(id); return a ? [selectFields(accountView(a), param(req, 'fields') ?? 'account_id')] : []; });
      return json(200, pageOf(req, ctx.baseUrl('meta'), accounts));
    }),
    // Revoking the app's permissions ends every token of this login (what "disconnect" calls).
    route('DELETE', /^(?:\/v\d+\.0)?\/me\/permissions$/, (req) => {
      const token = authenticate(req);
      if ('status' in token) return token;
      ctx.oauth.meta.revoke(token.token);
      return json(200, { success: true });
    }),
    route('GET', /^(?:\/v\d+\.0)?\/me$/, (req) => { const t = authenticate(req); return 'status' in t ? t : json(200, { id: '10000000000000001', name: 'Sandbox Advertiser' }); }),
    route('GET', /^(?:\/v\d+\.0)?\/me\/businesses$/, (req) => { const t = authenticate(req); return 'status' in t ? t : json(200, pageOf(req, ctx.baseUrl('meta'), [...world().accounts.values()].filter((a) => a.isManager).map((a) => ({ id: a.id, name: a.name })))); }),
    route('GET', new RegExp(`${A}$`), (req) => onAccount('management', (r, a) => json(200, selectFields(accountView(a), param(r, 'fields') ?? 'account_id')))(req, req.params.account ?? '')),
    route('GET', new RegExp(`${A}/insights$`), (req) => insights(() => ({}))(req, req.params.account ?? '')),
    route('POST', new RegExp(`${A}/insights$`), (req) => onAccount('insights', (r, a) => {
      const rows = runInsights(ctx.sim.engine, world(), a, r, {}, ctx.sim.clock.now());
      if (typeof rows === 'string') return invalidParameter(rows);
      const id = nextCreatedId(ctx.sim.seed, world(), 'report');
      const limit = ctx.settings.meta.maxInsightsRows;
      runs.set(id, { id, accountId: a.id, polls: 0, rows, since: String(rows[0]?.date_start ?? ''), until: String(rows[rows.length - 1]?.date_stop ?? ''), tooLarge: limit > 0 && rows.length > limit });
      return json(200, { report_run_id: id });
    })(req, req.params.account ?? '')),
    route('GET', new RegExp(`${A}/promote_pages$`), (req) => onAccount('management', (r, a) => json(200, pageOf(r, ctx.baseUrl('meta'), promotablePages(ctx.sim.seed, a).map((p) => selectFields(p, param(r, 'fields') ?? 'id,name')))))(req, req.params.account ?? '')),
    route('GET', new RegExp(`${A}/(?<edge>campaigns|adsets|ads|adcreatives)$`), (req) => onAccount('management', (r, a) => listEdge(ctx, r, a, req.params.edge ?? '', creatives))(req, req.params.account ?? '')),
    route('POST', new RegExp(`${A}/(?<edge>campaigns|adsets|ads|adcreatives)$`), (req) => onAccount('management', (r, a) => createOnEdge(ctx, r, a, req.params.edge ?? '', creatives, images))(req, req.params.account ?? '')),
    route('POST', new RegExp(`${A}/adimages$`), (req) => onAccount('management', (r, a) => uploadAdImage(ctx, r, a, images))(req, req.params.account ?? '')),
    route('GET', /^(?:\/v\d+\.0)?\/?$/, (req) => readByIds(req, undefined, handle)),
    route('POST', /^(?:\/v\d+\.0)?\/?$/, (req) => runBatch(req, handle)),
    route('GET', /^(?:\/v\d+\.0)?\/(?<edge>insights|campaigns|adsets|ads)$/, (req) => readByIds(req, req.params.edge, handle)),
    route('GET', /^(?:\/v\d+\.0)?\/(?<id>\d+)(?:\/(?<edge>insights|adsets|ads))?$/, node),
    route('POST', /^(?:\/v\d+\.0)?\/(?<id>\d+)(?:\/(?<edge>copies))?$/, node),
    route('DELETE', /^(?:\/v\d+\.0)?\/(?<id>\d+)$/, node),
  ];

  async function handle(req: SandboxRequest): Promise<SandboxResponse> {
    const version = Number(/^\/v(\d+)\.0(?:\/|$)/.exec(req.path)?.[1] ?? 0);
    if (ctx.settings.meta.expiredVersions.includes(version)) {
      return graphError({ code: 2635, message: `(#2635) You are calling a deprecated version of the Ads API. Please update to the latest version.` });
    }
    const outcome = faultOutcome(ctx.sim.faults.take('meta'), renderMetaFault, () => ctx.oauth.meta.revokeAll());
    if (outcome && 'respond' in outcome) return outcome.respond;
    const response = await dispatch(routes, req, () => graphError({ code: 100, type: 'GraphMethodException', message: `Unsupported ${req.method.toLowerCase()} request.` }));
    const headers = { 'x-fb-trace-id': fbtraceId(), 'x-fb-rev': '1020304050', ...(response.headers ?? {}) };
    return withDelay({ ...response, headers }, outcome && 'delayMs' in outcome ? outcome.delayMs : 0);
  }
  return handle;
}
