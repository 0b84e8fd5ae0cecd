import { z } from 'zod';
import { isDay } from '@adloop/engine';
import { OrgParams, page } from './common.ts';
import { PlatformId } from './connections.ts';

const Timestamp = z.iso.datetime({ offset: true });
const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-06-30')
  .refine((d) => isDay(d), 'is not a calendar date');
export const Currency = z.string().regex(/^[A-Z]{3}$/, 'Use a three-letter ISO currency code like USD');
export const EntityStatus = z.enum(['active', 'paused', 'removed', 'archived']);

/** Inclusive dates. Default: the last 30 complete days. At most 366 days. */
export const DateRangeQuery = z.object({
  since: Day.optional(),
  until: Day.optional(),
});

/** Numbers of a set of rows, in one currency. Ratios are null when their denominator is zero. */
export const Kpis = z
  .object({
    spendMicros: z.number().int(),
    impressions: z.number().int(),
    clicks: z.number().int(),
    conversions: z.number(),
    conversionValueMicros: z.number().int(),
    /** Spend per conversion. */
    cpaMicros: z.number().int().nullable(),
    /** Conversion value / spend. */
    roas: z.number().nullable(),
    /** Clicks / impressions (0–1). */
    ctr: z.number().nullable(),
    cpcMicros: z.number().int().nullable(),
    /** Spend per 1,000 impressions. */
    cpmMicros: z.number().int().nullable(),
  })
  .meta({ id: 'Kpis' });
export type Kpis = z.infer<typeof Kpis>;

export const KpiChange = z.record(z.string(), z.number().nullable()).meta({ description: 'Relative change per KPI against the previous period (0.1 = +10 %); null when the previous value is 0' });

export const DashboardQuery = DateRangeQuery.extend({ platform: PlatformId.optional() });

export const Freshness = z.object({
  platform: PlatformId,
  accounts: z.number().int(),
  /** The least recent metrics sync among the platform's accounts. */
  oldestSyncAt: Timestamp.nullable(),
  newestHourAt: Timestamp.nullable(),
  state: z.enum(['fresh', 'delayed', 'error', 'needs_reconnection', 'syncing', 'never_synced']),
  summary: z.string(),
});
export type Freshness = z.infer<typeof Freshness>;

export const Dashboard = z
  .object({
    range: z.object({ since: z.string(), until: z.string() }),
    previousRange: z.object({ since: z.string(), until: z.string() }),
    /** When the range ends today: the previous period's last day counts only up to this time of day (organisation's time zone), like today. */
    comparedThrough: z.object({ date: z.string(), time: z.string() }).nullable(),
    /** The organisation's reporting currency: every amount here is converted to it with the stored daily rates. */
    currency: z.string(),
    totals: Kpis,
    previousTotals: Kpis,
    change: KpiChange,
    byPlatform: z.array(z.object({ platform: PlatformId, currencies: z.array(z.string()), totals: Kpis, previousTotals: Kpis, change: KpiChange })),
    /** Spend and conversions per day and platform. */
    series: z.array(z.object({ date: z.string(), platform: PlatformId, spendMicros: z.number().int(), conversions: z.number() })),
    /** Shown where totals are: each platform counts conversions by its own attribution. */
    attributionNote: z.string(),
    /** Days and currencies without a stored rate (their amounts are left out of converted totals). */
    missingRates: z.array(z.object({ currency: z.string(), date: z.string() })),
  })
  .meta({ id: 'Dashboard' });
export type Dashboard = z.infer<typeof Dashboard>;

/**
 * How fresh the dashboard's numbers are, per platform (its own request: it reads connection
 * health, changes while a sync runs and is polled then, while the numbers are read once).
 */
export const DashboardFreshness = z.object({ freshness: z.array(Freshness) }).meta({ id: 'DashboardFreshness' });
export type DashboardFreshness = z.infer<typeof DashboardFreshness>;

/** Campaigns whose spend moved most against the previous period (its own request: it reads campaign rows, the dashboard reads rollups). */
export const TopMovers = z
  .object({
    range: z.object({ since: z.string(), until: z.string() }),
    previousRange: z.object({ since: z.string(), until: z.string() }),
    currency: z.string(),
    items: z.array(
      z.object({ campaignId: z.uuid(), name: z.string(), platform: PlatformId, accountName: z.string(), spendMicros: z.number().int(), previousSpendMicros: z.number().int(), change: z.number().nullable() }),
    ),
  })
  .meta({ id: 'TopMovers' });
export type TopMovers = z.infer<typeof TopMovers>;

export const CAMPAIGN_SORTS = ['name', 'platform', 'account', 'status', 'budget', 'spend', 'impressions', 'clicks', 'ctr', 'cpc', 'conversions', 'cpa', 'roas', 'cpm', 'revenue'] as const;
export const CampaignListQuery = DateRangeQuery.extend({
  platform: PlatformId.optional(),
  accountId: z.uuid().optional(),
  status: EntityStatus.optional(),
  q: z.string().max(200).optional(),
  sort: z.enum(CAMPAIGN_SORTS).default('spend'),
  dir: z.enum(['asc', 'desc']).default('desc'),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const EntityLevel = z.enum(['campaign', 'ad_group', 'ad']);

/**
 * What can be changed on a campaign and its ad groups / ads, decided by the platform adapter's
 * capabilities (never by the platform's name). Absent: only pause / enable and budgets are offered.
 */
export const ChangeOptions = z
  .object({
    /** Levels whose objects can be renamed. */
    renameLevels: z.array(EntityLevel),
    /** Longest name accepted, in characters. */
    nameMaxLength: z.number().int(),
    /** How the campaign can be ended for good; null: it cannot be (or is ended already). */
    end: z
      .object({ archive: z.boolean(), archiveUndoable: z.boolean(), remove: z.boolean(), removalUndoable: z.boolean(), removalWord: z.enum(['removed', 'deleted']) })
      .nullable(),
    /** The campaign can be copied with its ad groups and ads. */
    duplicate: z.boolean(),
    /** The campaign's bid strategy in the platform's words and which value it takes; null: the campaign has no strategy. */
    bidding: z.object({ strategy: z.string(), value: z.enum(['campaign_bid', 'target_roas', 'ad_group_bid', 'none']) }).nullable(),
    /** Ad groups / ad sets carry their own budgets. */
    adGroupBudgets: z.boolean(),
    /** The platform's name of the ad-group bid, or null when ad groups take none. */
    adGroupBid: z.string().nullable(),
    /** Levels whose objects can be paused and enabled. */
    statusLevels: z.array(EntityLevel),
  })
  .meta({ id: 'ChangeOptions' });
export type ChangeOptions = z.infer<typeof ChangeOptions>;

export const CampaignRow = z
  .object({
    id: z.uuid(),
    platform: PlatformId,
    platformId: z.string(),
    adAccountId: z.uuid(),
    accountName: z.string(),
    name: z.string(),
    status: EntityStatus,
    objective: z.string().nullable(),
    dailyBudgetMicros: z.number().int().nullable(),
    lifetimeBudgetMicros: z.number().int().nullable(),
    /** The account's own currency: budgets and `metrics` are in it. */
    currency: z.string(),
    /** The campaign's bid in micros of `currency` (target CPA, cost cap) and its target ROAS (3.5 = 350 %); null when it has none. */
    bidMicros: z.number().int().nullable().optional(),
    targetRoas: z.number().nullable().optional(),
    metrics: Kpis,
    syncedAt: Timestamp,
    changeOptions: ChangeOptions.optional(),
  })
  .meta({ id: 'CampaignRow' });
export type CampaignRow = z.infer<typeof CampaignRow>;

export const CampaignTable = page(CampaignRow).extend({
  /** Totals of every row matching the filters (not just this page), in the reporting currency. */
  totals: Kpis,
  currency: z.string(),
  range: z.object({ since: z.string(), until: z.string() }),
  /**
   * Per currency, the factor into `currency` at the latest stored rate of the range: the one money
   * sorts use, so amounts converted with it show in the order the rows come.
   */
  fxFactors: z.record(z.string(), z.number()),
});

export const CampaignExportQuery = CampaignListQuery.omit({ cursor: true, limit: true }).extend({
  /** Comma-separated columns, in order; default all. */
  columns: z.string().max(500).optional(),
});

export const CampaignParams = OrgParams.extend({ campaignId: z.uuid() });
export const CampaignDetailQuery = DateRangeQuery.extend({ granularity: z.enum(['day', 'hour']).default('day') });

const EntityNumbers = z.object({ id: z.uuid(), platformId: z.string(), name: z.string(), status: EntityStatus, metrics: Kpis });
export const CampaignDetail = z
  .object({
    campaign: CampaignRow,
    range: z.object({ since: z.string(), until: z.string() }),
    /** `at` is a date (day) or an ISO instant (hour); in the account's time basis. */
    series: z.array(z.object({ at: z.string(), spendMicros: z.number().int(), impressions: z.number().int(), clicks: z.number().int(), conversions: z.number() })),
    adGroups: z.array(
      EntityNumbers.extend({
        dailyBudgetMicros: z.number().int().nullable(),
        /** The ad group's own bid in micros (where `changeOptions.adGroupBid` names one); null when it has none. */
        bidMicros: z.number().int().nullable().optional(),
        /** Still in the platform's learning phase; null where the platform does not say. */
        isLearning: z.boolean().nullable().optional(),
      }),
    ),
    ads: z.array(EntityNumbers.extend({ adGroupPlatformId: z.string() })),
    health: z.object({ state: z.string(), summary: z.string() }),
    /** The campaign's numbers over the period before, in its own currency (cut like `Dashboard.comparedThrough`). */
    previousRange: z.object({ since: z.string(), until: z.string() }),
    previousTotals: Kpis,
    change: KpiChange,
    comparedThrough: z.object({ date: z.string(), time: z.string() }).nullable(),
    changeOptions: ChangeOptions.optional(),
  })
  .meta({ id: 'CampaignDetail' });
export type CampaignDetail = z.infer<typeof CampaignDetail>;


export const NewCampaignBody = z.strictObject({
  adAccountId: z.uuid(),
  name: z.string().trim().min(1).max(255),
  objective: z.string().min(1).max(100),
  status: z.enum(['active', 'paused']).default('paused'),
  budget: z.strictObject({ kind: z.enum(['daily', 'lifetime']), amountMicros: z.number().int().min(1).max(1e15) }),
  startDate: Day.optional(),
  endDate: Day.optional(),
  adGroup: z.strictObject({
    name: z.string().trim().min(1).max(255),
    countries: z.array(z.string().regex(/^[A-Z]{2}$/, 'Use two-letter country codes like US')).min(1).max(50),
    ageMin: z.number().int().min(13).max(65).optional(),
    ageMax: z.number().int().min(13).max(65).optional(),
    /** Search keywords, where the platform's ad groups take them (`keywordMatchTypes` of the creation options). */
    keywords: z.array(z.strictObject({ text: z.string().trim().min(1).max(80), matchType: z.enum(['EXACT', 'PHRASE', 'BROAD']) })).max(200).optional(),
  }),
  ad: z.strictObject({
    name: z.string().trim().min(1).max(255),
    headline: z.string().max(1000),
    description: z.string().max(5000),
    finalUrl: z.url({ protocol: /^https?$/ }).max(2000),
    callToAction: z.string().max(50).optional(),
    /** Further headlines / descriptions where the platform's ad takes several (Google: 3–15 headlines, 2–4 descriptions). */
    extraHeadlines: z.array(z.string().max(1000)).max(14).optional(),
    extraDescriptions: z.array(z.string().max(5000)).max(3).optional(),
    /** Account assets the ad is built from where the platform needs them (TikTok: a video of the library; Meta: a Page when the account has several). */
    assets: z
      .strictObject({ pageId: z.string().max(100).optional(), identityId: z.string().max(100).optional(), videoId: z.string().max(100).optional(), imageHash: z.string().max(100).optional() })
      .optional(),
  }),
  /**
   * The copy generation the ad's texts come from (AI-assisted copy): such a launch is always a proposal
   * in the approval inbox, proposed by the AI, whoever sends it; it launches once a person approves.
   */
  copyGenerationId: z.uuid().optional(),
});

/** One asset of an ad account a new ad can be built from (`NewCampaignBody.ad.assets`), e.g. a library video. */
export const AdAssetChoice = z.object({
  /** The value `ad.assets.<kind>` takes. */
  id: z.string(),
  name: z.string(),
  /** A short description, e.g. "15 s · 720×1280" for a video. */
  detail: z.string().optional(),
});

/**
 * An ad account's assets, per kind the platform's ads are built from (TikTok: `videoId`, `identityId`;
 * Meta: `pageId`); a kind the platform does not use is absent. At most 500 of each kind.
 */
export const AdAccountAssets = z.object({
  assets: z.object({
    videoId: z.array(AdAssetChoice).optional(),
    pageId: z.array(AdAssetChoice).optional(),
    identityId: z.array(AdAssetChoice).optional(),
  }),
});

export const AgeTargeting = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('range'), min: z.number().int(), max: z.number().int() }),
  /** The platform's fixed ranges (Google AGE_RANGE_18_24, TikTok AGE_18_24); `to` 65 means "and over". */
  z.object({ kind: z.literal('buckets'), buckets: z.array(z.object({ id: z.string(), from: z.number().int(), to: z.number().int() })) }),
]);

/** What the wizard offers on each platform: decided by the adapter's capabilities. */
export const CreationOptions = z.object({
  /** Country codes a campaign can target (ISO 3166-1 alpha-2). */
  countries: z.array(z.string()),
  platforms: z.array(
    z.object({
      platform: PlatformId,
      objectives: z.array(z.string()),
      /** Each objective's name in words ("Traffic" for OUTCOME_TRAFFIC). */
      objectiveLabels: z.record(z.string(), z.string()),
      /** How ages are targeted: ageMin/ageMax within a range, or on the edges of the platform's buckets. */
      ages: AgeTargeting,
      /** Images the ad can carry (uploaded to `/ad-accounts/{id}/images`): largest size in bytes and types; null: none. */
      /** `label`: the platform's own name for the image where it is not the ad's picture (TikTok: the video's cover). */
      imageUpload: z.object({ maxBytes: z.number().int(), contentTypes: z.array(z.string()), label: z.string().optional() }).nullable(),
      /** Videos the ad can be built from, uploaded through Adloop (`ad.assets.videoId` takes the id); null when not offered. */
      videoUpload: z.object({ maxBytes: z.number().int(), contentTypes: z.array(z.string()) }).nullable(),
      /** Keyword match types the ad group takes (Google Search); null: the platform's ad groups have no keywords. */
      keywordMatchTypes: z.array(z.enum(['EXACT', 'PHRASE', 'BROAD'])).nullable(),
      lifetimeBudgets: z.boolean(),
      adText: z.object({
        /** max 0: the platform's ads have no such text. `count`: how many the ad takes (absent: one). */
        headline: z.object({ max: z.number().int(), required: z.boolean(), count: z.object({ min: z.number().int(), max: z.number().int() }).optional() }),
        /** `label`: the platform's own name for this text (Meta: "Primary text"). */
        description: z.object({ max: z.number().int(), required: z.boolean(), label: z.string().optional(), count: z.object({ min: z.number().int(), max: z.number().int() }).optional() }),
        callToActions: z.array(z.string()).nullable(),
        /** Double-width (CJK) characters count 2 towards max. */
        countsWide: z.boolean(),
      }),
      /** Assets the ad must name (e.g. videoId on TikTok). */
      requiredAdAssets: z.array(z.string()),
      /** Smallest daily budget per currency of the organisation's accounts. */
      minDailyBudgetMicros: z.record(z.string(), z.number().int()),
    }),
  ),
});

export const CreatedCampaignResponse = z.object({ campaign: CampaignRow });
