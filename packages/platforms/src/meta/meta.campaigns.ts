import { PlatformError, type AccountRef, type Ad, type AdGroup, type Campaign, type CampaignsApi, type EntityStatus, type TokenSet } from '../types.ts';
import { actPath, metaCall, metaPage, text, type GraphRow, type MetaConfig } from './meta.http.ts';
import { budgetMoney, microsToMinor } from './meta.money.ts';

const STATUS: Record<string, EntityStatus> = { ACTIVE: 'active', PAUSED: 'paused', DELETED: 'removed', ARCHIVED: 'archived' };
const toStatus = (row: GraphRow): EntityStatus => STATUS[text(row, 'status')] ?? 'paused';

/**
 * Without an `effective_status` filter Graph hides archived objects (and ad sets or ads under a paused
 * parent in some versions); we ask for every state except DELETED, per edge's own enum.
 */
const VISIBLE: Record<'campaigns' | 'adsets' | 'ads', string[]> = {
  campaigns: ['ACTIVE', 'PAUSED', 'ARCHIVED', 'IN_PROCESS', 'WITH_ISSUES'],
  adsets: ['ACTIVE', 'PAUSED', 'CAMPAIGN_PAUSED', 'ARCHIVED', 'IN_PROCESS', 'WITH_ISSUES'],
  ads: ['ACTIVE', 'PAUSED', 'CAMPAIGN_PAUSED', 'ADSET_PAUSED', 'ARCHIVED', 'IN_PROCESS', 'WITH_ISSUES', 'PENDING_REVIEW', 'DISAPPROVED', 'PREAPPROVED', 'PENDING_BILLING_INFO'],
};

const FIELDS = {
  campaigns: 'id,account_id,name,status,effective_status,objective,daily_budget,lifetime_budget,updated_time',
  adsets: 'id,campaign_id,name,status,effective_status,daily_budget,lifetime_budget',
  ads: 'id,campaign_id,adset_id,name,status,effective_status',
};

const PAGE_SIZE = 100;

/** Graph writes `2026-06-15T12:00:00+0000`; Date.parse wants `+00:00`. */
function graphTime(value: string): Date | undefined {
  const time = Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isFinite(time) ? new Date(time) : undefined;
}

function toCampaign(row: GraphRow, currency: string): Campaign {
  const raw = text(row, 'status');
  return {
    platformId: text(row, 'id'),
    name: text(row, 'name'),
    status: toStatus(row),
    objective: text(row, 'objective') || null,
    // Only campaign-budget (CBO) campaigns carry budgets; otherwise they live on the ad sets.
    dailyBudget: budgetMoney(row.daily_budget, currency),
    lifetimeBudget: budgetMoney(row.lifetime_budget, currency),
    rawStatus: raw,
    updatedAt: graphTime(text(row, 'updated_time')),
  };
}

function checkId(id: string): void {
  if (!/^\d+$/.test(id)) throw new PlatformError('invalid_request', 'Meta object ids are numeric', { platform: 'meta', field: 'id' });
}

/** Campaigns, ad sets and ads through the ad account's edges (cursor paging); changes are `POST /{id}`. */
export function createMetaCampaigns(config: MetaConfig): CampaignsApi {
  const list = (tokens: TokenSet, account: AccountRef, edge: keyof typeof FIELDS, after: string | null | undefined) =>
    metaPage(config, `${actPath(account.platformAccountId)}/${edge}`, tokens.accessToken, { fields: FIELDS[edge], effective_status: VISIBLE[edge], limit: PAGE_SIZE }, after);

  async function getCampaign(tokens: TokenSet, account: AccountRef, campaignId: string): Promise<Campaign> {
    checkId(campaignId);
    const row = (await metaCall(config, campaignId, { params: { fields: FIELDS.campaigns }, accessToken: tokens.accessToken })) as GraphRow;
    // Graph answers any object id; a campaign has an objective and belongs to this account.
    const owner = text(row, 'account_id');
    if (!text(row, 'objective') || (owner && owner !== actPath(account.platformAccountId).slice(4))) {
      throw new PlatformError('not_found', `Campaign ${campaignId} not found in account ${account.platformAccountId}`, { platform: 'meta' });
    }
    return toCampaign(row, account.currency);
  }

  async function update(tokens: TokenSet, id: string, params: Record<string, string>): Promise<void> {
    checkId(id);
    await metaCall(config, id, { method: 'POST', params, accessToken: tokens.accessToken });
  }

  return {
    async listCampaigns(tokens, account, page) {
      const result = await list(tokens, account, 'campaigns', page);
      return { items: result.rows.map((row) => toCampaign(row, account.currency)), nextPage: result.after };
    },
    async listAdGroups(tokens, account, page) {
      const result = await list(tokens, account, 'adsets', page);
      const items: AdGroup[] = result.rows.map((row) => ({
        platformId: text(row, 'id'),
        campaignPlatformId: text(row, 'campaign_id'),
        name: text(row, 'name'),
        status: toStatus(row),
        dailyBudget: budgetMoney(row.daily_budget, account.currency),
      }));
      return { items, nextPage: result.after };
    },
    async listAds(tokens, account, page) {
      const result = await list(tokens, account, 'ads', page);
      const items: Ad[] = result.rows.map((row) => ({
        platformId: text(row, 'id'),
        adGroupPlatformId: text(row, 'adset_id'),
        campaignPlatformId: text(row, 'campaign_id'),
        name: text(row, 'name'),
        status: toStatus(row),
      }));
      return { items, nextPage: result.after };
    },
    getCampaign,
    async setStatus(tokens, account, campaignId, status) {
      await update(tokens, campaignId, { status: status === 'active' ? 'ACTIVE' : 'PAUSED' });
      return getCampaign(tokens, account, campaignId);
    },
    async setBudget(tokens, account, campaignId, change) {
      if (change.amount.currency !== account.currency) throw new PlatformError('invalid_request', `Budget must be in ${account.currency}`, { platform: 'meta', field: 'budget.currency' });
      const field = change.kind === 'daily' ? 'daily_budget' : 'lifetime_budget';
      await update(tokens, campaignId, { [field]: microsToMinor(change.amount.micros, account.currency) });
      return getCampaign(tokens, account, campaignId);
    },
  };
}
