import { nextCreatedId } from '../../simulator/world-ids.ts';
import { addAdGroup, addBudget, changeBudgetAmount, touchCampaign } from '../../simulator/world-mutations.ts';
import type { AdGroup } from '../../simulator/world.types.ts';
import { readAdGroupInput } from './tiktok-adgroup-input.ts';
import { dailyMicrosOf, readBudget } from './tiktok-budget.ts';
import { endpoint, type EndpointInput, type TikTokEndpoint } from './tiktok-endpoint.types.ts';
import { fail, isFailure, ok, TT, type TikTokResult } from './tiktok-envelope.ts';
import { byNameContains, byValues, listViews } from './tiktok-listing.ts';
import { invalid, missing, oneOf, optionalList, optionalNumber, optionalText, requiredText } from './tiktok-params.ts';
import { editable, updateStatuses } from './tiktok-status.ts';
import { checkText, NAME_MAX } from './tiktok-text.ts';
import { ADGROUP_FIELDS, adGroupView } from './tiktok-views.ts';
import { hasTooManyDecimals } from './tiktok-money.ts';
import { BID_TYPES, BUDGET_MODES, FROM_WORD, parseTiktokTime } from './tiktok-words.ts';

const DAY_MS = 86_400_000;

function scheduleOf(g: AdGroup): { start: number; end: number | null; days: number } {
  const start = parseTiktokTime(String(g.attrs.schedule_start_time ?? '')) ?? g.createdAt;
  const end = g.attrs.schedule_end_time ? parseTiktokTime(String(g.attrs.schedule_end_time)) : null;
  return { start, end, days: end === null ? 1 : Math.ceil((end - start) / DAY_MS) };
}

/** Sets an ad group's own budget; a scheduled end stops spend (the daily amount drops to 0 then). */
function applyBudget(world: EndpointInput['world'], g: AdGroup, budget: number, now: number): void {
  const mode = oneOf('budget_mode', String(g.attrs.budget_mode), BUDGET_MODES);
  if (isFailure(mode) || !g.budgetId) return;
  const { end, days } = scheduleOf(g);
  g.attrs.budget = budget;
  changeBudgetAmount(world, g.budgetId, dailyMicrosOf(mode, budget, days), now);
  const amounts = world.budgets.get(g.budgetId)?.amountMicros;
  if (amounts && end !== null && end > now) amounts.points.push({ at: end, value: 0 });
}

function create({ ctx, params, account, world, now }: EndpointInput): TikTokResult {
  if (!account) return missing('advertiser_id');
  const campaignId = requiredText(params, 'campaign_id');
  if (isFailure(campaignId)) return campaignId;
  const campaign = editable(world.campaigns.get(campaignId), 'campaign', campaignId, account.id);
  if (isFailure(campaign)) return campaign;
  const input = readAdGroupInput(params, account, campaign, now);
  if (isFailure(input)) return input;
  const id = nextCreatedId(ctx.sim.seed, world, 'adGroup');
  const budgetId = input.budget === undefined ? null : addBudget(world, { id: `${id}-budget`, accountId: account.id, name: `${input.name} budget`, amountMicros: 0 }, now).id;
  const group = addAdGroup(world, { id, campaignId, name: input.name, status: FROM_WORD[input.status], budgetId, attrs: input.attrs }, now);
  if (!group) return fail(TT.NOT_EXIST, `Campaign ${campaignId} does not exist.`);
  if (input.budget !== undefined) applyBudget(world, group, input.budget, now);
  if (input.start > now && input.status === 'ENABLE') group.status.points = [{ at: now, value: 'PAUSED' }, { at: input.start, value: 'ENABLED' }];
  touchCampaign(world, campaignId, now);
  return ok(adGroupView(world, group));
}

function update({ params, account, world, now }: EndpointInput): TikTokResult {
  if (!account) return missing('advertiser_id');
  const id = requiredText(params, 'adgroup_id');
  if (isFailure(id)) return id;
  const group = editable(world.adGroups.get(id), 'adGroup', id, account.id);
  if (isFailure(group)) return group;
  const name = optionalText(params, 'adgroup_name');
  if (isFailure(name)) return name;
  const nameProblem = name === undefined ? null : checkText('adgroup_name', name, { max: NAME_MAX });
  if (nameProblem) return nameProblem;
  if (params.budget_mode !== undefined && params.budget_mode !== group.attrs.budget_mode) return invalid('budget_mode', 'The budget mode cannot be changed after the ad group is created.');
  const budget = budgetChange(params, account, group);
  if (isFailure(budget)) return budget;
  const bid = bidChange(params, account, group);
  if (isFailure(bid)) return bid;
  const unknown = Object.keys(params).find((key) => !UPDATABLE.includes(key));
  if (unknown) return invalid(unknown, 'Unknown field.');
  const locations = optionalList(params, 'location_ids');
  if (isFailure(locations)) return locations;
  if (name !== undefined) group.name = name;
  if (bid.type !== undefined) group.attrs.bid_type = bid.type;
  if (bid.price !== undefined) group.attrs.bid_price = bid.price;
  if (locations !== undefined) group.attrs.location_ids = locations.map(String);
  if (budget !== undefined) applyBudget(world, group, budget, now);
  group.updatedAt = now;
  touchCampaign(world, group.campaignId, now);
  return ok(adGroupView(world, group));
}

/** Fields adgroup/update takes here. */
const UPDATABLE = ['advertiser_id', 'adgroup_id', 'adgroup_name', 'budget', 'budget_mode', 'bid_type', 'bid_price', 'location_ids'];

/** bid_type and bid_price: a custom bid needs a positive price in the currency's digits; no-bid ad groups take no price. */
function bidChange(params: EndpointInput['params'], account: NonNullable<EndpointInput['account']>, group: AdGroup): { type?: string; price?: number } | ReturnType<typeof invalid> {
  const typeWord = optionalText(params, 'bid_type');
  if (isFailure(typeWord)) return typeWord;
  const type = typeWord === undefined ? undefined : oneOf('bid_type', typeWord, BID_TYPES);
  if (isFailure(type)) return type;
  const price = optionalNumber(params, 'bid_price');
  if (isFailure(price)) return price;
  const effective = type ?? String(group.attrs.bid_type ?? 'BID_TYPE_NO_BID');
  if (price !== undefined) {
    if (effective !== 'BID_TYPE_CUSTOM') return invalid('bid_price', 'bid_price can only be set with bid_type BID_TYPE_CUSTOM.');
    if (price <= 0) return invalid('bid_price', 'Must be greater than 0.');
    if (hasTooManyDecimals(price, account.currency)) return invalid('bid_price', `Too many decimal places for ${account.currency}.`);
  } else if (type === 'BID_TYPE_CUSTOM' && !(Number(group.attrs.bid_price) > 0)) return missing('bid_price');
  return { ...(type === undefined ? {} : { type }), ...(price === undefined ? {} : { price }) };
}

function budgetChange(params: EndpointInput['params'], account: NonNullable<EndpointInput['account']>, group: AdGroup): number | undefined | ReturnType<typeof invalid> {
  if (params.budget === undefined) return undefined;
  if (!group.budgetId) return invalid('budget', 'This ad group has no budget of its own (its campaign uses campaign budget optimization).');
  const mode = oneOf('budget_mode', String(group.attrs.budget_mode), BUDGET_MODES);
  return isFailure(mode) ? mode : readBudget(params, account, 'adGroup', mode, scheduleOf(group).days);
}

/** adgroup/budget/update/: `budget: [{adgroup_id, budget}]`, all validated before any is applied. */
function budgetUpdate({ params, account, world, now }: EndpointInput): TikTokResult {
  if (!account) return missing('advertiser_id');
  const items = optionalList(params, 'budget');
  if (isFailure(items)) return items;
  if (!items || items.length === 0) return missing('budget');
  const changes: Array<[AdGroup, number]> = [];
  for (const item of items) {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return invalid('budget', 'Each item must be {"adgroup_id", "budget"}.');
    const entry: Record<string, unknown> = { ...item };
    const id = String(entry.adgroup_id ?? '');
    const group = editable(world.adGroups.get(id), 'adGroup', id, account.id);
    if (isFailure(group)) return group;
    const budget = budgetChange(entry, account, group);
    if (isFailure(budget)) return budget;
    if (budget === undefined) return missing('budget.budget');
    changes.push([group, budget]);
  }
  for (const [group, budget] of changes) {
    applyBudget(world, group, budget, now);
    touchCampaign(world, group.campaignId, now);
  }
  return ok({});
}

export function tiktokAdGroupEndpoints(): TikTokEndpoint[] {
  const rules = {
    campaign_ids: byValues('campaign_id'), adgroup_ids: byValues('adgroup_id'), adgroup_name: byNameContains('adgroup_name'),
    secondary_status: byValues('secondary_status'), billing_events: byValues('billing_event'), optimization_goal: byValues('optimization_goal'),
  };
  return [
    endpoint('GET', 'adgroup/get/', ({ params, account, world }) => {
      const views = [...world.adGroups.values()].filter((g) => g.accountId === account?.id).map((g) => adGroupView(world, g));
      return listViews(params, views, rules, ADGROUP_FIELDS);
    }),
    endpoint('POST', 'adgroup/create/', create),
    endpoint('POST', 'adgroup/update/', update),
    endpoint('POST', 'adgroup/budget/update/', budgetUpdate),
    endpoint('POST', 'adgroup/status/update/', (input) => updateStatuses('adGroup', input)),
  ];
}
