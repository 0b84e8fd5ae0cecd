import { createRng, hash32 } from './prng.ts';
import type { ResponseCurve } from './response-curve.ts';
import { setFrom, timelineOf } from './timeline.ts';
import { CURRENCY_SCALE } from './world-catalog.ts';
import type {
  Ad, AdGroup, Anomaly, Attrs, Budget, Campaign, EntityStatus, MarketParams, PlatformId, PlatformWorld, World,
} from './world.types.ts';

/**
 * Changes made through the platform APIs. Each records the new value from `at` on (so history
 * before it is unchanged) and bumps the revision of every campaign whose metrics it can affect.
 */
export type StatusTarget = 'campaign' | 'adGroup' | 'ad' | 'budget';

function touch(campaign: Campaign | undefined, at: number): void {
  if (!campaign) return;
  campaign.revision += 1;
  campaign.updatedAt = at;
}

function campaignsUsingBudget(world: PlatformWorld, budgetId: string): Campaign[] {
  const direct = [...world.campaigns.values()].filter((c) => c.budgetId === budgetId);
  const viaGroups = [...world.adGroups.values()].filter((g) => g.budgetId === budgetId).map((g) => world.campaigns.get(g.campaignId));
  return [...direct, ...viaGroups.filter((c): c is Campaign => c !== undefined)];
}

export function changeStatus(world: PlatformWorld, target: StatusTarget, id: string, status: EntityStatus, at: number): boolean {
  const entity = target === 'campaign' ? world.campaigns.get(id)
    : target === 'adGroup' ? world.adGroups.get(id)
      : target === 'ad' ? world.ads.get(id) : world.budgets.get(id);
  if (!entity) return false;
  setFrom(entity.status, at, status);
  if (target === 'budget') campaignsUsingBudget(world, id).forEach((c) => touch(c, at));
  else if ('updatedAt' in entity) entity.updatedAt = at;
  if ('campaignId' in entity) touch(world.campaigns.get(entity.campaignId), at);
  else if (target === 'campaign') touch(world.campaigns.get(id), at);
  return true;
}

export function changeBudgetAmount(world: PlatformWorld, budgetId: string, amountMicros: number, at: number): boolean {
  const budget = world.budgets.get(budgetId);
  if (!budget) return false;
  setFrom(budget.amountMicros, at, amountMicros);
  campaignsUsingBudget(world, budgetId).forEach((c) => touch(c, at));
  return true;
}

/** Marks a campaign's metrics stale after an edit that changes delivery (weights, parents, attributes). */
export function touchCampaign(world: PlatformWorld, campaignId: string, at: number): void {
  touch(world.campaigns.get(campaignId), at);
}

export function addBudget(world: PlatformWorld, input: { id: string; accountId: string; name: string; amountMicros: number; attrs?: Attrs }, at: number): Budget {
  const budget: Budget = {
    id: input.id, accountId: input.accountId, name: input.name, amountMicros: timelineOf(at, input.amountMicros),
    status: timelineOf(at, 'ENABLED'), createdAt: at, attrs: input.attrs ?? {},
  };
  world.budgets.set(budget.id, budget);
  return budget;
}

/** Response curve and market for a campaign created through an API: derived from (seed, id). */
function curveForNew(seed: number, world: PlatformWorld, id: string, accountId: string, referenceMicros: number): { curve: ResponseCurve; market: MarketParams } {
  const rng = createRng(hash32(seed, world.platform, id, 'new-campaign'));
  const currency = world.accounts.get(accountId)?.currency ?? 'USD';
  const scale = CURRENCY_SCALE[currency] ?? 1;
  const reference = referenceMicros > 0 ? referenceMicros : 100 * scale * 1e6;
  const shape = 0.7 + rng.next() * 0.5;
  const half = reference * (0.6 + rng.next() * 1.4);
  const atReference = reference / ((15 + rng.next() * 45) * scale * 1e6);
  const cpcRange: Record<PlatformId, number> = { google: 1.5, meta: 0.9, tiktok: 0.5 };
  return {
    curve: {
      maxConversionsPerDay: atReference * (1 + Math.pow(half / reference, shape)), halfSaturationMicros: half, shape,
      adstockDecay: 0.2 + rng.next() * 0.4, averageOrderValue: Math.round((40 + rng.next() * 120) * scale * 100) / 100,
    },
    market: { cpcMicros: Math.round(cpcRange[world.platform] * (0.6 + rng.next() * 0.8) * scale * 1e6), ctr: 0.005 + rng.next() * 0.04 },
  };
}

export function addCampaign(
  seed: number, world: PlatformWorld,
  input: { id: string; accountId: string; name: string; status: EntityStatus; budgetId: string | null; referenceBudgetMicros: number; attrs: Attrs },
  at: number,
): Campaign {
  const campaign: Campaign = {
    id: input.id, accountId: input.accountId, name: input.name, status: timelineOf(at, input.status), createdAt: at, updatedAt: at,
    attrs: input.attrs, budgetId: input.budgetId, revision: 0, ...curveForNew(seed, world, input.id, input.accountId, input.referenceBudgetMicros),
  };
  world.campaigns.set(campaign.id, campaign);
  return campaign;
}

export function addAdGroup(
  world: PlatformWorld, input: { id: string; campaignId: string; name: string; status: EntityStatus; budgetId: string | null; attrs: Attrs }, at: number,
): AdGroup | null {
  const campaign = world.campaigns.get(input.campaignId);
  if (!campaign) return null;
  const group: AdGroup = {
    id: input.id, accountId: campaign.accountId, campaignId: campaign.id, name: input.name, status: timelineOf(at, input.status),
    budgetId: input.budgetId, weight: 1, createdAt: at, updatedAt: at, attrs: input.attrs,
  };
  world.adGroups.set(group.id, group);
  touch(campaign, at);
  return group;
}

export function addAd(world: PlatformWorld, input: { id: string; adGroupId: string; name: string; status: EntityStatus; attrs: Attrs }, at: number): Ad | null {
  const group = world.adGroups.get(input.adGroupId);
  if (!group) return null;
  const ad: Ad = {
    id: input.id, accountId: group.accountId, campaignId: group.campaignId, adGroupId: group.id, name: input.name,
    status: timelineOf(at, input.status), weight: 1, createdAt: at, updatedAt: at, attrs: input.attrs,
  };
  world.ads.set(ad.id, ad);
  touch(world.campaigns.get(group.campaignId), at);
  return ad;
}

/** Adds a labelled anomaly and invalidates the campaigns it covers. */
export function addAnomaly(world: World, anomaly: Anomaly): void {
  world.anomalies.push(anomaly);
  for (const c of world.platforms[anomaly.platform].campaigns.values()) {
    if (c.accountId === anomaly.accountId && (anomaly.campaignId === null || anomaly.campaignId === c.id)) c.revision += 1;
  }
}
