import { currentValue, valueAt } from '../simulator/timeline.ts';
import type { Ad, AdGroup, Campaign, EntityStatus, JsonValue, PlatformWorld } from '../simulator/world.types.ts';

/** The level of an object, in Adloop's words (campaign_changes.entity_level). */
export type MutationLevel = 'campaign' | 'ad_group' | 'ad';

/** What the change log compares of one object: Adloop's field names, money in micros of the account currency. */
export type EntityFields = Record<string, JsonValue>;

const STATUS: Record<EntityStatus, string> = { ENABLED: 'active', PAUSED: 'paused', REMOVED: 'removed', ARCHIVED: 'archived' };
/** Meta counts money in minor units of its currency offset (JPY and a few others: whole units). */
const OFFSET_ONE = new Set(['CLP', 'COP', 'CRC', 'HUF', 'IDR', 'ISK', 'JPY', 'KRW', 'PYG', 'TWD']);

const numberOf = (value: JsonValue | undefined): number | null => {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  return Number.isFinite(n) ? n : null;
};

function budgetNow(world: PlatformWorld, budgetId: string | null, now: number): number | null {
  const budget = budgetId ? world.budgets.get(budgetId) : undefined;
  if (!budget) return null;
  return currentValue(budget.status) === 'REMOVED' ? 0 : valueAt(budget.amountMicros, now);
}

/** Daily and lifetime budget of an object as the platform declares it (the simulator spreads lifetime budgets over days). */
function budgets(world: PlatformWorld, entity: Campaign | AdGroup, now: number): EntityFields {
  const currency = world.accounts.get(entity.accountId)?.currency ?? 'USD';
  const attrs = entity.attrs;
  if (world.platform === 'meta') {
    const lifetime = numberOf(attrs.lifetime_budget);
    if (lifetime !== null) return { lifetime_budget: Math.round((lifetime * 1e6) / (OFFSET_ONE.has(currency) ? 1 : 100)) };
  }
  if (world.platform === 'tiktok' && typeof attrs.budget === 'number') {
    const micros = Math.round(attrs.budget * 1e6);
    if (attrs.budget_mode === 'BUDGET_MODE_TOTAL') return { lifetime_budget: micros };
    if (attrs.budget_mode !== 'BUDGET_MODE_INFINITE' && micros > 0) return { daily_budget: micros };
  }
  const daily = budgetNow(world, entity.budgetId, now);
  return daily === null ? {} : { daily_budget: daily };
}

/** The bid of an object in micros, from each platform's own attribute. */
function bid(world: PlatformWorld, entity: Campaign | AdGroup): EntityFields {
  const attrs = entity.attrs;
  const currency = world.accounts.get(entity.accountId)?.currency ?? 'USD';
  if (world.platform === 'google') {
    const micros = numberOf('campaignId' in entity ? attrs.cpcBidMicros : attrs.targetCpaMicros);
    return micros ? { bid: micros } : {};
  }
  if (world.platform === 'meta') {
    const minor = numberOf(attrs.bid_amount);
    return minor ? { bid: Math.round((minor * 1e6) / (OFFSET_ONE.has(currency) ? 1 : 100)) } : {};
  }
  const major = numberOf(attrs.bid_price);
  return major ? { bid: Math.round(major * 1e6) } : {};
}

function strategy(world: PlatformWorld, entity: Campaign | AdGroup): EntityFields {
  const word = world.platform === 'google' ? entity.attrs.biddingStrategyType : world.platform === 'meta' ? entity.attrs.bid_strategy : entity.attrs.bid_type;
  return typeof word === 'string' ? { bid_strategy: word } : {};
}

export function campaignFields(world: PlatformWorld, c: Campaign, now: number): EntityFields {
  const roas = world.platform === 'google' ? numberOf(c.attrs.targetRoas) : null;
  return {
    name: c.name, status: STATUS[currentValue(c.status)], ...budgets(world, c, now), ...strategy(world, c), ...bid(world, c),
    ...(roas ? { target_roas: roas } : {}),
  };
}

export function adGroupFields(world: PlatformWorld, g: AdGroup, now: number): EntityFields {
  return { name: g.name, status: STATUS[currentValue(g.status)], ...budgets(world, g, now), ...strategy(world, g), ...bid(world, g) };
}

export function adFields(ad: Ad): EntityFields {
  return { name: ad.name, status: STATUS[currentValue(ad.status)] };
}
