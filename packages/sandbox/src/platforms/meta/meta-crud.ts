import { json, param, type SandboxRequest, type SandboxResponse } from '../../http/http.types.ts';
import type { SandboxContext } from '../../sandbox-context.ts';
import { ACCOUNT_SPECS } from '../../simulator/world-catalog.ts';
import { digitsFrom, nextCreatedId } from '../../simulator/world-ids.ts';
import { addAd, addAdGroup, addBudget, addCampaign } from '../../simulator/world-mutations.ts';
import { learningStage, type LearningStage } from '../../simulator/learning-phase.ts';
import type { Account, AdGroup, Attrs, JsonValue, PlatformWorld } from '../../simulator/world.types.ts';
import { budgetKindOf, budgetParam, graphTime, scheduleLifetime } from './meta-budgets.ts';
import { graphError, invalidParameter } from './meta-errors.ts';
import { adSetView, adView, campaignView, LIVE_BY_DEFAULT, selectFields } from './meta-objects.ts';
import type { MetaImage } from './meta-images.ts';
import { pageOf } from './meta-paging.ts';
import { listOf } from './meta-params.ts';
import { CALL_TO_ACTION_TYPES, FROM_META_STATUS, minorToMicros } from './meta-words.ts';

const OBJECTIVES = ['OUTCOME_AWARENESS', 'OUTCOME_TRAFFIC', 'OUTCOME_ENGAGEMENT', 'OUTCOME_LEADS', 'OUTCOME_APP_PROMOTION', 'OUTCOME_SALES'];
const LEGACY = ['LINK_CLICKS', 'CONVERSIONS', 'REACH', 'BRAND_AWARENESS', 'VIDEO_VIEWS', 'LEAD_GENERATION', 'MESSAGES', 'POST_ENGAGEMENT'];
/** Graph's `effective_status` words (the configured status plus what delivery makes of it). */
const EFFECTIVE_STATUSES = [
  'ACTIVE', 'PAUSED', 'DELETED', 'ARCHIVED', 'PENDING_REVIEW', 'DISAPPROVED', 'PREAPPROVED', 'PENDING_BILLING_INFO', 'CAMPAIGN_PAUSED', 'ADSET_PAUSED', 'IN_PROCESS', 'WITH_ISSUES',
];
const CATEGORIES = ['NONE', 'HOUSING', 'EMPLOYMENT', 'CREDIT', 'FINANCIAL_PRODUCTS_SERVICES', 'ISSUES_ELECTIONS_POLITICS', 'ONLINE_GAMBLING_AND_GAMING'];

/** A creative: the Page and link ad (`object_story_spec`), and its text options (`asset_feed_spec`) when it has several texts per field. */
export interface Creative { id: string; accountId: string; name: string; object_story_spec: JsonValue; asset_feed_spec?: JsonValue | undefined }

/**
 * An `asset_feed_spec` of text options: bodies and titles 1–5 texts each, descriptions up to 5, one http(s)
 * `link_urls[].website_url`, a call to action from Meta's list; null when it is acceptable, else Graph's complaint.
 */
function assetFeedProblem(feed: unknown): string | null {
  if (typeof feed !== 'object' || feed === null || Array.isArray(feed)) return 'Param asset_feed_spec must be an object';
  const texts = (key: string, min: number): string | null => {
    const list = Reflect.get(feed, key) as unknown;
    if (list === undefined && min === 0) return null;
    if (!Array.isArray(list) || list.length < min || list.length > 5) return `Param asset_feed_spec[${key}] must have ${min === 0 ? 'up to' : '1 to'} 5 items`;
    const bad = list.findIndex((item: unknown) => typeof item !== 'object' || item === null || typeof Reflect.get(item, 'text') !== 'string' || String(Reflect.get(item, 'text')).trim() === '');
    return bad >= 0 ? `Param asset_feed_spec[${key}][${bad}][text] must be a non-empty string` : null;
  };
  const problem = texts('bodies', 1) ?? texts('titles', 1) ?? texts('descriptions', 0);
  if (problem) return problem;
  const links = Reflect.get(feed, 'link_urls') as unknown;
  if (!Array.isArray(links) || links.length !== 1 || !/^https?:\/\/\S+$/.test(String((links[0] as Record<string, unknown> | undefined)?.website_url ?? ''))) return 'Param asset_feed_spec[link_urls] must hold one {"website_url": <http(s) URL>}';
  const cta = Reflect.get(feed, 'call_to_action_types') as unknown;
  if (cta !== undefined && (!Array.isArray(cta) || cta.some((t) => !CALL_TO_ACTION_TYPES.includes(String(t))))) return `Param asset_feed_spec[call_to_action_types] must be among ${CALL_TO_ACTION_TYPES.join(', ')}`;
  return null;
}

function jsonParam(req: SandboxRequest, name: string): unknown {
  const raw = param(req, name);
  if (raw === undefined) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

/**
 * The Facebook Pages an ad account can promote (`act_{id}/promote_pages`): the catalog's `pages`, or one
 * named after the account. The first Page keeps the id it had when every account had one.
 */
export function promotablePages(seed: number, account: Account): Array<{ id: string; name: string }> {
  const names = ACCOUNT_SPECS.meta.find((spec) => spec.name === account.name)?.pages ?? [account.name.replace(/\s+–\s+Meta$/, '')];
  return names.map((name, i) => ({ id: `1${digitsFrom(14, seed, 'meta-page', account.id, ...(i === 0 ? [] : [i]))}`, name }));
}

/** The learning stage of ad sets, computed only when the request asks for learning_stage_info. */
export function learningFor(ctx: SandboxContext, req: SandboxRequest): ((g: AdGroup) => LearningStage | null) | undefined {
  if (!(param(req, 'fields') ?? '').includes('learning_stage_info')) return undefined;
  return (g) => learningStage(ctx.sim.world().platforms.meta, ctx.sim.engine, g, ctx.sim.clock.now());
}

/** An ad set's bid_amount (minor units) and bid_strategy as created; Graph checks them like on update. */
function bidAttrs(req: SandboxRequest): Attrs {
  const amount = Number(param(req, 'bid_amount'));
  const strategy = param(req, 'bid_strategy');
  return { ...(Number.isInteger(amount) && amount > 0 ? { bid_amount: amount } : {}), ...(strategy ? { bid_strategy: strategy } : {}) };
}

export function listEdge(ctx: SandboxContext, req: SandboxRequest, account: Account, edge: string, creatives: Map<string, Creative>, parent?: { campaignId?: string; adGroupId?: string }): SandboxResponse {
  const w = ctx.sim.world().platforms.meta;
  const filter = listOf(param(req, 'effective_status'));
  const wrong = filter.findIndex((word) => !EFFECTIVE_STATUSES.includes(word));
  if (wrong >= 0) return invalidParameter(`Param effective_status[${wrong}] must be one of {${EFFECTIVE_STATUSES.join(', ')}}`);
  const allowed = filter.length > 0 ? filter : LIVE_BY_DEFAULT;
  const mine = <T extends { accountId: string }>(items: Iterable<T>): T[] => [...items].filter((i) => i.accountId === account.id);
  let views: Array<Record<string, JsonValue>>;
  if (edge === 'campaigns') views = mine(w.campaigns.values()).map((c) => campaignView(w, c));
  else if (edge === 'adsets') views = mine(w.adGroups.values()).filter((g) => !parent?.campaignId || g.campaignId === parent.campaignId).map((g) => adSetView(w, g, learningFor(ctx, req)));
  else if (edge === 'ads') views = mine(w.ads.values()).filter((a) => (!parent?.campaignId || a.campaignId === parent.campaignId) && (!parent?.adGroupId || a.adGroupId === parent.adGroupId)).map((a) => adView(w, a));
  else return json(200, pageOf(req, ctx.baseUrl('meta'), mine(creatives.values()).map((c) => selectFields({ id: c.id, name: c.name, object_story_spec: c.object_story_spec, asset_feed_spec: c.asset_feed_spec ?? null }, param(req, 'fields')))));
  const filtered = views.filter((v) => allowed.includes(String(v.effective_status)));
  const page = pageOf(req, ctx.baseUrl('meta'), filtered.map((v) => selectFields(v, param(req, 'fields'))));
  // `summary=true` (or a list naming total_count) adds the edge's count over every page.
  const summary = listOf(param(req, 'summary'));
  return json(200, summary.includes('true') || summary.includes('total_count') ? { ...page, summary: { total_count: filtered.length } } : page);
}

export function createOnEdge(ctx: SandboxContext, req: SandboxRequest, account: Account, edge: string, creatives: Map<string, Creative>, images?: Map<string, MetaImage>): SandboxResponse {
  const sim = ctx.sim;
  const w: PlatformWorld = sim.world().platforms.meta;
  const now = sim.clock.now();
  const name = param(req, 'name');
  if (!name) return invalidParameter('The parameter name is required');
  const status = FROM_META_STATUS[param(req, 'status') ?? 'ACTIVE'];
  if (!status || status === 'REMOVED') return invalidParameter('Param status must be one of {ACTIVE, PAUSED, ARCHIVED}');
  const budget = budgetParam(req, account);
  if (budget !== null && 'status' in budget) return budget;
  if (edge === 'campaigns') {
    const objective = param(req, 'objective') ?? '';
    if (!OBJECTIVES.includes(objective) && !(ctx.settings.meta.acceptLegacyObjectives && LEGACY.includes(objective))) return invalidParameter(`Param objective must be one of {${OBJECTIVES.join(', ')}}`);
    const categories = jsonParam(req, 'special_ad_categories');
    if (!Array.isArray(categories)) return invalidParameter('The parameter special_ad_categories is required');
    if (categories.some((c) => !CATEGORIES.includes(String(c)))) return invalidParameter(`Param special_ad_categories[0] must be one of {${CATEGORIES.join(', ')}}`);
    const id = nextCreatedId(sim.seed, w, 'campaign');
    // A lifetime budget spends nothing until an ad set's schedule spreads it (meta-budgets.ts); the response
    // curve is scaled to a daily amount, for which a 30-day spread stands in.
    const daily = budget === null ? 0 : budget.kind === 'daily' ? budget.micros : Math.round(budget.micros / 30);
    const budgetId = budget === null ? null : addBudget(w, { id: `${id}-cbo`, accountId: account.id, name: `${name} budget`, amountMicros: budget.kind === 'daily' ? budget.micros : 0 }, now).id;
    const lifetime: Attrs = budget?.kind === 'lifetime' ? { lifetime_budget: budget.minor } : {};
    addCampaign(sim.seed, w, { id, accountId: account.id, name, status, budgetId, referenceBudgetMicros: daily, attrs: { objective, special_ad_categories: categories.map(String), buying_type: 'AUCTION', ...lifetime } }, now);
    return json(200, { id });
  }
  if (edge === 'adsets') {
    const campaign = w.campaigns.get(param(req, 'campaign_id') ?? '');
    if (!campaign || campaign.accountId !== account.id) return invalidParameter('Param campaign_id must be a valid campaign id in this ad account');
    if (campaign.budgetId && budget !== null) return graphError({ code: 100, subcode: 1885621, message: 'Invalid parameter', userTitle: 'Budget already set on campaign', userMessage: 'This campaign uses a campaign budget, so its ad sets cannot have budgets of their own.' });
    if (!campaign.budgetId && budget === null) return graphError({ code: 100, subcode: 1885014, message: 'Invalid parameter', userTitle: 'Budget required', userMessage: 'Ad sets need a daily_budget or lifetime_budget when the campaign has no budget.' });
    const billing = param(req, 'billing_event');
    if (!billing) return invalidParameter('The parameter billing_event is required');
    const start = graphTime(req, 'start_time') ?? now;
    const end = graphTime(req, 'end_time');
    const campaignLifetime = budgetKindOf(campaign.attrs) === 'lifetime';
    if ((campaignLifetime || budget?.kind === 'lifetime') && end === null) return invalidParameter('end_time is required for an ad set with a lifetime budget');
    if (end !== null && end <= Math.max(start, now)) return invalidParameter('end_time must be after start_time and in the future');
    const id = nextCreatedId(sim.seed, w, 'adGroup');
    const budgetId = budget === null ? null : addBudget(w, { id: `${id}-budget`, accountId: account.id, name: `${name} budget`, amountMicros: budget.kind === 'daily' ? budget.micros : 0 }, now).id;
    const targeting = jsonParam(req, 'targeting');
    const ownLifetime: Attrs = budget?.kind === 'lifetime' ? { lifetime_budget: budget.minor } : {};
    const schedule: Attrs = end === null ? {} : { schedule_start: start, schedule_end: end, start_time: new Date(start).toISOString(), end_time: new Date(end).toISOString() };
    addAdGroup(w, { id, campaignId: campaign.id, name, status, budgetId, attrs: {
      billing_event: billing, optimization_goal: param(req, 'optimization_goal') ?? 'LINK_CLICKS', targeting: typeof targeting === 'object' && targeting !== null ? JSON.parse(JSON.stringify(targeting)) as JsonValue : {},
      ...schedule, ...ownLifetime, ...bidAttrs(req),
    } }, now);
    if (end !== null && budget?.kind === 'lifetime' && budgetId) scheduleLifetime(w, budgetId, budget.micros, start, end, now);
    if (end !== null && campaignLifetime && campaign.budgetId) {
      Object.assign(campaign.attrs, { schedule_start: start, schedule_end: end });
      scheduleLifetime(w, campaign.budgetId, minorToMicros(Number(campaign.attrs.lifetime_budget), account.currency), start, end, now);
    }
    return json(200, { id });
  }
  if (edge === 'adcreatives') {
    const spec = jsonParam(req, 'object_story_spec');
    if (typeof spec !== 'object' || spec === null) return invalidParameter('The parameter object_story_spec is required');
    // The ad runs as a Page: it must be one this ad account can promote.
    const pageId = String(Reflect.get(spec, 'page_id') ?? '');
    if (!promotablePages(sim.seed, account).some((p) => p.id === pageId)) return invalidParameter('Param object_story_spec[page_id] must be a Page this ad account can promote');
    const link = Reflect.get(spec, 'link_data');
    if (typeof link === 'object' && link !== null && !/^https?:\/\/\S+$/.test(String(Reflect.get(link, 'link') ?? ''))) return invalidParameter('Param object_story_spec[link_data][link] must be a valid http(s) URL');
    const imageHash = typeof link === 'object' && link !== null ? Reflect.get(link, 'image_hash') : undefined;
    if (imageHash !== undefined && images?.get(String(imageHash))?.accountId !== account.id) return invalidParameter('Param object_story_spec[link_data][image_hash] must be the hash of an image in this ad account');
    const feed = jsonParam(req, 'asset_feed_spec');
    const feedProblem = feed === undefined ? null : assetFeedProblem(feed);
    if (feedProblem) return invalidParameter(feedProblem);
    if (feed === undefined && (typeof link !== 'object' || link === null)) return invalidParameter('Param object_story_spec[link_data] is required without an asset_feed_spec');
    const id = nextCreatedId(sim.seed, w, 'creative');
    creatives.set(id, { id, accountId: account.id, name, object_story_spec: JSON.parse(JSON.stringify(spec)) as JsonValue, ...(feed === undefined ? {} : { asset_feed_spec: JSON.parse(JSON.stringify(feed)) as JsonValue }) });
    return json(200, { id });
  }
  const group = w.adGroups.get(param(req, 'adset_id') ?? '');
  if (!group || group.accountId !== account.id) return invalidParameter('Param adset_id must be a valid ad set id in this ad account');
  const creative = jsonParam(req, 'creative');
  const creativeId = typeof creative === 'object' && creative !== null ? String(Reflect.get(creative, 'creative_id') ?? '') : '';
  if (!creatives.has(creativeId)) return invalidParameter('Param creative must be {"creative_id":"<id>"} of an existing creative');
  const id = nextCreatedId(sim.seed, w, 'ad');
  addAd(w, { id, adGroupId: group.id, name, status, attrs: { creative_id: creativeId } }, now);
  return json(200, { id });
}
