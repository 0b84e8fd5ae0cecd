import { z } from 'zod';
import { PlatformError, type AccountRef, type Campaign, type CampaignsApi, type TokenSet } from '../types.ts';
import { tiktokCall, type TikTokConfig } from './tiktok.http.ts';

type Row = Record<string, unknown>;
const tiktokText = (row: Row, key: string): string => (row[key] === undefined || row[key] === null ? '' : String(row[key]));
const Listing = z.object({ list: z.array(z.record(z.string(), z.unknown())), page_info: z.object({ page: z.number(), total_page: z.number() }) });

/** Ad-group fields a create takes back as they were read. */
const GROUP_FIELDS = ['billing_event', 'optimization_goal', 'placement_type', 'placements', 'location_ids', 'age_groups', 'bid_type', 'pacing', 'promotion_type'] as const;
/** Creative fields an ad/create takes back as they were read. */
const CREATIVE_FIELDS = ['identity_type', 'identity_id', 'display_name', 'ad_format', 'video_id', 'image_ids', 'ad_text', 'call_to_action', 'landing_page_url'] as const;

const tiktokTime = (instant: Date): string => instant.toISOString().slice(0, 19).replace('T', ' ');
const copied = (row: Row, fields: readonly string[]): Row => Object.fromEntries(fields.filter((f) => row[f] !== undefined && row[f] !== null && row[f] !== '').map((f) => [f, row[f]]));

/**
 * TikTok v1.3 has no copy of a whole campaign: reads the campaign, its ad groups and ads, and creates
 * them again. The campaign is disabled right after it is created (new campaigns start ENABLE), so
 * nothing of the copy can spend; its ad groups start now, keeping a future end time, and are created disabled.
 * When a later step is refused the copy is deleted again.
 */
export async function duplicateTikTokCampaign(
  config: TikTokConfig, campaigns: CampaignsApi, tokens: TokenSet, account: AccountRef, campaignId: string, name: string | undefined, now: () => Date,
): Promise<Campaign> {
  const advertiser_id = account.platformAccountId;
  const get = async (path: string, filtering: Row): Promise<Row[]> => {
    const rows: Row[] = [];
    for (let page = 1; ; page += 1) {
      const data = Listing.parse(await tiktokCall(config, path, { params: { advertiser_id, filtering, page, page_size: 100 }, accessToken: tokens.accessToken }));
      rows.push(...data.list);
      if (data.page_info.page >= data.page_info.total_page) return rows;
    }
  };
  const post = (path: string, params: Row) => tiktokCall(config, path, { method: 'POST', params: { advertiser_id, ...params }, accessToken: tokens.accessToken });
  const [source] = await get('campaign/get/', { campaign_ids: [campaignId] });
  if (!source) throw new PlatformError('not_found', `Campaign ${campaignId} not found`, { platform: 'tiktok' });
  const live = (row: Row) => tiktokText(row, 'operation_status') !== 'DELETE';
  const groups = (await get('adgroup/get/', { campaign_ids: [campaignId] })).filter(live);
  const ads = (await get('ad/get/', { campaign_ids: [campaignId] })).filter(live);
  const cbo = source.budget_optimize_on === true;
  const mode = tiktokText(source, 'budget_mode');
  const created = z.object({ campaign_id: z.coerce.string() }).parse(await post('campaign/create/', {
    campaign_name: name ?? `${tiktokText(source, 'campaign_name')} (copy)`,
    objective_type: tiktokText(source, 'objective_type'),
    budget_mode: mode,
    ...(mode === 'BUDGET_MODE_INFINITE' ? {} : { budget: source.budget }),
    ...(cbo ? { budget_optimize_on: true } : {}),
  }));
  const copyId = created.campaign_id;
  try {
    await post('campaign/status/update/', { campaign_ids: [copyId], operation_status: 'DISABLE' });
    const start = now();
    for (const group of groups) {
      const end = tiktokText(group, 'schedule_end_time');
      const keepsEnd = end !== '' && Date.parse(`${end.replace(' ', 'T')}Z`) > start.getTime() + 86_400_000;
      const groupMode = tiktokText(group, 'budget_mode');
      if (groupMode === 'BUDGET_MODE_TOTAL' && !keepsEnd) continue;
      const newGroup = z.object({ adgroup_id: z.coerce.string() }).parse(await post('adgroup/create/', {
        campaign_id: copyId,
        adgroup_name: tiktokText(group, 'adgroup_name'),
        ...copied(group, GROUP_FIELDS),
        ...(tiktokText(group, 'bid_type') === 'BID_TYPE_CUSTOM' ? { bid_price: group.bid_price } : {}),
        schedule_type: keepsEnd ? 'SCHEDULE_START_END' : 'SCHEDULE_FROM_NOW',
        schedule_start_time: tiktokTime(start),
        ...(keepsEnd ? { schedule_end_time: end } : {}),
        ...(cbo ? {} : { budget_mode: groupMode, ...(groupMode === 'BUDGET_MODE_INFINITE' ? {} : { budget: group.budget }) }),
        operation_status: 'DISABLE',
      }));
      const mine = ads.filter((ad) => tiktokText(ad, 'adgroup_id') === tiktokText(group, 'adgroup_id'));
      if (mine.length === 0) continue;
      await post('ad/create/', {
        adgroup_id: newGroup.adgroup_id,
        operation_status: 'DISABLE',
        creatives: mine.map((ad) => ({ ad_name: tiktokText(ad, 'ad_name'), ...copied(ad, CREATIVE_FIELDS) })),
      });
    }
    return await campaigns.getCampaign(tokens, account, copyId);
  } catch (error) {
    await post('campaign/status/update/', { campaign_ids: [copyId], operation_status: 'DELETE' }).catch(() => undefined);
    throw error;
  }
}
