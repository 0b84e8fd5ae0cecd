import { z } from 'zod';
import { MetricForecast } from './insights.ts';

/** Days ahead for a campaign's forecast band (7–30, default 14). */
export const CampaignForecastQuery = z.strictObject({ days: z.coerce.number().int().min(7).max(30).default(14) });
export type CampaignForecastQuery = z.infer<typeof CampaignForecastQuery>;

/** A campaign's daily spend, conversions and value ahead, from its own stored days (account time). */
export const CampaignForecast = z
  .object({
    campaignId: z.uuid(),
    accountId: z.uuid(),
    currency: z.string(),
    /** Last complete day the forecast starts after (YYYY-MM-DD). */
    through: z.string(),
    empty: z.string().nullable(),
    metrics: z.array(MetricForecast),
  })
  .meta({ id: 'CampaignForecast' });
export type CampaignForecast = z.infer<typeof CampaignForecast>;

/** Where a month lands: the numbers so far plus the forecast of its remaining days, with the 80 % range of the total. */
export const MonthEndFigure = z
  .object({
    monthToDate: z.number(),
    projected: z.number(),
    lower80: z.number(),
    upper80: z.number(),
  })
  .meta({ id: 'MonthEndFigure' });
export type MonthEndFigure = z.infer<typeof MonthEndFigure>;

export const PacingStatus = z.enum(['on_track', 'over', 'under', 'exhausted']);

/** Month-to-date spend against the month's plan (daily budgets × days in the month), the projected month-end and a warning when it misses. */
export const PacingDto = z
  .object({
    status: PacingStatus,
    planMicros: z.number(),
    spentMicros: z.number(),
    projectedMicros: z.number(),
    /** Projected minus plan (positive: over). */
    gapMicros: z.number(),
    /** Daily spend for the rest of the month that would land on the plan. */
    dailyToLandMicros: z.number(),
    message: z.string(),
  })
  .meta({ id: 'Pacing' });
export type PacingDto = z.infer<typeof PacingDto>;

export const AccountMonthEnd = z
  .object({
    accountId: z.uuid(),
    name: z.string(),
    platform: z.string(),
    /** The account's own currency: every money figure of this entry (micros). */
    currency: z.string(),
    /** The month (YYYY-MM, account time), the last complete day counted and the days left including today. */
    month: z.string(),
    through: z.string().nullable(),
    daysLeft: z.number().int(),
    /** Null when the account has too little history to forecast (`note` says why). */
    spend: MonthEndFigure.nullable(),
    conversions: MonthEndFigure.nullable(),
    value: MonthEndFigure.nullable(),
    pacing: PacingDto.nullable(),
    note: z.string().nullable(),
  })
  .meta({ id: 'AccountMonthEnd' });
export type AccountMonthEnd = z.infer<typeof AccountMonthEnd>;

export const CampaignPacing = z
  .object({ campaignId: z.uuid(), accountId: z.uuid(), name: z.string(), currency: z.string(), pacing: PacingDto })
  .meta({ id: 'CampaignPacing' });
export type CampaignPacing = z.infer<typeof CampaignPacing>;

export const MonthEndProjection = z
  .object({
    /** The organisation's month (YYYY-MM, its time zone). */
    month: z.string(),
    /** The organisation's reporting currency: the totals' money figures (micros). */
    currency: z.string(),
    /** Sum over the accounts that have a projection, converted at the latest rates; null when none has. */
    totals: z.object({ spend: MonthEndFigure, conversions: MonthEndFigure, value: MonthEndFigure }).nullable(),
    /** Accounts left out of the totals: no projection, or no exchange rate for their currency. */
    excluded: z.array(z.object({ accountId: z.uuid(), reason: z.string() })),
    accounts: z.array(AccountMonthEnd),
    /** Campaigns whose month will miss their plan (over, under or already spent), worst first. */
    campaignWarnings: z.array(CampaignPacing),
    empty: z.string().nullable(),
  })
  .meta({ id: 'MonthEndProjection' });
export type MonthEndProjection = z.infer<typeof MonthEndProjection>;

