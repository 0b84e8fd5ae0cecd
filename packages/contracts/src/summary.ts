import { z } from 'zod';
import { Kpis, KpiChange } from './campaigns.ts';
import { PlatformId } from './connections.ts';
import { Day } from './rules-primitives.ts';

export const DailySummaryQuery = z.object({
  /** The day summarised (organisation's time zone); yesterday when left out. */
  date: Day.optional(),
});

/** The daily summary: one day against the day before and against its forecast, top movers, open anomalies, proposals waiting. */
export const DailySummary = z
  .object({
    date: z.string(),
    previousDate: z.string(),
    timeZone: z.string(),
    /** The reporting currency: the day's amounts are the dashboard's, converted to it. */
    currency: z.string(),
    totals: Kpis,
    previousTotals: Kpis,
    change: KpiChange,
    /** What the day was expected to be from the 28 days before it (the insights forecast); null without two weeks of history. */
    forecast: z.object({ spendMicros: z.number().int(), conversions: z.number(), method: z.string(), basedOnDays: z.number().int() }).nullable(),
    /** Campaigns with the biggest change in spend (then conversions) from the day before, in their own currency. */
    topMovers: z.array(
      z.object({
        campaignId: z.uuid(),
        name: z.string(),
        accountName: z.string(),
        platform: PlatformId,
        currency: z.string(),
        spendMicros: z.number().int(),
        previousSpendMicros: z.number().int(),
        conversions: z.number(),
        previousConversions: z.number(),
      }),
    ),
    openAnomalies: z.array(z.object({ id: z.uuid(), name: z.string(), metric: z.string(), cause: z.string(), direction: z.enum(['up', 'down']), openedAt: z.string() })),
    openAnomalyCount: z.number().int(),
    proposalsWaiting: z.number().int(),
  })
  .meta({ id: 'DailySummary' });
export type DailySummary = z.infer<typeof DailySummary>;

export const DailySummarySent = z.object({ sent: z.boolean(), eventId: z.uuid().nullable() }).meta({ id: 'DailySummarySent' });
