import { createRng, hash32, type SequentialRng } from './prng.ts';
import { DAY_MS, HOUR_MS } from './sim-clock.ts';
import { setFrom, timelineOf } from './timeline.ts';
import type { ResponseCurve } from './response-curve.ts';
import {
  ACCOUNT_SPECS, AD_GROUP_THEMES, CAMPAIGN_THEMES, CURRENCY_SCALE, MANAGER_NAMES,
  seededAdAttrs, seededAdGroupAttrs, seededCampaignAttrs,
} from './world-catalog.ts';
import { platformId } from './world-ids.ts';
import {
  ANOMALY_KINDS, PLATFORM_IDS, type Account, type Anomaly, type Campaign, type PlatformId, type PlatformWorld, type World,
} from './world.types.ts';

/** Days of history before the clock's start. */
export const HISTORY_DAYS = 200;
const CAMPAIGNS_PER_ACCOUNT = 3;
const AD_GROUPS_PER_CAMPAIGN = 2;
const ADS_PER_AD_GROUP = 2;

/** Typical cost per click (USD) and click-through rate by platform. */
const MARKET: Record<PlatformId, { cpc: [number, number]; ctr: [number, number] }> = {
  google: { cpc: [0.6, 2.4], ctr: [0.03, 0.08] },
  meta: { cpc: [0.4, 1.4], ctr: [0.008, 0.02] },
  tiktok: { cpc: [0.2, 0.8], ctr: [0.005, 0.015] },
};

function between(rng: SequentialRng, [lo, hi]: [number, number]): number {
  return lo + (hi - lo) * rng.next();
}

function seedCurve(rng: SequentialRng, budgetMicros: number, scale: number): ResponseCurve {
  const shape = between(rng, [0.7, 1.2]);
  const halfSaturationMicros = budgetMicros * between(rng, [0.6, 2]);
  const targetCpa = between(rng, [15, 60]) * scale * 1e6;
  const atBudget = budgetMicros / targetCpa;
  const ratio = Math.pow(halfSaturationMicros / budgetMicros, shape);
  return {
    maxConversionsPerDay: atBudget * (1 + ratio),
    halfSaturationMicros,
    shape,
    adstockDecay: between(rng, [0.2, 0.6]),
    averageOrderValue: Math.round(between(rng, [40, 160]) * scale * 100) / 100,
  };
}

function seedHistoryChanges(rng: SequentialRng, world: PlatformWorld, campaign: Campaign, anchor: number, start: number): void {
  const budget = campaign.budgetId ? world.budgets.get(campaign.budgetId) : undefined;
  if (budget && rng.next() < 0.5) {
    const at = anchor + rng.int(30, HISTORY_DAYS - 20) * DAY_MS + rng.int(0, 23) * HOUR_MS;
    const first = budget.amountMicros.points[0]?.value ?? 0;
    setFrom(budget.amountMicros, at, Math.round((first * between(rng, [0.6, 1.6])) / 1e4) * 1e4);
  }
  if (rng.next() < 0.25) {
    const pauseAt = anchor + rng.int(40, HISTORY_DAYS - 30) * DAY_MS + rng.int(0, 23) * HOUR_MS;
    campaign.status.points.push({ at: pauseAt, value: 'PAUSED' }, { at: pauseAt + rng.int(3, 10) * DAY_MS, value: 'ENABLED' });
  }
  campaign.updatedAt = Math.min(start, Math.max(...campaign.status.points.map((p) => p.at)));
}

function seedAccount(seed: number, rng: SequentialRng, world: PlatformWorld, account: Account, anchor: number, start: number): void {
  const p = world.platform;
  const scale = CURRENCY_SCALE[account.currency] ?? 1;
  for (let c = 0; c < CAMPAIGNS_PER_ACCOUNT; c++) {
    const ordinal = world.campaigns.size;
    const id = platformId(seed, p, 'campaign', ordinal);
    const createdAt = anchor + rng.int(0, 15) * DAY_MS;
    const budgetMicros = Math.round(rng.int(5, 40) * 10 * scale) * 1e6;
    const budgetId = platformId(seed, p, 'budget', ordinal);
    world.budgets.set(budgetId, {
      id: budgetId, accountId: account.id, name: `Budget ${ordinal + 1}`, amountMicros: timelineOf(createdAt, budgetMicros),
      status: timelineOf(createdAt, 'ENABLED'), createdAt, attrs: { deliveryMethod: 'STANDARD', explicitlyShared: false },
    });
    const name = `${rng.pick(CAMPAIGN_THEMES)} ${c + 1} – ${account.currency}`;
    const market = MARKET[p];
    const campaign: Campaign = {
      id, accountId: account.id, name, status: timelineOf(createdAt, 'ENABLED'), createdAt, updatedAt: createdAt,
      attrs: seededCampaignAttrs(p, c), budgetId, curve: seedCurve(rng, budgetMicros, scale), revision: 0,
      market: { cpcMicros: Math.round(between(rng, market.cpc) * scale * 1e6), ctr: between(rng, market.ctr) },
    };
    world.campaigns.set(id, campaign);
    for (let g = 0; g < AD_GROUPS_PER_CAMPAIGN; g++) {
      const groupId = platformId(seed, p, 'adGroup', world.adGroups.size);
      world.adGroups.set(groupId, {
        id: groupId, accountId: account.id, campaignId: id, name: `${rng.pick(AD_GROUP_THEMES)} ${g + 1}`, budgetId: null,
        weight: between(rng, [0.5, 1.5]), status: timelineOf(createdAt, 'ENABLED'), createdAt, updatedAt: createdAt, attrs: seededAdGroupAttrs(p),
      });
      for (let a = 0; a < ADS_PER_AD_GROUP; a++) {
        const adId = platformId(seed, p, 'ad', world.ads.size);
        world.ads.set(adId, {
          id: adId, accountId: account.id, campaignId: id, adGroupId: groupId, name: `Ad ${a + 1}`, weight: between(rng, [0.4, 1.6]),
          status: timelineOf(createdAt, 'ENABLED'), createdAt, updatedAt: createdAt, attrs: seededAdAttrs(p, name, a),
        });
      }
    }
    seedHistoryChanges(rng, world, campaign, anchor, start);
  }
}

function seedPlatform(seed: number, platform: PlatformId, anchor: number, start: number): PlatformWorld {
  const rng = createRng(hash32(seed, platform));
  const world: PlatformWorld = {
    platform, accounts: new Map(), budgets: new Map(), campaigns: new Map(), adGroups: new Map(), ads: new Map(), createdCount: 0,
  };
  const managerId = platformId(seed, platform, 'account', 99);
  world.accounts.set(managerId, {
    platform, id: managerId, name: MANAGER_NAMES[platform], currency: 'USD', timeZone: 'America/New_York', isManager: true,
    managerId: null, createdAt: anchor, attrs: {},
  });
  ACCOUNT_SPECS[platform].forEach((spec, i) => {
    const id = platformId(seed, platform, 'account', i);
    const account: Account = {
      platform, id, name: spec.name, currency: spec.currency, timeZone: spec.timeZone, isManager: false,
      managerId: spec.underManager ? managerId : null, createdAt: anchor, attrs: {},
    };
    world.accounts.set(id, account);
    seedAccount(seed, rng, world, account, anchor, start);
  });
  return world;
}

function seedAnomalies(seed: number, worlds: Record<PlatformId, PlatformWorld>, anchor: number): Anomaly[] {
  const rng = createRng(hash32(seed, 'anomalies'));
  const out: Anomaly[] = [];
  for (const platform of PLATFORM_IDS) {
    const campaigns = [...worlds[platform].campaigns.values()];
    for (let i = 0; i < 2; i++) {
      const campaign = rng.pick(campaigns);
      const kind = rng.pick(ANOMALY_KINDS);
      const start = anchor + rng.int(60, HISTORY_DAYS - 10) * DAY_MS + rng.int(0, 23) * HOUR_MS;
      out.push({
        id: `seeded-${platform}-${i + 1}`, kind, platform, accountId: campaign.accountId, campaignId: campaign.id,
        start, end: start + rng.int(12, 60) * HOUR_MS, magnitude: defaultMagnitude(kind), origin: 'seeded',
      });
    }
  }
  return out;
}

export function defaultMagnitude(kind: Anomaly['kind']): number {
  const magnitudes: Record<Anomaly['kind'], number> = { tracking_outage: 0.02, cpc_spike: 2.5, delivery_stall: 0.03, budget_overspend: 1.8 };
  return magnitudes[kind];
}

/** Builds the whole world for `seed`; history starts HISTORY_DAYS before `start` (UTC midnight). */
export function seedWorld(seed: number, start: number): World {
  const anchor = Math.floor(start / DAY_MS) * DAY_MS - HISTORY_DAYS * DAY_MS;
  const platforms: Record<PlatformId, PlatformWorld> = {
    google: seedPlatform(seed, 'google', anchor, start),
    meta: seedPlatform(seed, 'meta', anchor, start),
    tiktok: seedPlatform(seed, 'tiktok', anchor, start),
  };
  return { seed, anchor, platforms, anomalies: seedAnomalies(seed, platforms, anchor) };
}
