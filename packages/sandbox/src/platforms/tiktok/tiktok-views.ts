import { currentValue } from '../../simulator/timeline.ts';
import type { Account, Ad, AdGroup, Campaign, JsonValue, PlatformWorld } from '../../simulator/world.types.ts';
import { microsToMajor } from './tiktok-money.ts';
import { operationStatus, tiktokTime, type OperationStatus } from './tiktok-words.ts';

export type Obj = Record<string, JsonValue>;

/** Fields each get endpoint can return (and the default set when `fields` is absent). */
export const CAMPAIGN_FIELDS = [
  'advertiser_id', 'campaign_id', 'campaign_name', 'campaign_type', 'objective_type', 'budget', 'budget_mode', 'budget_optimize_on',
  'operation_status', 'secondary_status', 'special_industries', 'is_new_structure', 'create_time', 'modify_time',
] as const;
export const ADGROUP_FIELDS = [
  'advertiser_id', 'campaign_id', 'adgroup_id', 'adgroup_name', 'operation_status', 'secondary_status', 'budget_mode', 'budget', 'billing_event',
  'optimization_goal', 'bid_type', 'bid_price', 'placement_type', 'placements', 'location_ids', 'schedule_type', 'schedule_start_time',
  'schedule_end_time', 'pacing', 'promotion_type', 'create_time', 'modify_time',
] as const;
export const AD_FIELDS = [
  'advertiser_id', 'campaign_id', 'adgroup_id', 'ad_id', 'ad_name', 'operation_status', 'secondary_status', 'ad_format', 'ad_text',
  'call_to_action', 'landing_page_url', 'display_name', 'identity_type', 'identity_id', 'video_id', 'image_ids', 'create_time', 'modify_time',
] as const;
export const ADVERTISER_FIELDS = [
  'advertiser_id', 'name', 'currency', 'timezone', 'display_timezone', 'status', 'role', 'company', 'country', 'language', 'balance',
  'create_time', 'brand', 'owner_bc_id',
] as const;

function budgetMajor(world: PlatformWorld, budgetId: string | null, account: Account | undefined): number | null {
  const budget = budgetId ? world.budgets.get(budgetId) : undefined;
  return budget && account ? microsToMajor(currentValue(budget.amountMicros), account.currency) : null;
}

const attrNumber = (value: JsonValue | undefined): number | null => (typeof value === 'number' ? value : null);

/** The declared budget: attrs for objects made through the API (lifetime amounts, non-CBO caps), else the seeded daily budget. */
function declaredBudget(world: PlatformWorld, entity: Campaign | AdGroup, account: Account | undefined): number {
  return attrNumber(entity.attrs.budget) ?? budgetMajor(world, entity.budgetId, account) ?? 0;
}

export function isCbo(c: Campaign): boolean {
  return c.attrs.budget_optimize_on === true || (c.attrs.budget_optimize_on === undefined && c.budgetId !== null);
}

function campaignSecondary(status: OperationStatus): string {
  return `CAMPAIGN_STATUS_${status}`;
}

function childSecondary(prefix: 'ADGROUP' | 'AD', own: OperationStatus, parents: Array<[OperationStatus, string]>): string {
  if (own === 'DELETE') return `${prefix}_STATUS_DELETE`;
  const deletedParent = parents.find(([s]) => s === 'DELETE');
  if (deletedParent) return `${prefix}_STATUS_${deletedParent[1]}_DELETE`;
  const disabledParent = parents.find(([s]) => s === 'DISABLE');
  if (disabledParent) return `${prefix}_STATUS_${disabledParent[1]}_DISABLE`;
  return own === 'DISABLE' ? `${prefix}_STATUS_DISABLE` : `${prefix}_STATUS_DELIVERY_OK`;
}

export function campaignView(world: PlatformWorld, c: Campaign): Obj {
  const account = world.accounts.get(c.accountId);
  const status = operationStatus(c.status);
  return {
    advertiser_id: c.accountId, campaign_id: c.id, campaign_name: c.name, campaign_type: c.attrs.campaign_type ?? 'REGULAR_CAMPAIGN',
    objective_type: c.attrs.objective_type ?? 'TRAFFIC', budget: declaredBudget(world, c, account), budget_mode: c.attrs.budget_mode ?? 'BUDGET_MODE_INFINITE',
    budget_optimize_on: isCbo(c), operation_status: status, secondary_status: campaignSecondary(status),
    special_industries: c.attrs.special_industries ?? [], is_new_structure: true, create_time: tiktokTime(c.createdAt), modify_time: tiktokTime(c.updatedAt),
  };
}

export function adGroupView(world: PlatformWorld, g: AdGroup): Obj {
  const account = world.accounts.get(g.accountId);
  const campaign = world.campaigns.get(g.campaignId);
  const own = operationStatus(g.status);
  const parents: Array<[OperationStatus, string]> = campaign ? [[operationStatus(campaign.status), 'CAMPAIGN']] : [];
  const a = g.attrs;
  return {
    advertiser_id: g.accountId, campaign_id: g.campaignId, adgroup_id: g.id, adgroup_name: g.name, operation_status: own,
    secondary_status: childSecondary('ADGROUP', own, parents), budget_mode: a.budget_mode ?? 'BUDGET_MODE_INFINITE',
    budget: campaign && isCbo(campaign) ? 0 : declaredBudget(world, g, account), billing_event: a.billing_event ?? 'CPC',
    optimization_goal: a.optimization_goal ?? 'CLICK', bid_type: a.bid_type ?? 'BID_TYPE_NO_BID', bid_price: a.bid_price ?? 0,
    placement_type: a.placement_type ?? 'PLACEMENT_TYPE_AUTOMATIC', placements: a.placements ?? [], location_ids: a.location_ids ?? ['6252001'],
    schedule_type: a.schedule_type ?? 'SCHEDULE_FROM_NOW', schedule_start_time: a.schedule_start_time ?? tiktokTime(g.createdAt),
    schedule_end_time: a.schedule_end_time ?? null, pacing: a.pacing ?? 'PACING_MODE_SMOOTH', promotion_type: a.promotion_type ?? 'WEBSITE',
    create_time: tiktokTime(g.createdAt), modify_time: tiktokTime(g.updatedAt),
  };
}

export function adView(world: PlatformWorld, ad: Ad): Obj {
  const campaign = world.campaigns.get(ad.campaignId);
  const group = world.adGroups.get(ad.adGroupId);
  const own = operationStatus(ad.status);
  const parents: Array<[OperationStatus, string]> = [];
  if (campaign) parents.push([operationStatus(campaign.status), 'CAMPAIGN']);
  if (group) parents.push([operationStatus(group.status), 'ADGROUP']);
  const a = ad.attrs;
  return {
    advertiser_id: ad.accountId, campaign_id: ad.campaignId, adgroup_id: ad.adGroupId, ad_id: ad.id, ad_name: ad.name,
    operation_status: own, secondary_status: childSecondary('AD', own, parents), ad_format: a.ad_format ?? 'SINGLE_VIDEO',
    ad_text: a.ad_text ?? '', call_to_action: a.call_to_action ?? 'LEARN_MORE', landing_page_url: a.landing_page_url ?? '',
    display_name: a.display_name ?? '', identity_type: a.identity_type ?? 'CUSTOMIZED_USER', identity_id: a.identity_id ?? '',
    video_id: a.video_id ?? `v10033g50000${ad.id.slice(-8)}`, image_ids: a.image_ids ?? [],
    create_time: tiktokTime(ad.createdAt), modify_time: tiktokTime(ad.updatedAt),
  };
}

export function advertiserView(a: Account): Obj {
  return {
    advertiser_id: a.id, name: a.name, currency: a.currency, timezone: a.timeZone, display_timezone: a.timeZone, status: 'STATUS_ENABLE',
    role: 'ROLE_ADVERTISER', company: a.name.replace(/ TT$/, ''), country: a.currency === 'JPY' ? 'JP' : a.currency === 'EUR' ? 'DE' : 'US',
    language: 'en', balance: 0, create_time: Math.floor(a.createdAt / 1000), brand: a.name, owner_bc_id: a.managerId ?? '',
  };
}
