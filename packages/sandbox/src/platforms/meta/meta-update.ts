import { json, param, type SandboxRequest, type SandboxResponse } from '../../http/http.types.ts';
import type { SandboxContext } from '../../sandbox-context.ts';
import { currentValue } from '../../simulator/timeline.ts';
import { changeBudgetAmount, changeStatus, touchCampaign } from '../../simulator/world-mutations.ts';
import type { Ad, AdGroup, Campaign, PlatformWorld } from '../../simulator/world.types.ts';
import { budgetKindChange, budgetKindOf, budgetParam, scheduleLifetime, scheduleOf } from './meta-budgets.ts';
import { graphError, invalidParameter } from './meta-errors.ts';
import { FROM_META_STATUS } from './meta-words.ts';

export const BID_STRATEGIES = ['LOWEST_COST_WITHOUT_CAP', 'LOWEST_COST_WITH_BID_CAP', 'COST_CAP', 'LOWEST_COST_WITH_MIN_ROAS'];
const CAPPED = ['LOWEST_COST_WITH_BID_CAP', 'COST_CAP'];

/** Parameters `POST /{id}` takes on a campaign, ad set or ad (plus Graph's own); anything else is refused. */
const UPDATABLE: Record<'campaign' | 'adGroup' | 'ad', string[]> = {
  campaign: ['name', 'status', 'daily_budget', 'lifetime_budget', 'bid_strategy', 'spend_cap', 'special_ad_categories'],
  adGroup: ['name', 'status', 'daily_budget', 'lifetime_budget', 'bid_amount', 'bid_strategy', 'targeting', 'end_time', 'start_time', 'optimization_goal'],
  ad: ['name', 'status', 'creative'],
};
const GRAPH_PARAMS = ['id', 'access_token', 'appsecret_proof', 'fields', 'method', 'format', 'pretty', 'suppress_http_code', 'locale', 'include_headers', 'execution_options', 'batch', '_reqName', '_reqSrc', 'sdk'];

function unknownParam(req: SandboxRequest, kind: keyof typeof UPDATABLE): string | undefined {
  const names = [...req.query.keys(), ...(req.form ? [...req.form.keys()] : []), ...(req.json && typeof req.json === 'object' && !Array.isArray(req.json) ? Object.keys(req.json) : [])];
  return names.find((n) => !UPDATABLE[kind].includes(n) && !GRAPH_PARAMS.includes(n));
}

/** Graph's answer to a status an object can no longer take: DELETED is final, ARCHIVED can only become DELETED. */
function frozen(target: Campaign | AdGroup | Ad, next: string | undefined): SandboxResponse | null {
  const now = currentValue(target.status);
  if (now === 'REMOVED') return graphError({ code: 100, subcode: 1815002, message: 'Invalid parameter', userMessage: 'A deleted object cannot be edited.' });
  if (now === 'ARCHIVED' && next !== 'REMOVED') {
    return graphError({ code: 100, subcode: 1815001, message: 'Invalid parameter', userTitle: 'Archived object', userMessage: 'An archived object can only be deleted; it cannot be edited, activated or paused.' });
  }
  return null;
}

/** bid_amount: a positive integer in the currency offset's minor units. */
function bidAmount(req: SandboxRequest): number | undefined | SandboxResponse {
  const raw = param(req, 'bid_amount');
  if (raw === undefined) return undefined;
  const minor = Number(raw);
  if (!Number.isInteger(minor) || minor <= 0) return graphError({ code: 100, subcode: 1815118, message: 'Invalid parameter', userTitle: 'Invalid bid amount', userMessage: 'bid_amount must be a positive whole number in the minor unit of the account currency.' });
  return minor;
}

/** A campaign's switch to a capped strategy needs a bid_amount on each of its live ad sets. */
function strategyProblem(world: PlatformWorld, target: Campaign | AdGroup, strategy: string | undefined): SandboxResponse | null {
  if (strategy === undefined) return null;
  if (!BID_STRATEGIES.includes(strategy)) return invalidParameter(`Param bid_strategy must be one of {${BID_STRATEGIES.join(', ')}}`);
  if (!CAPPED.includes(strategy)) return null;
  const groups = 'campaignId' in target ? [target] : [...world.adGroups.values()].filter((g) => g.campaignId === target.id && currentValue(g.status) !== 'REMOVED');
  if ('campaignId' in target ? false : !target.budgetId) return invalidParameter('bid_strategy can be set on a campaign only when it has a campaign budget; set it on its ad sets');
  const missing = groups.find((g) => g.attrs.bid_amount === undefined);
  return missing ? graphError({ code: 100, subcode: 1815857, message: 'Invalid parameter', userTitle: 'Bid amount required', userMessage: `Ad set ${missing.id} needs a bid_amount for bid strategy ${strategy}.` }) : null;
}

/** POST /{id}: status, name, budget, bid and bid strategy changes (of the kind the object has) → {"success":true}. */
export function updateNode(ctx: SandboxContext, req: SandboxRequest, id: string): SandboxResponse | null {
  const w = ctx.sim.world().platforms.meta;
  const now = ctx.sim.clock.now();
  const target = w.campaigns.get(id) ?? w.adGroups.get(id) ?? w.ads.get(id);
  if (!target) return null;
  const kind = w.campaigns.has(id) ? 'campaign' : w.adGroups.has(id) ? 'adGroup' : 'ad';
  const unknown = unknownParam(req, kind);
  if (unknown) return invalidParameter(`Param ${unknown} is not a valid field of this object`);
  const account = w.accounts.get(target.accountId);
  const statusWord = param(req, 'status');
  const status = statusWord === undefined ? undefined : FROM_META_STATUS[statusWord];
  if (statusWord !== undefined && !status) return invalidParameter('Param status must be one of {ACTIVE, PAUSED, DELETED, ARCHIVED}');
  const stuck = frozen(target, status);
  if (stuck) return stuck;
  const name = param(req, 'name');
  if (name !== undefined && name.trim() === '') return invalidParameter('Param name must be a non-empty string');
  const budget = account ? budgetParam(req, account) : null;
  if (budget !== null && 'status' in budget) return budget;
  const budgetId = 'budgetId' in target ? target.budgetId : null;
  if (budget !== null && !budgetId) return invalidParameter('This object has no budget to change');
  if (budget !== null && 'attrs' in target && budget.kind !== budgetKindOf(target.attrs)) return budgetKindChange();
  const bid = bidAmount(req);
  if (typeof bid === 'object') return bid;
  const strategy = param(req, 'bid_strategy');
  if (kind !== 'ad' && !('adGroupId' in target)) {
    const problem = strategyProblem(w, target, strategy);
    if (problem) return problem;
  }
  if (name !== undefined) target.name = name;
  if (status) changeStatus(w, kind, id, status, now);
  if (bid !== undefined) target.attrs.bid_amount = bid;
  if (strategy !== undefined) target.attrs.bid_strategy = strategy;
  if (budget !== null && budgetId && !('adGroupId' in target)) {
    const schedule = scheduleOf(target.attrs);
    if (budget.kind === 'daily') changeBudgetAmount(w, budgetId, budget.micros, now);
    else {
      target.attrs.lifetime_budget = budget.minor;
      if (schedule) scheduleLifetime(w, budgetId, budget.micros, schedule.start, schedule.end, now);
    }
  }
  target.updatedAt = now;
  touchCampaign(w, 'campaignId' in target ? target.campaignId : target.id, now);
  return json(200, { success: true });
}
