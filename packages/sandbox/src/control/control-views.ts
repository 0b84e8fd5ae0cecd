import type { SandboxContext } from '../sandbox-context.ts';
import { currentValue } from '../simulator/timeline.ts';
import { PLATFORM_IDS, type JsonValue, type PlatformId } from '../simulator/world.types.ts';

const iso = (ms: number): string => new Date(ms).toISOString();

/** Seeded accounts and their objects (ids, names, statuses) for tests and the demo. */
export function worldSummary(ctx: SandboxContext, only: PlatformId | null): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {};
  for (const platform of only ? [only] : PLATFORM_IDS) {
    const w = ctx.sim.world().platforms[platform];
    out[platform] = [...w.accounts.values()].map((a) => ({
      id: a.id, name: a.name, currency: a.currency, timeZone: a.timeZone, isManager: a.isManager, managerId: a.managerId,
      campaigns: [...w.campaigns.values()].filter((c) => c.accountId === a.id).map((c) => ({
        id: c.id, name: c.name, status: currentValue(c.status), budgetId: c.budgetId,
        adGroups: [...w.adGroups.values()].filter((g) => g.campaignId === c.id).map((g) => ({
          id: g.id, name: g.name, ads: [...w.ads.values()].filter((ad) => ad.adGroupId === g.id).map((ad) => ad.id),
        })),
      })),
    }));
  }
  return out;
}

/** True response curves and anomaly labels: the answers AI features are scored against. */
export function groundTruth(ctx: SandboxContext, only: PlatformId | null): Record<string, JsonValue> {
  const world = ctx.sim.world();
  const platforms = only ? [only] : PLATFORM_IDS;
  return {
    now: iso(ctx.sim.clock.now()),
    historyStart: iso(world.anchor),
    campaigns: platforms.flatMap((platform) => [...world.platforms[platform].campaigns.values()].map((c) => ({
      platform, accountId: c.accountId, campaignId: c.id, name: c.name,
      responseCurve: {
        model: 'conversions/day = max · E^shape / (halfSaturation^shape + E^shape), E = adstocked daily spend',
        maxConversionsPerDay: c.curve.maxConversionsPerDay, halfSaturationMicros: Math.round(c.curve.halfSaturationMicros),
        shape: c.curve.shape, adstockDecayPerDay: c.curve.adstockDecay, averageOrderValue: c.curve.averageOrderValue,
      },
      market: { cpcMicros: c.market.cpcMicros, ctr: c.market.ctr },
    }))),
    anomalies: world.anomalies.filter((a) => platforms.includes(a.platform)).map((a) => ({
      id: a.id, kind: a.kind, platform: a.platform, accountId: a.accountId, campaignId: a.campaignId,
      start: iso(a.start), end: iso(a.end), magnitude: a.magnitude, origin: a.origin,
    })),
  };
}
