import { z } from 'zod';
import { Email } from './common.ts';
import { PlatformId } from './connections.ts';
import { Kpis, KpiChange } from './campaigns.ts';

/** The KPIs a report can show, in the order a person picks them. */
export const REPORT_KPIS = ['spend', 'impressions', 'clicks', 'ctr', 'cpc', 'cpm', 'conversions', 'cpa', 'revenue', 'roas'] as const;
export const ReportKpi = z.enum(REPORT_KPIS);
export type ReportKpi = z.infer<typeof ReportKpi>;
export const ReportBreakdown = z.enum(['platform', 'account', 'campaign']);
export type ReportBreakdown = z.infer<typeof ReportBreakdown>;
/** Ranges counted back from the day the report runs, in the organisation's time zone. */
export const ReportPeriod = z.enum(['yesterday', 'last_7_days', 'last_week', 'last_30_days', 'last_month']);
export type ReportPeriod = z.infer<typeof ReportPeriod>;
export const ReportComparison = z.enum(['previous_period', 'none']);
export const ReportFrequency = z.enum(['none', 'daily', 'weekly', 'monthly']);
export type ReportFrequency = z.infer<typeof ReportFrequency>;

const Colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1a73e8');

export const ReportBranding = z.strictObject({
  /** Shown instead of Adloop (white label): the agency's name on the cover and footer. */
  agencyName: z.string().trim().max(80).nullable().default(null),
  primaryColor: Colour.default('#1a56db'),
  accentColor: Colour.default('#f59e0b'),
});

export const ReportSchedule = z.strictObject({
  frequency: ReportFrequency.default('none'),
  /** Hour of the day in the organisation's time zone. */
  hour: z.number().int().min(0).max(23).default(8),
  /** Weekly: 1 = Monday … 7 = Sunday. */
  weekday: z.number().int().min(1).max(7).default(1),
  /** Monthly: day of the month (1–28, so every month has it). */
  monthDay: z.number().int().min(1).max(28).default(1),
});
export type ReportSchedule = z.infer<typeof ReportSchedule>;

export const ReportDefinitionBody = z.strictObject({
  name: z.string().trim().min(1).max(120),
  /** The client group: these ad accounts only; null for the whole organisation. */
  accountIds: z.array(z.uuid()).min(1).max(200).nullable().default(null),
  kpis: z.array(ReportKpi).min(1).max(REPORT_KPIS.length).default(['spend', 'conversions', 'cpa', 'roas']),
  breakdowns: z.array(ReportBreakdown).max(3).default(['platform', 'campaign']),
  period: ReportPeriod.default('last_7_days'),
  comparison: ReportComparison.default('previous_period'),
  branding: ReportBranding.default({ agencyName: null, primaryColor: '#1a56db', accentColor: '#f59e0b' }),
  schedule: ReportSchedule.default({ frequency: 'none', hour: 8, weekday: 1, monthDay: 1 }),
  recipients: z.array(Email).max(50).default([]),
});
export type ReportDefinitionBody = z.infer<typeof ReportDefinitionBody>;
/** What is stored in `report_definitions.definition` (everything but the name and recipients). */
export const StoredReportDefinition = ReportDefinitionBody.omit({ name: true, recipients: true });
export type StoredReportDefinition = z.infer<typeof StoredReportDefinition>;

export const ReportDefinition = ReportDefinitionBody.extend({
  id: z.uuid(),
  hasLogo: z.boolean(),
  nextRunAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
}).meta({ id: 'ReportDefinition' });
export type ReportDefinition = z.infer<typeof ReportDefinition>;
export const ReportDefinitionList = z.object({ items: z.array(ReportDefinition), timeZone: z.string() });
export const ReportParams = z.strictObject({ orgId: z.uuid(), reportId: z.uuid() });
export const ReportRunParams = ReportParams.extend({ runId: z.uuid() });
export const ReportLinkParams = ReportParams.extend({ linkId: z.uuid() });

/** A logo: uploaded (base64 PNG or JPEG, at most 1 MB) or fetched once from a public https address. */
export const ReportLogoBody = z.union([
  z.strictObject({ contentType: z.enum(['image/png', 'image/jpeg']), dataBase64: z.string().min(8).max(1_400_000) }),
  z.strictObject({ url: z.url({ protocol: /^https?$/ }).max(2048) }),
]);

export const ReportRun = z
  .object({
    id: z.uuid(),
    definitionId: z.uuid(),
    trigger: z.enum(['schedule', 'manual']),
    state: z.enum(['queued', 'running', 'done', 'failed']),
    progress: z.number().int(),
    error: z.string().nullable(),
    since: z.string().nullable(),
    until: z.string().nullable(),
    pdfBytes: z.number().int().nullable(),
    sentTo: z.number().int(),
    createdAt: z.iso.datetime(),
    finishedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'ReportRun' });
export type ReportRun = z.infer<typeof ReportRun>;
export const ReportRunList = z.object({ items: z.array(ReportRun) });

export const ReportLinkBody = z.strictObject({
  label: z.string().trim().min(1).max(120),
  /** Days until the link stops working (1–365). */
  expiresInDays: z.number().int().min(1).max(365).default(30),
});
export const ReportLink = z
  .object({
    id: z.uuid(),
    label: z.string(),
    expiresAt: z.iso.datetime(),
    revokedAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    views: z.number().int(),
    lastViewedAt: z.iso.datetime().nullable(),
    /** The signed address to give the client (path under this server). */
    path: z.string(),
  })
  .meta({ id: 'ReportLink' });
export const ReportLinkList = z.object({ items: z.array(ReportLink) });
export const ReportLinkViewList = z.object({ items: z.array(z.object({ viewedAt: z.iso.datetime(), userAgent: z.string().nullable() })) });
export const PublicReportParams = z.strictObject({ token: z.string().min(10).max(200) });

const KpiRow = z.object({ kpis: Kpis, previous: Kpis.nullable(), change: KpiChange.nullable() });
/** The numbers of one report for one range: what the PDF, the CSV and the client page all show. */
export const ReportData = z
  .object({
    name: z.string(),
    agencyName: z.string().nullable(),
    primaryColor: z.string(),
    accentColor: z.string(),
    hasLogo: z.boolean(),
    kpis: z.array(ReportKpi),
    currency: z.string(),
    timeZone: z.string(),
    range: z.object({ since: z.string(), until: z.string() }),
    previousRange: z.object({ since: z.string(), until: z.string() }).nullable(),
    totals: KpiRow,
    series: z.array(z.object({ date: z.string(), spendMicros: z.number(), conversions: z.number() })),
    byPlatform: z.array(KpiRow.extend({ platform: PlatformId })).nullable(),
    byAccount: z.array(KpiRow.extend({ accountId: z.uuid(), name: z.string(), platform: PlatformId })).nullable(),
    /** Campaign amounts are in each campaign's own currency. */
    byCampaign: z.array(z.object({ name: z.string(), accountName: z.string(), platform: PlatformId, currency: z.string(), kpis: Kpis })).nullable(),
    generatedAt: z.iso.datetime(),
  })
  .meta({ id: 'ReportData' });
export type ReportData = z.infer<typeof ReportData>;
