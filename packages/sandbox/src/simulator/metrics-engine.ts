import { campaignTree } from './budget-allocation.ts';
import { reportedConversions } from './conversion-lag.ts';
import { addConversions, simulateDelivery, type CampaignDay } from './day-record.ts';
import { ADSTOCK_WINDOW_DAYS } from './response-curve.ts';
import { HOUR_MS, type SimClock } from './sim-clock.ts';
import { addDays, eachDay } from '@adloop/engine';
import { localDayAt } from './time-zone.ts';
import { addTotals, emptyTotals, type ReportQuery, type ReportRow } from './report.types.ts';
import type { Campaign, PlatformWorld, World } from './world.types.ts';

/** Computes metrics on demand from (seed, entity, hour) and the change log; caches campaign-days. */
export interface MetricsEngine {
  report(query: ReportQuery): ReportRow[];
  /** Eventual (matured) facts of one campaign-day, all hours including future ones. */
  campaignDay(world: PlatformWorld, campaign: Campaign, day: string): CampaignDay;
}

interface CacheEntry {
  revision: number;
  delivery: CampaignDay;
  complete: boolean;
}

export function createMetricsEngine(getWorld: () => World, clock: SimClock): MetricsEngine {
  const caches = new WeakMap<World, Map<string, CacheEntry>>();

  function cacheOf(world: World): Map<string, CacheEntry> {
    let cache = caches.get(world);
    if (!cache) {
      cache = new Map();
      caches.set(world, cache);
    }
    return cache;
  }

  function entry(pw: PlatformWorld, campaign: Campaign, day: string): CacheEntry {
    const world = getWorld();
    const cache = cacheOf(world);
    const key = `${pw.platform}|${campaign.id}|${day}`;
    const hit = cache.get(key);
    if (hit && hit.revision === campaign.revision) return hit;
    const account = pw.accounts.get(campaign.accountId);
    const timeZone = account?.timeZone ?? 'UTC';
    const delivery = simulateDelivery(world.seed, pw, campaignTree(pw, campaign), timeZone, day, world.anomalies);
    const fresh = { revision: campaign.revision, delivery, complete: false };
    cache.set(key, fresh);
    return fresh;
  }

  function campaignDay(pw: PlatformWorld, campaign: Campaign, day: string): CampaignDay {
    const e = entry(pw, campaign, day);
    if (!e.complete) {
      const prior: number[] = [];
      for (let i = 1; i < ADSTOCK_WINDOW_DAYS; i++) prior.push(entry(pw, campaign, addDays(day, -i)).delivery.effectiveMicros);
      const world = getWorld();
      addConversions(world.seed, campaignTree(pw, campaign), e.delivery, prior, world.anomalies);
      e.complete = true;
    }
    return e.delivery;
  }

  function report(q: ReportQuery): ReportRow[] {
    const world = getWorld();
    const pw = world.platforms[q.platform];
    const account = pw.accounts.get(q.accountId);
    if (!account) return [];
    const now = clock.now();
    const firstDay = localDayAt(account.timeZone, world.anchor);
    const today = localDayAt(account.timeZone, now);
    const since = q.since < firstDay ? firstDay : q.since;
    const until = q.until > today ? today : q.until;
    const rows = new Map<string, SortableRow>();
    const campaigns = [...pw.campaigns.values()].filter((c) => c.accountId === q.accountId && (!q.campaignIds || q.campaignIds.has(c.id)));
    for (const campaign of campaigns) {
      if (since > until) break;
      for (const day of eachDay(since, until)) {
        for (const f of campaignDay(pw, campaign, day).facts) {
          const hourEnd = (f.utcHour + 1) * HOUR_MS;
          if (hourEnd > now) continue;
          if (q.adGroupIds && !q.adGroupIds.has(f.adGroupId)) continue;
          if (q.adIds && !q.adIds.has(f.adId)) continue;
          const conversions = reportedConversions(f.conversions, (now - hourEnd) / HOUR_MS, world.seed, f.adId, f.utcHour);
          const value = f.conversions > 0 ? Math.round(((f.conversionValue * conversions) / f.conversions) * 100) / 100 : 0;
          const row = rowFor(rows, q, campaign.id, f.adGroupId, f.adId, day, f.localHour);
          addTotals(row.metrics, { impressions: f.impressions, clicks: f.clicks, spendMicros: f.spendMicros, conversions, conversionValue: value });
        }
      }
    }
    // Sorted by a key made once per row (campaign, ad group, ad, day, hour), not two per comparison.
    return [...rows.values()].sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0)).map((r) => r.row);
  }

  return { report, campaignDay };
}

interface SortableRow {
  row: ReportRow;
  sortKey: string;
}

/** The report row a fact adds to (made on its first fact). */
function rowFor(rows: Map<string, SortableRow>, q: ReportQuery, campaignId: string, adGroupId: string, adId: string, day: string, hour: number): ReportRow {
  const level = q.level;
  const c = level === 'account' ? null : campaignId;
  const g = level === 'adGroup' || level === 'ad' ? adGroupId : null;
  const a = level === 'ad' ? adId : null;
  const d = q.grain === 'total' ? null : day;
  const h = q.grain === 'hour' ? hour : null;
  const key = `${c}|${g}|${a}|${d}|${h}`;
  const existing = rows.get(key);
  if (existing) return existing.row;
  const row: ReportRow = { accountId: q.accountId, campaignId: c, adGroupId: g, adId: a, day: d, hour: h, metrics: emptyTotals() };
  rows.set(key, { row, sortKey: `${c ?? ''}|${g ?? ''}|${a ?? ''}|${d ?? ''}|${String(h ?? 0).padStart(2, '0')}` });
  return row;
}
