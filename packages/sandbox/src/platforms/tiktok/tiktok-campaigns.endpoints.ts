import { nextCreatedId } from '../../simulator/world-ids.ts';
import { addBudget, addCampaign, changeBudgetAmount, touchCampaign } from '../../simulator/world-mutations.ts';
import type { Campaign } from '../../simulator/world.types.ts';
import { dailyMicrosOf, readBudget } from './tiktok-budget.ts';
import { endpoint, type EndpointInput, type TikTokEndpoint } from './tiktok-endpoint.types.ts';
import { isFailure, ok, type TikTokResult } from './tiktok-envelope.ts';
import { byNameContains, byValues, listViews } from './tiktok-listing.ts';
import { invalid, missing, oneOf, optionalBoolean, optionalStringList, optionalText, requiredText, textOr } from './tiktok-params.ts';
import { editable, isDeleted, updateStatuses } from './tiktok-status.ts';
import { checkText, NAME_MAX } from './tiktok-text.ts';
import { CAMPAIGN_FIELDS, campaignView, isCbo } from './tiktok-views.ts';
import { BUDGET_MODES, CAMPAIGN_TYPES, FROM_WORD, CREATE_STATUSES, OBJECTIVE_TYPES, SPECIAL_INDUSTRIES, type BudgetMode } from './tiktok-words.ts';


function uniqueName(campaigns: Iterable<Campaign>, accountId: string, name: string, except?: string): boolean {
  for (const c of campaigns) if (c.accountId === accountId && c.id !== except && c.name === name && !isDeleted(c)) return false;
  return true;
}

function create({ ctx, params, account, world, now }: EndpointInput): TikTokResult {
  if (!account) return missing('advertiser_id');
  const name = requiredText(params, 'campaign_name');
  if (isFailure(name)) return name;
  const nameProblem = checkText('campaign_name', name, { max: NAME_MAX });
  if (nameProblem) return nameProblem;
  if (!uniqueName(world.campaigns.values(), account.id, name)) return invalid('campaign_name', 'Campaign name already exists. Please use a different name.');
  const objectiveWord = requiredText(params, 'objective_type');
  if (isFailure(objectiveWord)) return objectiveWord;
  const objective = oneOf('objective_type', objectiveWord, OBJECTIVE_TYPES);
  if (isFailure(objective)) return objective;
  const modeWord = requiredText(params, 'budget_mode');
  if (isFailure(modeWord)) return modeWord;
  const mode = oneOf('budget_mode', modeWord, BUDGET_MODES);
  if (isFailure(mode)) return mode;
  const cbo = optionalBoolean(params, 'budget_optimize_on');
  if (isFailure(cbo)) return cbo;
  if (cbo && mode !== 'BUDGET_MODE_DAY') return invalid('budget_optimize_on', 'Campaign budget optimization requires budget_mode BUDGET_MODE_DAY.');
  const budget = readBudget(params, account, 'campaign', mode);
  if (isFailure(budget)) return budget;
  const industries = optionalStringList(params, 'special_industries');
  if (isFailure(industries)) return industries;
  for (const i of industries ?? []) { const v = oneOf('special_industries', i, SPECIAL_INDUSTRIES); if (isFailure(v)) return v; }
  const typeWord = textOr(params, 'campaign_type', 'REGULAR_CAMPAIGN');
  if (isFailure(typeWord)) return typeWord;
  const type = oneOf('campaign_type', typeWord, CAMPAIGN_TYPES);
  if (isFailure(type)) return type;
  const initial = textOr(params, 'operation_status', 'ENABLE');
  if (isFailure(initial)) return initial;
  const statusWord = oneOf('operation_status', initial, CREATE_STATUSES);
  if (isFailure(statusWord)) return statusWord;
  const id = nextCreatedId(ctx.sim.seed, world, 'campaign');
  const dailyMicros = budget === undefined ? 0 : dailyMicrosOf(mode, budget, 30);
  const budgetId = cbo && budget !== undefined ? addBudget(world, { id: `${id}-budget`, accountId: account.id, name: `${name} budget`, amountMicros: dailyMicros }, now).id : null;
  const campaign = addCampaign(ctx.sim.seed, world, {
    id, accountId: account.id, name, status: FROM_WORD[statusWord], budgetId, referenceBudgetMicros: dailyMicros,
    attrs: { objective_type: objective, budget_mode: mode, budget: budget ?? 0, budget_optimize_on: cbo === true, campaign_type: type, special_industries: industries ?? [] },
  }, now);
  return ok(campaignView(world, campaign));
}

function update({ params, account, world, now }: EndpointInput): TikTokResult {
  if (!account) return missing('advertiser_id');
  const id = requiredText(params, 'campaign_id');
  if (isFailure(id)) return id;
  const campaign = editable(world.campaigns.get(id), 'campaign', id, account.id);
  if (isFailure(campaign)) return campaign;
  const name = optionalText(params, 'campaign_name');
  if (isFailure(name)) return name;
  if (name !== undefined) {
    const problem = checkText('campaign_name', name, { max: NAME_MAX });
    if (problem) return problem;
    if (!uniqueName(world.campaigns.values(), account.id, name, id)) return invalid('campaign_name', 'Campaign name already exists. Please use a different name.');
  }
  const currentMode = String(campaign.attrs.budget_mode ?? 'BUDGET_MODE_DAY');
  const modeWord = optionalText(params, 'budget_mode');
  if (isFailure(modeWord)) return modeWord;
  if (modeWord !== undefined && modeWord !== currentMode) return invalid('budget_mode', 'The budget mode cannot be changed after the campaign is created.');
  const mode = oneOf('budget_mode', currentMode, BUDGET_MODES);
  if (isFailure(mode)) return mode;
  const budget = readBudget(params, account, 'campaign', mode, 1, false);
  if (isFailure(budget)) return budget;
  if (params.budget !== undefined && mode === 'BUDGET_MODE_INFINITE') return invalid('budget', 'A campaign with BUDGET_MODE_INFINITE has no budget to change.');
  const industries = optionalStringList(params, 'special_industries');
  if (isFailure(industries)) return industries;
  if (industries && industries.length > 0) return invalid('special_industries', 'special_industries can only be cleared after creation.');
  if (name !== undefined) campaign.name = name;
  if (industries) campaign.attrs.special_industries = [];
  if (budget !== undefined) applyCampaignBudget(world, campaign, mode, budget, now);
  touchCampaign(world, campaign.id, now);
  return ok(campaignView(world, campaign));
}

function applyCampaignBudget(world: EndpointInput['world'], campaign: Campaign, mode: BudgetMode, budget: number, now: number): void {
  campaign.attrs.budget = budget;
  if (isCbo(campaign) && campaign.budgetId) changeBudgetAmount(world, campaign.budgetId, dailyMicrosOf(mode, budget, 30), now);
}

export function tiktokCampaignEndpoints(): TikTokEndpoint[] {
  const rules = { campaign_ids: byValues('campaign_id'), campaign_name: byNameContains('campaign_name'), objective_type: byValues('objective_type'), secondary_status: byValues('secondary_status'), budget_mode: byValues('budget_mode') };
  return [
    endpoint('GET', 'campaign/get/', ({ params, account, world }) => {
      const views = [...world.campaigns.values()].filter((c) => c.accountId === account?.id).map((c) => campaignView(world, c));
      return listViews(params, views, rules, CAMPAIGN_FIELDS);
    }),
    endpoint('POST', 'campaign/create/', create),
    endpoint('POST', 'campaign/update/', update),
    endpoint('POST', 'campaign/status/update/', (input) => updateStatuses('campaign', input)),
  ];
}
