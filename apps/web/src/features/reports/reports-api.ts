import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type * as c from '@adloop/contracts';
import { api } from '../../lib/api.ts';

export type ReportDefinition = z.infer<typeof c.ReportDefinition>;
export type ReportBody = z.input<typeof c.ReportDefinitionBody>;
export type ReportRun = z.infer<typeof c.ReportRun>;
export type ReportLink = z.infer<typeof c.ReportLink>;
export type ReportData = z.infer<typeof c.ReportData>;
export type ReportKpi = c.ReportKpi;

export const reportKeys = {
  list: (orgId: string) => ['orgs', orgId, 'reports'] as const,
  runs: (orgId: string, reportId: string) => ['orgs', orgId, 'reports', reportId, 'runs'] as const,
  links: (orgId: string, reportId: string) => ['orgs', orgId, 'reports', reportId, 'links'] as const,
  views: (orgId: string, reportId: string, linkId: string) => ['orgs', orgId, 'reports', reportId, 'links', linkId, 'views'] as const,
};

export const KPI_LABELS: Record<ReportKpi, string> = {
  spend: 'Spend', impressions: 'Impressions', clicks: 'Clicks', ctr: 'CTR', cpc: 'CPC', cpm: 'CPM', conversions: 'Conversions', cpa: 'Cost per conversion', revenue: 'Conversion value', roas: 'ROAS',
};
export const KPI_KEYS: Record<ReportKpi, 'spendMicros' | 'impressions' | 'clicks' | 'ctr' | 'cpcMicros' | 'cpmMicros' | 'conversions' | 'cpaMicros' | 'conversionValueMicros' | 'roas'> = {
  spend: 'spendMicros', impressions: 'impressions', clicks: 'clicks', ctr: 'ctr', cpc: 'cpcMicros', cpm: 'cpmMicros', conversions: 'conversions', cpa: 'cpaMicros', revenue: 'conversionValueMicros', roas: 'roas',
};
export const PERIOD_LABELS: Record<string, string> = { yesterday: 'Yesterday', last_7_days: 'Last 7 days', last_week: 'Last week (Monday–Sunday)', last_30_days: 'Last 30 days', last_month: 'Last month' };
export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export function useReports(orgId: string) {
  return useQuery({ queryKey: reportKeys.list(orgId), queryFn: () => api.get<{ items: ReportDefinition[]; timeZone: string }>(`/orgs/${orgId}/reports`) });
}

/** The history; polled every 1.5 s while a run is queued or running (its progress). */
export function useRuns(orgId: string, reportId: string) {
  return useQuery({
    queryKey: reportKeys.runs(orgId, reportId),
    queryFn: () => api.get<{ items: ReportRun[] }>(`/orgs/${orgId}/reports/${reportId}/runs`),
    refetchInterval: (query) => (query.state.data?.items.some((r) => r.state === 'queued' || r.state === 'running') ? 1500 : false),
  });
}

export function useLinks(orgId: string, reportId: string) {
  return useQuery({ queryKey: reportKeys.links(orgId, reportId), queryFn: () => api.get<{ items: ReportLink[] }>(`/orgs/${orgId}/reports/${reportId}/links`) });
}

export function useLinkViews(orgId: string, reportId: string, linkId: string | null) {
  return useQuery({
    queryKey: reportKeys.views(orgId, reportId, linkId ?? ''),
    queryFn: () => api.get<{ items: { viewedAt: string; userAgent: string | null }[] }>(`/orgs/${orgId}/reports/${reportId}/links/${linkId}/views`),
    enabled: linkId !== null,
  });
}

/** Where a finished run's file downloads from (a plain link: the browser sends the session cookie). */
export const runFileUrl = (orgId: string, reportId: string, runId: string, format: 'pdf' | 'csv') => `/api/v1/orgs/${orgId}/reports/${reportId}/runs/${runId}/report.${format}`;

/** When a schedule sends, in words. */
export function scheduleText(report: Pick<ReportDefinition, 'schedule'>, timeZone: string): string {
  const { frequency, hour, weekday, monthDay } = report.schedule;
  const at = `${String(hour).padStart(2, '0')}:00 ${timeZone}`;
  if (frequency === 'daily') return `Every day at ${at}`;
  if (frequency === 'weekly') return `Every ${WEEKDAYS[weekday - 1]} at ${at}`;
  if (frequency === 'monthly') return `On day ${monthDay} of each month at ${at}`;
  return 'Not scheduled (run it when you need it)';
}
