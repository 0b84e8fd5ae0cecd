import { currentValue, valueAt } from '../../simulator/timeline.ts';
import { nextCreatedId } from '../../simulator/world-ids.ts';
import { addCampaign, changeStatus, touchCampaign } from '../../simulator/world-mutations.ts';
import type { EntityStatus } from '../../simulator/world.types.ts';
import { adsError, type AdsError } from './google-errors.ts';
import { BIDDING_MASKS, biddingUpdate, createdTargets } from './google-mutate-bidding.ts';
import {
  badEnum, idFrom, isRecord, locate, notFound, pick, readMask, required, resourceName, tooLong, type OperationPlanner, type Planned,
} from './google-mutate.types.ts';

const CHANNELS = ['SEARCH', 'DISPLAY', 'SHOPPING', 'VIDEO', 'PERFORMANCE_MAX', 'DEMAND_GEN', 'MULTI_CHANNEL', 'LOCAL', 'SMART'];
const EU_POLITICAL = ['CONTAINS_EU_POLITICAL_ADVERTISING', 'DOES_NOT_CONTAIN_EU_POLITICAL_ADVERTISING'];
const BIDDING: Record<string, string> = {
  manualCpc: 'MANUAL_CPC', maximizeConversions: 'MAXIMIZE_CONVERSIONS', maximizeConversionValue: 'MAXIMIZE_CONVERSION_VALUE',
  targetSpend: 'TARGET_SPEND', targetCpa: 'TARGET_CPA', targetRoas: 'TARGET_ROAS', manualCpm: 'MANUAL_CPM',
};
export const STATUS_WORDS = ['ENABLED', 'PAUSED'];

function statusOf(value: unknown): EntityStatus {
  return value === 'ENABLED' ? 'ENABLED' : 'PAUSED';
}

/** `campaigns:mutate` operations. */
export const planCampaignOperation: OperationPlanner = (op, scope, path): Planned => {
  const { world, now, customer } = scope;
  if (isRecord(op.create)) {
    const c = op.create;
    const p: Array<string | [string, number]> = [...path, 'create'];
    const errors: AdsError[] = [];
    const name = pick(c, 'name');
    if (typeof name !== 'string' || name.trim() === '') errors.push(required(p, 'name'));
    else if (name.length > 255) errors.push(tooLong(p, 'name', 255, name));
    else if ([...world.campaigns.values()].some((x) => x.accountId === customer.id && x.name === name && currentValue(x.status) !== 'REMOVED')) {
      errors.push(adsError('campaignError', 'DUPLICATE_CAMPAIGN_NAME', 'Campaign name already exists.', { trigger: { stringValue: name }, location: locate(p, 'name') }));
    }
    const status = pick(c, 'status') ?? 'ENABLED';
    if (!STATUS_WORDS.includes(String(status))) errors.push(badEnum(p, 'status', status));
    const channel = pick(c, 'advertisingChannelType');
    if (channel === undefined) errors.push(required(p, 'advertising_channel_type'));
    else if (!CHANNELS.includes(String(channel))) errors.push(badEnum(p, 'advertising_channel_type', channel));
    const eu = pick(c, 'containsEuPoliticalAdvertising');
    if (eu === undefined) errors.push(required(p, 'contains_eu_political_advertising'));
    else if (!EU_POLITICAL.includes(String(eu))) errors.push(badEnum(p, 'contains_eu_political_advertising', eu));
    const budgetRef = pick(c, 'campaignBudget');
    const budgetId = idFrom(scope, budgetRef, 'campaignBudgets');
    const budgetKnown = budgetId !== null && (world.budgets.has(budgetId) || scope.pending.has(resourceName(scope, 'campaignBudgets', budgetId)));
    if (budgetRef === undefined) errors.push(required(p, 'campaign_budget'));
    else if (!budgetKnown) errors.push(notFound(p, 'campaign_budget', budgetRef));
    const bidding = Object.keys(BIDDING).filter((k) => c[k] !== undefined || c[k.replace(/[A-Z]/g, (x) => `_${x.toLowerCase()}`)] !== undefined);
    if (bidding.length > 1) errors.push(adsError('campaignError', 'BIDDING_STRATEGY_NOT_SUPPORTED', 'Only one bidding strategy may be set.', { location: locate(p, 'bidding_strategy') }));
    if (errors.length > 0 || budgetId === null) return { errors };
    const id = nextCreatedId(scope.ctx.sim.seed, world, 'campaign');
    const name2 = resourceName(scope, 'campaigns', id);
    scope.pending.add(name2);
    const temp = pick(c, 'resourceName');
    if (typeof temp === 'string') scope.tempIds.set(temp, name2);
    return {
      apply: () => {
        const budget = world.budgets.get(budgetId);
        addCampaign(scope.ctx.sim.seed, world, {
          id, accountId: customer.id, name: String(name), status: statusOf(status), budgetId,
          referenceBudgetMicros: budget ? valueAt(budget.amountMicros, now) : 0,
          attrs: {
            advertisingChannelType: String(channel), containsEuPoliticalAdvertising: String(eu),
            biddingStrategyType: BIDDING[bidding[0] ?? 'manualCpc'] ?? 'MANUAL_CPC',
            ...createdTargets(c),
            startDateTime: typeof pick(c, 'startDateTime') === 'string' ? String(pick(c, 'startDateTime')) : null,
            endDateTime: typeof pick(c, 'endDateTime') === 'string' ? String(pick(c, 'endDateTime')) : null,
          },
        }, now);
        return name2;
      },
    };
  }
  if (isRecord(op.update)) {
    const u = op.update;
    const p: Array<string | [string, number]> = [...path, 'update'];
    const id = idFrom(scope, pick(u, 'resourceName'), 'campaigns');
    const campaign = id ? world.campaigns.get(id) : undefined;
    if (!campaign || campaign.accountId !== customer.id) return { errors: [notFound(p, 'resource_name', pick(u, 'resourceName'))] };
    if (currentValue(campaign.status) === 'REMOVED') return { errors: [adsError('campaignError', 'CANNOT_MODIFY_REMOVED_CAMPAIGN', 'Cannot modify a removed campaign.', { location: locate(p, 'resource_name') })] };
    const mask = readMask(op, ['name', 'status', 'campaign_budget', 'start_date_time', 'end_date_time', ...BIDDING_MASKS], path);
    if (!Array.isArray(mask)) return { errors: [mask] };
    const bidding = biddingUpdate(u, mask, p, customer.currency);
    if ('errors' in bidding) return bidding;
    const status = pick(u, 'status');
    if (mask.includes('status') && !STATUS_WORDS.includes(String(status))) return { errors: [badEnum(p, 'status', status)] };
    const budgetId = idFrom(scope, pick(u, 'campaignBudget'), 'campaignBudgets');
    if (mask.includes('campaign_budget') && (budgetId === null || !world.budgets.has(budgetId))) return { errors: [notFound(p, 'campaign_budget', pick(u, 'campaignBudget'))] };
    const name = pick(u, 'name');
    if (mask.includes('name') && (typeof name !== 'string' || name.trim() === '')) return { errors: [required(p, 'name')] };
    if (mask.includes('name') && String(name).length > 255) return { errors: [tooLong(p, 'name', 255, String(name))] };
    return {
      apply: () => {
        if (mask.includes('name')) campaign.name = String(name);
        bidding.apply(campaign.attrs);
        if (mask.includes('status')) changeStatus(world, 'campaign', campaign.id, statusOf(status), now);
        if (mask.includes('campaign_budget') && budgetId) campaign.budgetId = budgetId;
        for (const f of ['start_date_time', 'end_date_time']) {
          if (mask.includes(f)) campaign.attrs[f === 'start_date_time' ? 'startDateTime' : 'endDateTime'] = String(pick(u, f === 'start_date_time' ? 'startDateTime' : 'endDateTime') ?? '');
        }
        touchCampaign(world, campaign.id, now);
        return resourceName(scope, 'campaigns', campaign.id);
      },
    };
  }
  if (typeof op.remove === 'string') {
    const id = idFrom(scope, op.remove, 'campaigns');
    const campaign = id ? world.campaigns.get(id) : undefined;
    if (!campaign || currentValue(campaign.status) === 'REMOVED') return { errors: [notFound(path, 'remove', op.remove)] };
    return { apply: () => (changeStatus(world, 'campaign', campaign.id, 'REMOVED', now), resourceName(scope, 'campaigns', campaign.id)) };
  }
  return { errors: [adsError('mutateError', 'OPERATION_NOT_SUPPORTED', 'The operation must be one of create, update or remove.', { location: locate(path) })] };
};
