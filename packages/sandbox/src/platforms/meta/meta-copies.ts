import { json, param, type SandboxRequest, type SandboxResponse } from '../../http/http.types.ts';
import type { SandboxContext } from '../../sandbox-context.ts';
import { currentValue, valueAt } from '../../simulator/timeline.ts';
import { nextCreatedId } from '../../simulator/world-ids.ts';
import { addAd, addAdGroup, addBudget, addCampaign } from '../../simulator/world-mutations.ts';
import type { Attrs, Campaign, EntityStatus, JsonValue, PlatformWorld } from '../../simulator/world.types.ts';
import { graphError, invalidParameter } from './meta-errors.ts';

const STATUS_OPTIONS = ['ACTIVE', 'PAUSED', 'INHERITED_FROM_SOURCE'];
const RENAME_STRATEGIES = ['DEEP_RENAME', 'ONLY_TOP_LEVEL_RENAME', 'NO_RENAME'];

const clone = (attrs: Attrs): Attrs => JSON.parse(JSON.stringify(attrs)) as Attrs;

const isResponse = (value: Record<string, JsonValue> | SandboxResponse): value is SandboxResponse => typeof value.status === 'number' && 'json' in value;

function jsonParam(req: SandboxRequest, name: string): Record<string, JsonValue> | null | SandboxResponse {
  const raw = param(req, name);
  if (raw === undefined) return null;
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return JSON.parse(raw) as Record<string, JsonValue>;
  } catch {
    // fall through to the refusal
  }
  return invalidParameter(`Param ${name} must be a JSON object`);
}

function copiedBudget(world: PlatformWorld, budgetId: string | null, newId: string, now: number): string | null {
  const budget = budgetId ? world.budgets.get(budgetId) : undefined;
  if (!budget) return null;
  return addBudget(world, { id: `${newId}-budget`, accountId: budget.accountId, name: `${budget.name} copy`, amountMicros: valueAt(budget.amountMicros, now), attrs: clone(budget.attrs) }, now).id;
}

/**
 * `POST /{campaign-id}/copies`: copies the campaign and, with `deep_copy`, its ad sets and ads.
 * `status_option` PAUSED (default), ACTIVE or INHERITED_FROM_SOURCE; `rename_options` a suffix
 * (default " - Copy") on the campaign only or on every object. Answers the new ids per source object.
 */
export function copyCampaign(ctx: SandboxContext, req: SandboxRequest, source: Campaign): SandboxResponse {
  const w = ctx.sim.world().platforms.meta;
  const now = ctx.sim.clock.now();
  if (currentValue(source.status) === 'REMOVED') return graphError({ code: 100, subcode: 1815002, message: 'Invalid parameter', userMessage: 'A deleted campaign cannot be copied.' });
  const statusOption = param(req, 'status_option') ?? 'PAUSED';
  if (!STATUS_OPTIONS.includes(statusOption)) return invalidParameter(`Param status_option must be one of {${STATUS_OPTIONS.join(', ')}}`);
  const options = jsonParam(req, 'rename_options');
  if (options !== null && isResponse(options)) return options;
  const strategy = String(options?.rename_strategy ?? 'ONLY_TOP_LEVEL_RENAME');
  if (!RENAME_STRATEGIES.includes(strategy)) return invalidParameter(`Param rename_options[rename_strategy] must be one of {${RENAME_STRATEGIES.join(', ')}}`);
  const renamed = (name: string, top: boolean) => (strategy === 'NO_RENAME' || (!top && strategy !== 'DEEP_RENAME') ? name : `${String(options?.rename_prefix ?? '')}${name}${String(options?.rename_suffix ?? ' - Copy')}`);
  const statusOf = (own: EntityStatus): EntityStatus => (statusOption === 'INHERITED_FROM_SOURCE' ? own : statusOption === 'ACTIVE' ? 'ENABLED' : 'PAUSED');
  const deep = param(req, 'deep_copy') === 'true';
  const campaignId = nextCreatedId(ctx.sim.seed, w, 'campaign');
  const budgetId = copiedBudget(w, source.budgetId, campaignId, now);
  addCampaign(ctx.sim.seed, w, {
    id: campaignId, accountId: source.accountId, name: renamed(source.name, true), status: statusOf(currentValue(source.status)), budgetId,
    referenceBudgetMicros: source.curve.halfSaturationMicros, attrs: clone(source.attrs),
  }, now);
  const ids: Array<{ ad_object_type: string; source_id: string; copied_id: string }> = [{ ad_object_type: 'campaign', source_id: source.id, copied_id: campaignId }];
  if (deep) {
    for (const group of [...w.adGroups.values()].filter((g) => g.campaignId === source.id && currentValue(g.status) !== 'REMOVED')) {
      const groupId = nextCreatedId(ctx.sim.seed, w, 'adGroup');
      addAdGroup(w, { id: groupId, campaignId, name: renamed(group.name, false), status: statusOf(currentValue(group.status)), budgetId: copiedBudget(w, group.budgetId, groupId, now), attrs: clone(group.attrs) }, now);
      ids.push({ ad_object_type: 'ad_set', source_id: group.id, copied_id: groupId });
      for (const ad of [...w.ads.values()].filter((a) => a.adGroupId === group.id && currentValue(a.status) !== 'REMOVED')) {
        const adId = nextCreatedId(ctx.sim.seed, w, 'ad');
        addAd(w, { id: adId, adGroupId: groupId, name: renamed(ad.name, false), status: statusOf(currentValue(ad.status)), attrs: clone(ad.attrs) }, now);
        ids.push({ ad_object_type: 'ad', source_id: ad.id, copied_id: adId });
      }
    }
  }
  return json(200, { copied_campaign_id: campaignId, ad_object_ids: ids });
}
