import { describe, expect, it } from 'vitest';
import { dayStartUtc } from '@adloop/engine';
import { validateNewCampaign } from './create-campaign.ts';
import { GOOGLE_ADS_CAPABILITIES } from './google-ads/google-ads.adapter.ts';
import { campaignCreateOperations, excludedAgeRanges } from './google-ads/google-ads.campaigns.ts';
import { META_CAPABILITIES } from './meta/meta.adapter.ts';
import { ageGroups } from './tiktok/tiktok.campaigns.ts';
import { TIKTOK_CAPABILITIES } from './tiktok/tiktok.adapter.ts';
import { PlatformError, type AccountRef, type Capabilities, type NewCampaignSpec, type PlatformId } from './types.ts';

const usd: AccountRef = { platformAccountId: '1234567890', currency: 'USD', timeZone: 'America/New_York' };

function spec(over: Partial<NewCampaignSpec> = {}, ad: Partial<NewCampaignSpec['ad']> = {}): NewCampaignSpec {
  return {
    name: 'Spring', objective: 'SEARCH', status: 'paused', budget: { kind: 'daily', amount: { micros: 20_000_000, currency: 'USD' } },
    adGroup: { name: 'G', countries: ['US'] },
    ad: { name: 'A', headline: 'Trail shoes', description: 'Shoes for every trail.', finalUrl: 'https://example.com/', extraHeadlines: ['Free returns', 'Spring range'], extraDescriptions: ['Order today.'], ...ad },
    ...over,
  };
}

function refusal(platform: PlatformId, capabilities: Capabilities, s: NewCampaignSpec, account: AccountRef = usd): string | undefined {
  try {
    validateNewCampaign(platform, capabilities, account, s);
  } catch (error) {
    if (error instanceof PlatformError && error.kind === 'invalid_request') return error.details.field;
    throw error;
  }
  return undefined;
}

describe('campaign creation checks', () => {
  it('finds the UTC instant a day starts in a time zone, across DST', () => {
    expect(dayStartUtc('2026-07-01', 'America/New_York').toISOString()).toBe('2026-07-01T04:00:00.000Z');
    expect(dayStartUtc('2026-01-15', 'America/New_York').toISOString()).toBe('2026-01-15T05:00:00.000Z');
    expect(dayStartUtc('2026-03-29', 'Europe/Berlin').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(dayStartUtc('2026-06-15', 'Asia/Tokyo').toISOString()).toBe('2026-06-14T15:00:00.000Z');
  });

  it('accepts a valid spec and names the field of each refusal', () => {
    const g: [PlatformId, Capabilities] = ['google_ads', GOOGLE_ADS_CAPABILITIES];
    expect(refusal(...g, spec())).toBeUndefined();
    expect(refusal(...g, spec({ objective: 'DISPLAY' }))).toBe('objective');
    expect(refusal(...g, spec({ budget: { kind: 'daily', amount: { micros: 500_000, currency: 'USD' } } }))).toBe('budget.amount');
    expect(refusal(...g, spec({ budget: { kind: 'daily', amount: { micros: 20_000_000, currency: 'EUR' } } }))).toBe('budget.currency');
    expect(refusal(...g, spec({ budget: { kind: 'lifetime', amount: { micros: 20_000_000, currency: 'USD' } } }))).toBe('budget.kind');
    expect(refusal(...g, spec({}, { headline: 'H'.repeat(31) }))).toBe('ad.headline');
    expect(refusal(...g, spec({}, { headline: '日本茶のお店、静岡の新茶を今すぐ' }))).toBe('ad.headline');
    expect(refusal(...g, spec({}, { extraHeadlines: ['Free returns'] }))).toBe('ad.extraHeadlines');
    expect(refusal(...g, spec({}, { extraHeadlines: ['Free returns', 'trail shoes'] }))).toBe('ad.extraHeadlines.1');
    expect(refusal(...g, spec({}, { callToAction: 'SHOP_NOW' }))).toBe('ad.callToAction');
    expect(refusal(...g, spec({}, { finalUrl: 'ftp://example.com/' }))).toBe('ad.finalUrl');
    expect(refusal(...g, spec({ adGroup: { name: 'G', countries: ['UK'] } }))).toBe('adGroup.countries');
    expect(refusal(...g, spec({ adGroup: { name: 'G', countries: ['US'], ageMin: 45, ageMax: 34 } }))).toBe('adGroup.ageMax');
    expect(refusal(...g, spec({ startDate: '2026-07-10', endDate: '2026-07-01' }))).toBe('endDate');
  });

  it('takes ages as each platform defines them: Meta any year 18–65, Google and TikTok on their ranges’ edges', () => {
    const ages = (ageMin?: number, ageMax?: number) => ({ adGroup: { name: 'G', countries: ['US'], ageMin, ageMax } });
    const meta = (over: Partial<NewCampaignSpec>) => refusal('meta', META_CAPABILITIES, spec({ objective: 'OUTCOME_TRAFFIC', ...over }, { extraHeadlines: undefined, extraDescriptions: undefined }));
    expect(meta(ages(21, 47))).toBeUndefined();
    expect(meta(ages(13))).toBe('adGroup.ageMin');
    expect(refusal('google_ads', GOOGLE_ADS_CAPABILITIES, spec(ages(25, 54)))).toBeUndefined();
    expect(refusal('google_ads', GOOGLE_ADS_CAPABILITIES, spec(ages(25, 65)))).toBeUndefined();
    expect(refusal('google_ads', GOOGLE_ADS_CAPABILITIES, spec(ages(40)))).toBe('adGroup.ageMin');
    expect(refusal('google_ads', GOOGLE_ADS_CAPABILITIES, spec(ages(18, 30)))).toBe('adGroup.ageMax');
    const tiktok = (over: Partial<NewCampaignSpec>) => refusal('tiktok', TIKTOK_CAPABILITIES, spec({ objective: 'TRAFFIC', budget: { kind: 'daily', amount: { micros: 50_000_000, currency: 'USD' } }, ...over }, { headline: '', extraHeadlines: undefined, extraDescriptions: undefined, assets: { videoId: 'v1' } }));
    expect(tiktok(ages(55, 65))).toBeUndefined();
    expect(tiktok(ages(18, 64))).toBe('adGroup.ageMax');
  });

  it('labels every objective each platform offers', () => {
    for (const c of [GOOGLE_ADS_CAPABILITIES, META_CAPABILITIES, TIKTOK_CAPABILITIES]) for (const o of c.objectives) expect(c.objectiveLabels[o], o).toMatch(/^[A-Z][a-z ]+$/);
    expect(META_CAPABILITIES.objectives).toEqual(expect.arrayContaining(['OUTCOME_ENGAGEMENT', 'OUTCOME_LEADS', 'OUTCOME_SALES']));
  });

  it('applies each platform\'s own text rules', () => {
    const meta = spec({ objective: 'OUTCOME_TRAFFIC' }, { extraHeadlines: [], extraDescriptions: [], callToAction: 'LEARN_MORE' });
    expect(refusal('meta', META_CAPABILITIES, meta)).toBeUndefined();
    expect(refusal('meta', META_CAPABILITIES, { ...meta, budget: { kind: 'lifetime', amount: { micros: 20_000_000, currency: 'USD' } } })).toBe('endDate');
    expect(refusal('meta', META_CAPABILITIES, { ...meta, ad: { ...meta.ad, extraHeadlines: ['More'] } })).toBe('ad.extraHeadlines');
    const tiktok = spec({ objective: 'TRAFFIC', budget: { kind: 'daily', amount: { micros: 50_000_000, currency: 'USD' } } }, { headline: '', extraHeadlines: [], extraDescriptions: [], assets: { videoId: 'v1' } });
    expect(refusal('tiktok', TIKTOK_CAPABILITIES, tiktok)).toBeUndefined();
    expect(refusal('tiktok', TIKTOK_CAPABILITIES, { ...tiktok, ad: { ...tiktok.ad, headline: 'A headline' } })).toBe('ad.headline');
    expect(refusal('tiktok', TIKTOK_CAPABILITIES, { ...tiktok, ad: { ...tiktok.ad, assets: undefined } })).toBe('ad.assets.videoId');
    expect(refusal('tiktok', TIKTOK_CAPABILITIES, { ...tiktok, budget: { kind: 'daily', amount: { micros: 49_990_000, currency: 'USD' } } })).toBe('budget.amount');
  });

  it('refuses a budget between two of the platform\'s steps: a fraction of a yen, a fraction of a cent', () => {
    const yen: AccountRef = { platformAccountId: '1234567890', currency: 'JPY', timeZone: 'Asia/Tokyo' };
    const cases: Array<[PlatformId, Capabilities, NewCampaignSpec]> = [
      ['google_ads', GOOGLE_ADS_CAPABILITIES, spec()],
      ['meta', META_CAPABILITIES, spec({ objective: 'OUTCOME_TRAFFIC' }, { extraHeadlines: [], extraDescriptions: [] })],
      ['tiktok', TIKTOK_CAPABILITIES, spec({ objective: 'TRAFFIC' }, { headline: '', extraHeadlines: [], extraDescriptions: [], assets: { videoId: 'v1' } })],
    ];
    for (const [platform, capabilities, base] of cases) {
      const inYen = (micros: number): NewCampaignSpec => ({ ...base, budget: { kind: 'daily', amount: { micros, currency: 'JPY' } } });
      const inUsd = (micros: number): NewCampaignSpec => ({ ...base, budget: { kind: 'daily', amount: { micros, currency: 'USD' } } });
      expect(refusal(platform, capabilities, inYen(10_000_000_000), yen), platform).toBeUndefined();
      expect(refusal(platform, capabilities, inYen(10_000_500_000), yen), platform).toBe('budget.amount');
      expect(refusal(platform, capabilities, inUsd(60_010_000)), platform).toBeUndefined();
      expect(refusal(platform, capabilities, inUsd(60_005_000)), platform).toBe('budget.amount');
    }
  });

  it('maps ages to Google exclusions and TikTok buckets, erring on the wide side', () => {
    expect(excludedAgeRanges(undefined, undefined)).toEqual([]);
    expect(excludedAgeRanges(25, 40)).toEqual(['AGE_RANGE_18_24', 'AGE_RANGE_45_54', 'AGE_RANGE_55_64', 'AGE_RANGE_65_UP']);
    expect(excludedAgeRanges(13, 65)).toEqual([]);
    expect(() => excludedAgeRanges(13, 17)).toThrow(PlatformError);
    expect(ageGroups(undefined, undefined)).toBeUndefined();
    expect(ageGroups(25, 40)).toEqual(['AGE_25_34', 'AGE_35_44']);
    expect(ageGroups(60, 65)).toEqual(['AGE_55_100']);
  });

  it('builds one atomic Google mutate with temp ids, country constants and the RSA texts', () => {
    const ops = campaignCreateOperations('1234567890', spec({ adGroup: { name: 'G', countries: ['US', 'JP'], ageMin: 35 } })) as Array<Record<string, { create: Record<string, unknown> }>>;
    expect(ops.map((op) => Object.keys(op)[0])).toEqual([
      'campaignBudgetOperation', 'campaignOperation', 'campaignCriterionOperation', 'campaignCriterionOperation', 'adGroupOperation',
      'adGroupCriterionOperation', 'adGroupCriterionOperation', 'adGroupAdOperation',
    ]);
    expect(ops[0]?.campaignBudgetOperation?.create).toMatchObject({ resourceName: 'customers/1234567890/campaignBudgets/-1', amountMicros: '20000000' });
    expect(ops[1]?.campaignOperation?.create).toMatchObject({ status: 'PAUSED', campaignBudget: 'customers/1234567890/campaignBudgets/-1', containsEuPoliticalAdvertising: 'DOES_NOT_CONTAIN_EU_POLITICAL_ADVERTISING' });
    expect(ops.slice(2, 4).map((op) => op.campaignCriterionOperation?.create.location)).toEqual([{ geoTargetConstant: 'geoTargetConstants/2840' }, { geoTargetConstant: 'geoTargetConstants/2392' }]);
    expect(ops[7]?.adGroupAdOperation?.create).toMatchObject({
      adGroup: 'customers/1234567890/adGroups/-3',
      ad: { finalUrls: ['https://example.com/'], responsiveSearchAd: { headlines: [{ text: 'Trail shoes' }, { text: 'Free returns' }, { text: 'Spring range' }] } },
    });
  });
});

describe('Meta create on the wire', () => {
  it('puts a lifetime budget on the campaign and the schedule on the ad set, in the account time zone', async () => {
    const { createMetaAdapter } = await import('./meta/meta.adapter.ts');
    const posts: Array<{ path: string; params: URLSearchParams }> = [];
    const ids: Record<string, string> = { campaigns: '101', adsets: '102', adcreatives: '103', ads: '104' };
    const fake: typeof fetch = async (input, init) => {
      const url = new URL(String(input));
      const reply = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
      if (init?.method === 'POST') {
        const edge = url.pathname.split('/').pop() ?? '';
        posts.push({ path: edge, params: new URLSearchParams(String(init.body)) });
        return reply({ id: ids[edge] });
      }
      if (url.pathname.endsWith('/promote_pages')) return reply({ data: [{ id: '555', name: 'Brand' }] });
      return reply({ id: '101', account_id: '42', name: 'Spring', status: 'PAUSED', objective: 'OUTCOME_TRAFFIC', lifetime_budget: '150000' });
    };
    const adapter = createMetaAdapter({ baseUrl: 'https://graph.example', authorizeBaseUrl: 'https://www.example', appId: 'a', appSecret: 's', fetch: fake });
    const account: AccountRef = { platformAccountId: '42', currency: 'USD', timeZone: 'America/New_York' };
    const created = await adapter.campaigns.create({ accessToken: 't' }, account, spec(
      { objective: 'OUTCOME_TRAFFIC', budget: { kind: 'lifetime', amount: { micros: 1_500_000_000, currency: 'USD' } }, startDate: '2026-07-01', endDate: '2026-07-31', adGroup: { name: 'G', countries: ['US'], ageMin: 18, ageMax: 34 } },
      { extraHeadlines: [], extraDescriptions: [], callToAction: 'SHOP_NOW' },
    ));
    expect(created).toMatchObject({ adGroupPlatformId: '102', adPlatformId: '104', campaign: { lifetimeBudget: { micros: 1_500_000_000, currency: 'USD' } } });
    expect(posts.map((p) => p.path)).toEqual(['campaigns', 'adsets', 'adcreatives', 'ads']);
    const [campaign, adSet, creative] = posts.map((p) => p.params);
    expect(campaign?.get('lifetime_budget')).toBe('150000');
    expect(campaign?.get('daily_budget')).toBeNull();
    expect(JSON.parse(campaign?.get('special_ad_categories') ?? '')).toEqual([]);
    expect(adSet?.get('start_time')).toBe('2026-07-01T04:00:00+0000');
    expect(adSet?.get('end_time')).toBe('2026-08-01T03:59:59+0000');
    expect(JSON.parse(adSet?.get('targeting') ?? '')).toEqual({ geo_locations: { countries: ['US'] }, age_min: 18, age_max: 34 });
    expect(JSON.parse(creative?.get('object_story_spec') ?? '')).toEqual({
      page_id: '555',
      link_data: { link: 'https://example.com/', name: 'Trail shoes', message: 'Shoes for every trail.', call_to_action: { type: 'SHOP_NOW', value: { link: 'https://example.com/' } } },
    });
  });
});
