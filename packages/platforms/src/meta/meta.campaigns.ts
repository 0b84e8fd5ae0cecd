import { dayEndUtc, dayStartUtc } from '@adloop/engine';
import { validateNewCampaign, withSpecField } from '../create-campaign.ts';
import { PlatformError, type AccountRef, type Ad, type Campaign, type CampaignsApi, type Capabilities, type EntityStatus, type TokenSet } from '../types.ts';
import { actPath, metaCall, metaPage, text, type GraphRow, type MetaConfig } from './meta.http.ts';
import { listMetaAdAssets, pageFor } from './meta.assets.ts';
import { AD_SET_FIELDS, toAdSet } from './meta.changes.ts';
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
  campaigns: 'id,account_id,name,status,effective_status,objective,daily_budget,lifetime_budget,bid_strategy,updated_time',
  adsets: AD_SET_FIELDS,
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
    ...(text(row, 'bid_strategy') ? { bidStrategy: text(row, 'bid_strategy') } : {}),
  };
}

function checkId(id: string): void {
  if (!/^\d+$/.test(id)) throw new PlatformError('invalid_request', 'Meta object ids are numeric', { platform: 'meta', field: 'id' });
}

/** Ad-set optimization goal for each objective offered (ODAX: the goal must suit the objective); billed per impression. */
const OPTIMIZATION_GOAL: Record<string, string> = { OUTCOME_TRAFFIC: 'LINK_CLICKS', OUTCOME_AWARENESS: 'REACH', OUTCOME_ENGAGEMENT: 'LANDING_PAGE_VIEWS', OUTCOME_LEADS: 'LANDING_PAGE_VIEWS', OUTCOME_SALES: 'LANDING_PAGE_VIEWS' };

type Step = 'campaign' | 'adset' | 'creative' | 'ad';

/** The spec path a refused create step points at, from the parameter Graph blames or its message. */
function specField(step: Step, param: string | undefined, message: string): string | undefined {
  const about = `${param ?? ''} ${message}`;
  if (/budget/i.test(about)) return 'budget.amount';
  if (step === 'campaign') return param === 'objective' ? 'objective' : param === 'name' ? 'name' : undefined;
  if (step === 'adset') {
    if (param === 'name') return 'adGroup.name';
    if (/end_time/.test(about)) return 'endDate';
    if (/start_time/.test(about)) return 'startDate';
    if (/age_m(in|ax)/.test(about)) return /age_max/.test(about) ? 'adGroup.ageMax' : 'adGroup.ageMin';
    if (/targeting|countr|geo_locations/.test(about)) return 'adGroup.countries';
    return undefined;
  }
  if (step === 'creative') {
    if (/image_hash/.test(about)) return 'ad.assets.imageHash';
    if (/page_id/.test(about)) return 'ad.assets.pageId';
    if (/call_to_action/.test(about)) return 'ad.callToAction';
    if (/\blink\b|url/i.test(about)) return 'ad.finalUrl';
    if (/message/.test(about)) return 'ad.description';
    if (/\bname\b/.test(about)) return 'ad.headline';
    return 'ad';
  }
  return param === 'name' ? 'ad.name' : undefined;
}

/** Graph's time format with an explicit offset: `2026-07-01T04:00:00+0000`. */
const graphTimeOf = (instant: Date): string => instant.toISOString().replace(/\.\d{3}Z$/, '+0000');

/** Campaigns, ad sets and ads through the ad account's edges (cursor paging); changes are `POST /{id}`. */
export function createMetaCampaigns(config: MetaConfig, capabilities: Capabilities): CampaignsApi {
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
      return { items: result.rows.map((row) => toAdSet(row, account.currency)), nextPage: result.after };
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
    listAdAssets: (tokens, account) => listMetaAdAssets(config, tokens, account),
    async uploadImage(tokens, account, image) {
      const body = (await metaCall(config, `${actPath(account.platformAccountId)}/adimages`, { method: 'POST', params: { bytes: image.base64, name: image.name }, accessToken: tokens.accessToken })) as GraphRow;
      const images = body.images;
      const first = images && typeof images === 'object' ? Object.values(images as Record<string, { hash?: unknown }>)[0] : undefined;
      if (typeof first?.hash !== 'string') throw new PlatformError('transient', 'Meta did not return the hash of the uploaded image', { platform: 'meta' });
      return { id: first.hash };
    },
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
    /**
     * Campaign with the budget (CBO, so setBudget keeps working on it) → ad set with the targeting →
     * link-ad creative on the account's Page → ad. Graph has no transaction: when a later step is
     * refused, the campaign made so far is deleted again before the refusal is thrown.
     */
    async create(tokens, account, spec) {
      validateNewCampaign('meta', capabilities, account, spec);
      const pageId = await pageFor(config, tokens, account, spec.ad.assets?.pageId);
      const act = actPath(account.platformAccountId);
      const post = async (step: Step, edge: string, params: NonNullable<Parameters<typeof metaCall>[2]>['params']): Promise<string> => {
        try {
          const body = (await metaCall(config, `${act}/${edge}`, { method: 'POST', params, accessToken: tokens.accessToken })) as GraphRow;
          const id = text(body, 'id');
          if (!id) throw new PlatformError('transient', `Meta did not return the id of the new ${step}`, { platform: 'meta' });
          return id;
        } catch (error) {
          throw withSpecField(error, (param, message) => specField(step, param, message));
        }
      };
      const budgetField = spec.budget.kind === 'daily' ? 'daily_budget' : 'lifetime_budget';
      const campaignId = await post('campaign', 'campaigns', {
        name: spec.name,
        objective: spec.objective,
        status: spec.status === 'active' ? 'ACTIVE' : 'PAUSED',
        // Declares no special ad category (housing, employment, credit, politics): the wizard offers none.
        special_ad_categories: [],
        buying_type: 'AUCTION',
        bid_strategy: 'LOWEST_COST_WITHOUT_CAP',
        [budgetField]: microsToMinor(spec.budget.amount.micros, account.currency),
      });
      try {
        const { ageMin, ageMax } = spec.adGroup;
        const targeting = { geo_locations: { countries: spec.adGroup.countries }, ...(ageMin !== undefined ? { age_min: ageMin } : {}), ...(ageMax !== undefined ? { age_max: ageMax } : {}) };
        const endOf = (day: string) => dayEndUtc(day, account.timeZone);
        const adSetId = await post('adset', 'adsets', {
          name: spec.adGroup.name,
          campaign_id: campaignId,
          billing_event: 'IMPRESSIONS',
          optimization_goal: OPTIMIZATION_GOAL[spec.objective] ?? 'LINK_CLICKS',
          destination_type: 'WEBSITE',
          targeting,
          status: 'ACTIVE',
          ...(spec.startDate ? { start_time: graphTimeOf(dayStartUtc(spec.startDate, account.timeZone)) } : {}),
          ...(spec.endDate ? { end_time: graphTimeOf(endOf(spec.endDate)) } : {}),
        });
        const cta = spec.ad.callToAction ? { call_to_action: { type: spec.ad.callToAction, value: { link: spec.ad.finalUrl } } } : {};
        const creativeId = await post('creative', 'adcreatives', {
          name: `${spec.ad.name} creative`,
          // Headline → link_data.name, description → the primary text (link_data.message).
          object_story_spec: { page_id: pageId, link_data: { link: spec.ad.finalUrl, name: spec.ad.headline, message: spec.ad.description, ...(spec.ad.assets?.imageHash ? { image_hash: spec.ad.assets.imageHash } : {}), ...cta } },
        });
        const adId = await post('ad', 'ads', { name: spec.ad.name, adset_id: adSetId, creative: { creative_id: creativeId }, status: 'ACTIVE' });
        return { campaign: await getCampaign(tokens, account, campaignId), adGroupPlatformId: adSetId, adPlatformId: adId };
      } catch (error) {
        await metaCall(config, campaignId, { method: 'DELETE', accessToken: tokens.accessToken }).catch(() => undefined);
        throw error;
      }
    },
  };
}
