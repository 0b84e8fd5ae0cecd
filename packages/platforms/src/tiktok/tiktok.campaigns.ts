import { z } from 'zod';
import { countryInfo } from '../countries.ts';
import { dayEndUtc, dayStartUtc } from '@adloop/engine';
import { hasEmoji, validateNewCampaign, withSpecField } from '../create-campaign.ts';
import { PlatformError, type AccountRef, type Ad, type Campaign, type CampaignsApi, type Capabilities, type EntityStatus, type Money, type TokenSet } from '../types.ts';
import { listTikTokAdAssets } from './tiktok.assets.ts';
import { toTikTokAdGroup } from './tiktok.changes.ts';
import { tiktokCall, type TikTokConfig } from './tiktok.http.ts';
import { uploadTikTokImage, uploadTikTokVideo } from './tiktok.uploads.ts';
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

/** Billing event and optimization goal of the ad group for each objective offered. */
const DELIVERY: Record<string, { billing_event: string; optimization_goal: string }> = {
  TRAFFIC: { billing_event: 'CPC', optimization_goal: 'CLICK' },
  REACH: { billing_event: 'CPM', optimization_goal: 'REACH' },
  VIDEO_VIEWS: { billing_event: 'CPV', optimization_goal: 'VIDEO_VIEW' },
};

/** TikTok's age buckets; 55_100 is "55 and over". */
const AGE_GROUPS: ReadonlyArray<[group: string, from: number, to: number]> = [
  ['AGE_13_17', 13, 17], ['AGE_18_24', 18, 24], ['AGE_25_34', 25, 34], ['AGE_35_44', 35, 44], ['AGE_45_54', 45, 54], ['AGE_55_100', 55, 100],
];

/**
 * The age buckets that overlap `ageMin`–`ageMax` (65 = 65 and over); none given → no age targeting.
 * A bucket only partly inside the range is included, so the reach can be wider than asked (25–40 → 25–44).
 */
export function ageGroups(ageMin: number | undefined, ageMax: number | undefined): string[] | undefined {
  if (ageMin === undefined && ageMax === undefined) return undefined;
  const min = ageMin ?? 13;
  const max = ageMax === undefined || ageMax >= 65 ? 100 : ageMax;
  return AGE_GROUPS.filter(([, from, to]) => to >= min && from <= max).map(([group]) => group);
}

/** `2026-06-15 04:00:00`: TikTok schedule times, UTC+0. */
const tiktokTime = (instant: Date): string => instant.toISOString().slice(0, 19).replace('T', ' ');

type Step = 'campaign' | 'adgroup' | 'ad';

/** The spec path a refused create step points at, from the parameter TikTok's message names. */
function specField(step: Step, message: string): string | undefined {
  const rules: Array<[RegExp, string]> = [
    [/budget/, 'budget.amount'], [/campaign_name/, 'name'], [/objective_type/, 'objective'], [/adgroup_name/, 'adGroup.name'],
    [/location_ids/, 'adGroup.countries'], [/age_groups/, 'adGroup.ageMin'], [/schedule_end_time/, 'endDate'], [/schedule_start_time/, 'startDate'],
    [/ad_text/, 'ad.description'], [/landing_page_url/, 'ad.finalUrl'], [/call_to_action/, 'ad.callToAction'], [/image_ids/, 'ad.assets.imageHash'], [/video_id/, 'ad.assets.videoId'],
    [/identity|display_name/, 'ad.assets.identityId'], [/ad_name/, 'ad.name'],
  ];
  return rules.find(([pattern]) => pattern.test(message))?.[1] ?? (step === 'ad' ? 'ad' : undefined);
}

const Identities = z.object({ identity_list: z.array(z.object({ identity_id: z.string(), identity_type: z.string(), display_name: z.string().optional() })) });

/** The custom identity an ad runs as: the one named, or the advertiser's only one (`identity/get`). */
export async function tiktokIdentity(config: TikTokConfig, tokens: TokenSet, account: AccountRef, wanted: string | undefined): Promise<{ identity_id: string; identity_type: string; display_name: string }> {
  const data = Identities.parse(
    await tiktokCall(config, 'identity/get/', { params: { advertiser_id: account.platformAccountId, identity_type: 'CUSTOMIZED_USER', page_size: 100 }, accessToken: tokens.accessToken }),
  );
  const matches = data.identity_list.filter((i) => (wanted ? i.identity_id === wanted : true));
  const identity = matches.length === 1 ? matches[0] : undefined;
  if (!identity) {
    const why = wanted ? `Identity ${wanted} is not a custom identity of this advertiser.`
      : matches.length === 0 ? 'This advertiser has no custom identity (display name and avatar) to run ads as; create one in TikTok Ads Manager.'
        : 'This advertiser has several custom identities; choose the one the ad runs as.';
    throw new PlatformError('invalid_request', why, { platform: 'tiktok', field: 'ad.assets.identityId' });
  }
  return { identity_id: identity.identity_id, identity_type: identity.identity_type, display_name: identity.display_name ?? '' };
}

/** Campaigns, ad groups and ads with page/page_size paging; changes through status/update and update. */
export function createTikTokCampaigns(config: TikTokConfig, capabilities: Capabilities, now: () => Date = () => new Date()): CampaignsApi {
  async function list(tokens: TokenSet, account: AccountRef, path: string, page: string | null | undefined, filtering?: unknown) {
    const current = page ? Number(page) : 1;
    const data = Listing.parse(
      await tiktokCall(config, path, { params: { advertiser_id: account.platformAccountId, page: current, page_size: 100, ...(filtering ? { filtering } : {}) }, accessToken: tokens.accessToken }),
    );
    return { rows: data.list, nextPage: data.page_info.page < data.page_info.total_page ? String(data.page_info.page + 1) : null };
  }

  async function getCampaign(tokens: TokenSet, account: AccountRef, campaignId: string): Promise<Campaign> {
    const { rows } = await list(tokens, account, 'campaign/get/', null, { campaign_ids: [campaignId], primary_status: 'STATUS_ALL' });
    const row = rows[0];
    if (!row) throw new PlatformError('not_found', `Campaign ${campaignId} not found`, { platform: 'tiktok' });
    return toCampaign(row, account.currency);
  }

  const setCampaignStatus = (tokens: TokenSet, account: AccountRef, campaignId: string, status: 'ENABLE' | 'DISABLE' | 'DELETE') =>
    tiktokCall(config, 'campaign/status/update/', { method: 'POST', params: { advertiser_id: account.platformAccountId, campaign_ids: [campaignId], operation_status: status }, accessToken: tokens.accessToken });

  return {
    async listCampaigns(tokens, account, page) {
      const result = await list(tokens, account, 'campaign/get/', page);
      return { items: result.rows.map((row) => toCampaign(row, account.currency)), nextPage: result.nextPage };
    },
    async listAdGroups(tokens, account, page) {
      const result = await list(tokens, account, 'adgroup/get/', page);
      return { items: result.rows.map((row) => toTikTokAdGroup(row, account.currency)), nextPage: result.nextPage };
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
    listAdAssets: (tokens, account) => listTikTokAdAssets(config, tokens, account),
    uploadImage: (tokens, account, image) => uploadTikTokImage(config, tokens, account, image),
    uploadVideo: (tokens, account, video) => uploadTikTokVideo(config, tokens, account, video),
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
    /**
     * campaign/create → (pause) → adgroup/create → ad/create. A daily budget is a campaign budget with
     * budget optimization (CBO), so setBudget keeps driving spend; a lifetime budget (CBO takes daily
     * budgets only) goes on the campaign as a cap and on the ad group, which spends it over its schedule.
     * When a later step is refused the campaign is deleted again before the refusal is thrown.
     */
    async create(tokens, account, spec) {
      validateNewCampaign('tiktok', capabilities, account, spec);
      if (hasEmoji(spec.ad.description)) throw new PlatformError('invalid_request', 'TikTok ad text cannot contain emoji.', { platform: 'tiktok', field: 'ad.description' });
      const videoId = spec.ad.assets?.videoId ?? '';
      const identity = await tiktokIdentity(config, tokens, account, spec.ad.assets?.identityId);
      const advertiser_id = account.platformAccountId;
      const call = async (step: Step, path: string, params: Record<string, unknown>): Promise<unknown> => {
        try {
          return await tiktokCall(config, path, { method: 'POST', params: { advertiser_id, ...params }, accessToken: tokens.accessToken });
        } catch (error) {
          throw withSpecField(error, (_field, message) => specField(step, message));
        }
      };
      const budget = microsToMajor(spec.budget.amount.micros, account.currency);
      const lifetime = spec.budget.kind === 'lifetime';
      const delivery = DELIVERY[spec.objective] ?? { billing_event: 'CPC', optimization_goal: 'CLICK' };
      const created = z.object({ campaign_id: z.coerce.string() }).parse(await call('campaign', 'campaign/create/', {
        campaign_name: spec.name,
        objective_type: spec.objective,
        budget_mode: lifetime ? 'BUDGET_MODE_TOTAL' : 'BUDGET_MODE_DAY',
        budget,
        ...(lifetime ? {} : { budget_optimize_on: true, optimization_goal: delivery.optimization_goal }),
      }));
      const campaignId = created.campaign_id;
      try {
        // operation_status on create is for allowlisted apps only (new campaigns start ENABLE), so a paused
        // campaign is paused here, before it has anything that could spend.
        if (spec.status === 'paused') await setCampaignStatus(tokens, account, campaignId, 'DISABLE');
        const start = spec.startDate ? dayStartUtc(spec.startDate, account.timeZone) : null;
        const end = spec.endDate ? dayEndUtc(spec.endDate, account.timeZone) : null;
        const ages = ageGroups(spec.adGroup.ageMin, spec.adGroup.ageMax);
        const group = z.object({ adgroup_id: z.coerce.string() }).parse(await call('adgroup', 'adgroup/create/', {
          campaign_id: campaignId,
          adgroup_name: spec.adGroup.name,
          promotion_type: 'WEBSITE',
          placement_type: 'PLACEMENT_TYPE_AUTOMATIC',
          location_ids: spec.adGroup.countries.map((code) => countryInfo(code)?.geonameId ?? code),
          ...(ages ? { age_groups: ages } : {}),
          ...delivery,
          bid_type: 'BID_TYPE_NO_BID',
          pacing: 'PACING_MODE_SMOOTH',
          schedule_type: end ? 'SCHEDULE_START_END' : 'SCHEDULE_FROM_NOW',
          schedule_start_time: tiktokTime(start ?? now()),
          ...(end ? { schedule_end_time: tiktokTime(end) } : {}),
          ...(lifetime ? { budget_mode: 'BUDGET_MODE_TOTAL', budget } : {}),
        }));
        const ads = z.object({ ad_ids: z.array(z.coerce.string()).min(1) }).parse(await call('ad', 'ad/create/', {
          adgroup_id: group.adgroup_id,
          creatives: [{
            ad_name: spec.ad.name,
            identity_type: identity.identity_type,
            identity_id: identity.identity_id,
            display_name: identity.display_name,
            ad_format: 'SINGLE_VIDEO',
            video_id: videoId,
            // On a video ad, image_ids is the cover shown before it plays.
            ...(spec.ad.assets?.imageHash ? { image_ids: [spec.ad.assets.imageHash] } : {}),
            ad_text: spec.ad.description,
            landing_page_url: spec.ad.finalUrl,
            ...(spec.ad.callToAction ? { call_to_action: spec.ad.callToAction } : {}),
          }],
        }));
        return { campaign: await getCampaign(tokens, account, campaignId), adGroupPlatformId: group.adgroup_id, adPlatformId: ads.ad_ids[0] ?? '' };
      } catch (error) {
        await setCampaignStatus(tokens, account, campaignId, 'DELETE').catch(() => undefined);
        throw error;
      }
    },
  };
}
