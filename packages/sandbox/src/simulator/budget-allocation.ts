import { valueAt } from './timeline.ts';
import type { Ad, AdGroup, Campaign, PlatformWorld } from './world.types.ts';

export interface CampaignTree {
  campaign: Campaign;
  groups: Array<{ group: AdGroup; ads: Ad[] }>;
}

/** The campaign with its ad groups and ads (in insertion order). */
export function campaignTree(world: PlatformWorld, campaign: Campaign): CampaignTree {
  const groups = [...world.adGroups.values()]
    .filter((g) => g.campaignId === campaign.id)
    .map((group) => ({ group, ads: [] as Ad[] }));
  const byId = new Map(groups.map((g) => [g.group.id, g]));
  for (const ad of world.ads.values()) if (ad.campaignId === campaign.id) byId.get(ad.adGroupId)?.ads.push(ad);
  return { campaign, groups };
}

function isLive(entity: { createdAt: number; status: Campaign['status'] }, at: number): boolean {
  return entity.createdAt <= at && valueAt(entity.status, at) === 'ENABLED';
}

function budgetMicros(world: PlatformWorld, budgetId: string | null, at: number): number | null {
  if (budgetId === null) return null;
  const budget = world.budgets.get(budgetId);
  if (!budget || valueAt(budget.status, at) === 'REMOVED') return 0;
  return valueAt(budget.amountMicros, at);
}

/**
 * Daily budget (micros) each serving ad gets at instant `at`. A campaign budget is split over live
 * ad groups by weight; without one each ad group spends its own budget; an uncapped campaign
 * spends at its half-saturation point. Non-serving ads are absent.
 */
export function adBudgetsAt(world: PlatformWorld, tree: CampaignTree, at: number): Map<string, number> {
  const out = new Map<string, number>();
  const { campaign } = tree;
  if (!isLive(campaign, at)) return out;
  const live = tree.groups
    .filter((g) => isLive(g.group, at))
    .map((g) => ({ group: g.group, ads: g.ads.filter((a) => isLive(a, at)) }))
    .filter((g) => g.ads.length > 0);
  if (live.length === 0) return out;
  const campaignBudget = budgetMicros(world, campaign.budgetId, at);
  const groupWeight = live.reduce((s, g) => s + g.group.weight, 0);
  for (const { group, ads } of live) {
    const groupBudget = campaignBudget !== null
      ? (campaignBudget * group.weight) / groupWeight
      : budgetMicros(world, group.budgetId, at) ?? campaign.curve.halfSaturationMicros / live.length;
    const adWeight = ads.reduce((s, a) => s + a.weight, 0);
    for (const ad of ads) out.set(ad.id, (groupBudget * ad.weight) / adWeight);
  }
  return out;
}
