import { z } from 'zod';
import { PlatformError, type AccountRef, type Ad, type AdGroup, type Campaign, type CampaignsApi, type EntityStatus, type Money, type TokenSet } from '../types.ts';
import { tiktokCall, type TikTokConfig } from './tiktok.http.ts';
import { majorToMicros, microsToMajor } from './tiktok.money.ts';

const PageInfo = z.object({ page: z.number(), total_page: z.number() });
const Listing = z.object({ list: z.array(z.record(z.string(), z.unknown())), page_info: PageInfo });
type Row = Record<string, unknown>;

const STATUS: Record<string, EntityStatus> = { ENABLE: 'active', DISABLE: 'paused', DELETE: 'removed' };
const text = (row: Row, key: string) => (row[key] === undefined || row[key] === null ? '' : String(row[key]));

function budgets(row: Row, currency: string): { daily: Money | null; lifetime: Money | null } {
  const amount: Money = { micros: majorToMicros(row.budget), currency };
  const mode = text(row, 'budget_mode');
  return { daily: mode === 'BUDGET_MODE_DAY' || mode === 'BUDGET_MODE_DYNAMIC_DAILY_BUDGET' ? amount : null, lifetime: mode === 'BUDGET_MODE_TOTAL' ? amount : null };
}

function toCampaign(row: Row, currency: string): Campaign {
  const raw = text(row, 'operation_status');
  const { daily, lifetime } = budgets(row, currency);
  return { platformId: text(row, 'campaign_id'), name: text(row, 'campaign_name'), status: STATUS[raw] ?? 'paused', objective: text(row, 'objective_type') || null, dailyBudget: daily, lifetimeBudget: lifetime, rawStatus: raw };
}

/** Campaigns, ad groups and ads with page/page_size paging; changes through status/update and update. */
export function createTikTokCampaigns(config: TikTokConfig): CampaignsApi {
  async function list(tokens: TokenSet, account: AccountRef, path: string, page: string | null | undefined, filtering?: unknown) {
    const current = page ? Number(page) : 1;
    const data = Listing.parse(
      await tiktokCall(config, path, { params: { advertiser_id: account.platformAccountId, page: current, page_size: 100, ...(filtering ? { filtering } : {}) }, accessToken: tokens.accessToken }),
    );
    return { rows: data.list, nextPage: data.page_info.page < data.page_info.total_page ? String(data.page_info.page + 1) : null };
  }

  async function getCampaign(tokens: TokenSet, account: AccountRef, campaignId: string): Promise<Campaign> {
    const { rows } = await list(tokens, account, 'campaign/get/', null, { campaign_ids: [campaignId] });
    const row = rows[0];
    if (!row) throw new PlatformError('not_found', `Campaign ${campaignId} not found`, { platform: 'tiktok' });
    return toCampaign(row, account.currency);
  }

  return {
    async listCampaigns(tokens, account, page) {
      const result = await list(tokens, account, 'campaign/get/', page);
      return { items: result.rows.map((row) => toCampaign(row, account.currency)), nextPage: result.nextPage };
    },
    async listAdGroups(tokens, account, page) {
      const result = await list(tokens, account, 'adgroup/get/', page);
      const items: AdGroup[] = result.rows.map((row) => ({
        platformId: text(row, 'adgroup_id'),
        campaignPlatformId: text(row, 'campaign_id'),
        name: text(row, 'adgroup_name'),
        status: STATUS[text(row, 'operation_status')] ?? 'paused',
        dailyBudget: budgets(row, account.currency).daily,
      }));
      return { items, nextPage: result.nextPage };
    },
    async listAds(tokens, account, page) {
      const result = await list(tokens, account, 'ad/get/', page);
      const items: Ad[] = result.rows.map((row) => ({
        platformId: text(row, 'ad_id'),
        adGroupPlatformId: text(row, 'adgroup_id'),
        campaignPlatformId: text(row, 'campaign_id'),
        name: text(row, 'ad_name'),
        status: STATUS[text(row, 'operation_status')] ?? 'paused',
      }));
      return { items, nextPage: result.nextPage };
    },
    getCampaign,
    async setStatus(tokens, account, campaignId, status) {
      await tiktokCall(config, 'campaign/status/update/', {
        method: 'POST',
        params: { advertiser_id: account.platformAccountId, campaign_ids: [campaignId], operation_status: status === 'active' ? 'ENABLE' : 'DISABLE' },
        accessToken: tokens.accessToken,
      });
      return getCampaign(tokens, account, campaignId);
    },
    async setBudget(tokens, account, campaignId, change) {
      if (change.amount.currency !== account.currency) throw new PlatformError('invalid_request', `Budget must be in ${account.currency}`, { platform: 'tiktok', field: 'budget' });
      await tiktokCall(config, 'campaign/update/', {
        method: 'POST',
        params: { advertiser_id: account.platformAccountId, campaign_id: campaignId, budget: microsToMajor(change.amount.micros, account.currency) },
        accessToken: tokens.accessToken,
      });
      return getCampaign(tokens, account, campaignId);
    },
  };
}
