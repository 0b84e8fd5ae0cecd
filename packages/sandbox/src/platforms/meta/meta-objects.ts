import { currentValue } from '../../simulator/timeline.ts';
import type { Account, Ad, AdGroup, Campaign, JsonValue, PlatformWorld } from '../../simulator/world.types.ts';
import type { LearningStage } from '../../simulator/learning-phase.ts';
import { listOf } from './meta-params.ts';
import { META_STATUS, microsToMinor, statusWord } from './meta-words.ts';

type Obj = Record<string, JsonValue>;
const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+0000');

function budgetMinor(world: PlatformWorld, budgetId: string | null, account: Account | undefined): string | undefined {
  const budget = budgetId ? world.budgets.get(budgetId) : undefined;
  return budget && account ? microsToMinor(currentValue(budget.amountMicros), account.currency) : undefined;
}

export function accountView(a: Account): Obj {
  return {
    id: `act_${a.id}`, account_id: a.id, name: a.name, account_status: 1, currency: a.currency, timezone_name: a.timeZone,
    business: { id: a.managerId ?? '', name: 'Adloop Demo Business' }, amount_spent: '0', min_daily_budget: a.currency === 'JPY' ? 100 : 100,
  };
}

export function campaignView(world: PlatformWorld, c: Campaign): Obj {
  const account = world.accounts.get(c.accountId);
  const out: Obj = {
    id: c.id, account_id: c.accountId, name: c.name, status: statusWord(c.status), configured_status: statusWord(c.status),
    effective_status: statusWord(c.status), objective: c.attrs.objective ?? 'OUTCOME_SALES', buying_type: 'AUCTION',
    special_ad_categories: c.attrs.special_ad_categories ?? [], created_time: iso(c.createdAt), updated_time: iso(c.updatedAt),
  };
  const daily = budgetMinor(world, c.budgetId, account);
  if (typeof c.attrs.lifetime_budget === 'string') Object.assign(out, lifetimeFields(c.attrs));
  else if (daily !== undefined) {
    out.daily_budget = daily;
    out.budget_remaining = daily;
  }
  if (c.attrs.bid_strategy) out.bid_strategy = c.attrs.bid_strategy;
  return out;
}

/** A lifetime budget reads as Graph shows it: `lifetime_budget` set and `daily_budget` "0". */
function lifetimeFields(attrs: Campaign['attrs']): Obj {
  return { lifetime_budget: attrs.lifetime_budget ?? '0', daily_budget: '0', budget_remaining: attrs.lifetime_budget ?? '0' };
}

function effective(own: string, parents: Array<[string, string]>): string {
  if (own !== 'ACTIVE') return own;
  const paused = parents.find(([status]) => status !== 'ACTIVE');
  return paused ? paused[1] : 'ACTIVE';
}

/** An ad set as Graph shows it; `learning` answers its learning stage when the caller asked for learning_stage_info. */
export function adSetView(world: PlatformWorld, g: AdGroup, learning?: (g: AdGroup) => LearningStage | null): Obj {
  const campaign = world.campaigns.get(g.campaignId);
  const account = world.accounts.get(g.accountId);
  const own = statusWord(g.status);
  const out: Obj = {
    id: g.id, account_id: g.accountId, campaign_id: g.campaignId, name: g.name, status: own, configured_status: own,
    effective_status: effective(own, campaign ? [[statusWord(campaign.status), 'CAMPAIGN_PAUSED']] : []),
    billing_event: g.attrs.billing_event ?? 'IMPRESSIONS', optimization_goal: g.attrs.optimization_goal ?? 'LINK_CLICKS',
    targeting: g.attrs.targeting ?? {}, created_time: iso(g.createdAt), updated_time: iso(g.updatedAt),
  };
  const daily = budgetMinor(world, g.budgetId, account);
  if (typeof g.attrs.lifetime_budget === 'string') Object.assign(out, lifetimeFields(g.attrs));
  else if (daily !== undefined) out.daily_budget = daily;
  if (typeof g.attrs.start_time === 'string') out.start_time = g.attrs.start_time;
  if (typeof g.attrs.end_time === 'string') out.end_time = g.attrs.end_time;
  if (g.attrs.bid_amount !== undefined) out.bid_amount = g.attrs.bid_amount;
  if (g.attrs.bid_strategy !== undefined) out.bid_strategy = g.attrs.bid_strategy;
  else if (campaign?.attrs.bid_strategy !== undefined) out.bid_strategy = campaign.attrs.bid_strategy;
  // Graph returns learning_stage_info only for delivering ad sets.
  const stage = learning?.(g);
  if (stage) {
    out.learning_stage_info = { status: stage.status, conversions: stage.conversions, last_sig_edit_ts: Math.floor(stage.lastSignificantEdit / 1000), attribution_windows: ['1d_click', '7d_click', '1d_view'] };
  }
  return out;
}

export function adView(world: PlatformWorld, ad: Ad): Obj {
  const group = world.adGroups.get(ad.adGroupId);
  const campaign = world.campaigns.get(ad.campaignId);
  const own = statusWord(ad.status);
  const parents: Array<[string, string]> = [];
  if (campaign) parents.push([statusWord(campaign.status), 'CAMPAIGN_PAUSED']);
  if (group) parents.push([statusWord(group.status), 'ADSET_PAUSED']);
  return {
    id: ad.id, account_id: ad.accountId, campaign_id: ad.campaignId, adset_id: ad.adGroupId, name: ad.name, status: own, configured_status: own,
    effective_status: effective(own, parents), creative: { id: String(ad.attrs.creative_id ?? `${ad.id}1`) },
    created_time: iso(ad.createdAt), updated_time: iso(ad.updatedAt),
  };
}

/** Keeps the requested fields (always `id`); Graph returns only `id` when no fields are asked for. */
export function selectFields(obj: Obj, fields: string | undefined): Obj {
  const wanted = listOf(fields).map((f) => f.replace(/\{.*$/, '')).filter(Boolean);
  const out: Obj = { id: obj.id ?? '' };
  for (const f of wanted) {
    const value = obj[f];
    if (value !== undefined) out[f] = value;
  }
  return out;
}

export const LIVE_BY_DEFAULT = Object.values(META_STATUS).filter((s) => s !== 'DELETED' && s !== 'ARCHIVED');
