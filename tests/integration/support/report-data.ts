import { randomUUID } from 'node:crypto';
import type { MetricsRow } from '@adloop/platforms';
import { adAccounts, campaigns, platformConnections, type Db } from '@adloop/db';
import { addDays } from '@adloop/engine';
import { createMetricsRepository } from '../../../apps/server/src/modules/metrics/metrics.repository.ts';

const UNIT = 1_000_000;

/**
 * Seeds an organisation with ad accounts and campaigns and `days` of daily numbers ending the day
 * before `today` (deterministic: amounts follow the day and campaign index), as the sync would store them.
 */
export async function seedReportData(
  db: Db,
  orgId: string,
  options: { today: string; days: number; accounts: { name: string; platform: 'meta' | 'tiktok' | 'google_ads'; currency: string; campaigns: number }[]; now: Date },
): Promise<{ accountIds: string[]; campaignIds: string[] }> {
  const metrics = createMetricsRepository(db);
  const accountIds: string[] = [];
  const campaignIds: string[] = [];
  const farAway = new Date('2099-01-01T00:00:00Z');
  const since = addDays(options.today, -options.days);
  const until = addDays(options.today, -1);
  for (const [a, spec] of options.accounts.entries()) {
    const [connection] = await db.insert(platformConnections).values({ orgId, platform: spec.platform }).returning();
    const [account] = await db
      .insert(adAccounts)
      .values({ orgId, connectionId: connection!.id, platform: spec.platform, platformAccountId: `acct-${a}-${randomUUID().slice(0, 8)}`, name: spec.name, currency: spec.currency, timeZone: 'UTC', selected: true, nextSyncAt: farAway, metricsSyncedAt: options.now })
      .returning();
    accountIds.push(account!.id);
    const campaignRows = Array.from({ length: spec.campaigns }, (_, c) => ({
      id: randomUUID(), orgId, adAccountId: account!.id, platformId: `c-${a}-${c}`, name: `${spec.name} campaign ${c + 1}`, status: 'active' as const, rawStatus: 'ACTIVE', currency: spec.currency, dailyBudgetMicros: (50 + c) * UNIT, syncedAt: options.now,
    }));
    for (let i = 0; i < campaignRows.length; i += 500) await db.insert(campaigns).values(campaignRows.slice(i, i + 500));
    campaignIds.push(...campaignRows.map((c) => c.id));
    const rows: MetricsRow[] = [];
    for (let d = 0; d < options.days; d += 1) {
      const date = addDays(since, d);
      for (let c = 0; c < spec.campaigns; c += 1) {
        const clicks = 20 + ((d * 7 + c * 13 + a * 5) % 40);
        const spendMicros = clicks * (400_000 + ((c * 37 + d) % 9) * 50_000);
        const conversions = (d + c + a) % 5;
        rows.push({
          level: 'campaign', entityPlatformId: `c-${a}-${c}`, campaignPlatformId: `c-${a}-${c}`, date, hour: null, timeBasis: 'account',
          impressions: clicks * 30, clicks, spend: { micros: spendMicros, currency: spec.currency }, conversions, conversionValue: { micros: conversions * 45 * UNIT, currency: spec.currency },
        });
      }
    }
    for (let i = 0; i < rows.length; i += 5_000) await metrics.upsert(orgId, account!.id, rows.slice(i, i + 5_000), options.now);
    await metrics.refreshRollups(orgId, account!.id, spec.platform, since, until);
  }
  return { accountIds, campaignIds };
}
