import { budgetLimitProblem, type ChangeProblem } from '@adloop/engine';
import type { NewAdPayload, NewAdRequest } from '@adloop/contracts';
import { PlatformError, validateNewAd, type AdPlatform } from '@adloop/platforms';
import { copyFieldOf, newAdSpecOf } from './apply/create-ad.ts';
import type { EntityTarget } from './entity-targets.ts';
import type { ValidObjectChange } from './object-validate.ts';
import { platformRulesOf } from './platform-rules.ts';
import type { ChangeIntent } from './submit.ts';

const NAME_MAX = 255;
const LEVEL_WORDS = { ad_group: 'ad groups', ad: 'ads' } as const;

/**
 * Checks a change of an ad group / ad set or an ad against the adapter's capabilities: status on both,
 * own budgets where `adGroupBudgets` (and the ad group has one of that kind), the bid where
 * `bidding.adGroupBidField`, names where `renameLevels`. The first problem names the request's field.
 */
export function validateEntityChange(target: EntityTarget, intent: ChangeIntent, adapter: AdPlatform, currency: string): ValidObjectChange | ChangeProblem {
  const c = adapter.capabilities;
  const { expected } = intent;
  const words = `${adapter.displayName} ${LEVEL_WORDS[target.level]}`;
  switch (intent.action) {
    case 'pause':
    case 'enable': {
      if (c.frozenStatuses.includes(target.row.status)) return { field: 'action', message: `a ${target.row.status} object cannot be paused or enabled` };
      if (expected.status === undefined) return { field: 'expected.status', message: 'is required: send the status you saw' };
      return { field: 'status', before: expected.status, after: intent.action === 'pause' ? 'paused' : 'active' };
    }
    case 'rename': {
      if (!c.renameLevels.includes(target.level)) return { field: 'action', message: `${words} have no name of their own to change` };
      if (intent.name === undefined) return { field: 'name', message: 'is required for a rename' };
      if (intent.name.length > NAME_MAX) return { field: 'name', message: `is longer than ${NAME_MAX} characters` };
      if (expected.name === undefined) return { field: 'expected.name', message: 'is required: send the name you saw' };
      return { field: 'name', before: expected.name, after: intent.name };
    }
    case 'set_daily_budget':
    case 'set_lifetime_budget':
    case 'set_bid':
      if (target.level !== 'ad_group') return { field: 'action', message: `${words} have no budget or bid of their own` };
      return intent.action === 'set_bid' ? bidChange(target, intent, adapter) : budgetChange(target, intent, adapter, currency);
    case 'create_ad':
      if (target.level !== 'ad_group') return { field: 'action', message: 'a new ad goes in an ad group / ad set: name that as the target' };
      return newAdChange(target, intent, adapter);
    default:
      return { field: 'action', message: `${intent.action} applies to campaigns only` };
  }
}

/**
 * A new ad in the ad group (`create_ad`, the HTTP road; the AI's copy is proposed by `proposeNewAds`): the copy
 * in the ad group's platform's fields, checked against its ad format; kept in the change's payload.
 */
function newAdChange(target: Extract<EntityTarget, { level: 'ad_group' }>, intent: ChangeIntent, adapter: AdPlatform): ValidObjectChange | ChangeProblem {
  // `ad` travels on the asked change (`RequestedChange.ad`) into the intent.
  const ad = (intent as ChangeIntent & { ad?: NewAdRequest | undefined }).ad;
  if (!ad) return { field: 'ad', message: 'is required for create_ad: the copy, in the platform’s fields, and the landing page' };
  if (ad.copy.platform !== adapter.id) return { field: 'ad.copy.platform', message: `is ${ad.copy.platform}, but ${target.row.name} is on ${adapter.displayName}` };
  if (ad.copy.platform === 'tiktok' && ad.copy.adTexts.length > 1) return { field: 'ad.copy.adTexts', message: 'a TikTok ad shows one ad text: ask one create_ad per text' };
  const first = ad.copy.platform === 'google_ads' ? ad.copy.headlines[0] : ad.copy.platform === 'meta' ? ad.copy.headlines[0] : ad.copy.adTexts[0];
  const name = ad.name ?? (first?.trim() || 'New ad').slice(0, 100);
  try {
    validateNewAd(adapter.id, newAdSpecOf(ad.copy, ad.finalUrl, name, 'active'));
  } catch (error) {
    if (!(error instanceof PlatformError) || error.kind !== 'invalid_request') throw error;
    return { field: `ad.${copyFieldOf(ad.copy.platform, error.details.field)}`, message: error.message };
  }
  const payload: NewAdPayload = { copy: ad.copy, finalUrl: ad.finalUrl, name, generationId: null };
  return { field: 'ad', before: null, after: 'active', payload };
}

function bidChange(target: Extract<EntityTarget, { level: 'ad_group' }>, intent: ChangeIntent, adapter: AdPlatform): ValidObjectChange | ChangeProblem {
  if (!adapter.capabilities.bidding.adGroupBidField) return { field: 'action', message: `${adapter.displayName} ad groups take no bid of their own` };
  if (intent.amountMicros === undefined) return { field: 'amountMicros', message: 'is required for a bid' };
  if (intent.expected.bidMicros === undefined) return { field: 'expected.bidMicros', message: 'is required: send the bid you saw' };
  return { field: 'bid', before: intent.expected.bidMicros === null ? null : String(intent.expected.bidMicros), after: String(intent.amountMicros) };
}

function budgetChange(target: Extract<EntityTarget, { level: 'ad_group' }>, intent: ChangeIntent, adapter: AdPlatform, currency: string): ValidObjectChange | ChangeProblem {
  const daily = intent.action === 'set_daily_budget';
  if (!adapter.capabilities.adGroupBudgets) return { field: 'action', message: `${adapter.displayName} ad groups have no budget of their own: change the campaign's budget` };
  if (intent.amountMicros === undefined) return { field: 'amountMicros', message: 'is required for a budget change' };
  const current = daily ? target.row.dailyBudgetMicros : target.row.lifetimeBudgetMicros;
  if (current === null) return { field: 'action', message: `this ad group has no ${daily ? 'daily' : 'lifetime'} budget of its own (it spends its campaign's)` };
  const problem = budgetLimitProblem(daily ? 'daily' : 'lifetime', intent.amountMicros, currency, platformRulesOf(adapter, currency));
  if (problem) return { field: 'amountMicros', message: problem };
  const seen = daily ? intent.expected.dailyBudgetMicros : intent.expected.lifetimeBudgetMicros;
  if (seen === undefined) return { field: `expected.${daily ? 'dailyBudgetMicros' : 'lifetimeBudgetMicros'}`, message: 'is required: send the budget you saw' };
  return { field: daily ? 'daily_budget' : 'lifetime_budget', before: seen === null ? null : String(seen), after: String(intent.amountMicros) };
}
