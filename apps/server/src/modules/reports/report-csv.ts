import type { ReportData } from '@adloop/contracts';
import { KPI_INFO, rawKpi } from './report-format.ts';

/**
 * A report as CSV (UTF-8 with BOM so spreadsheet programs read it as UTF-8): one section per table
 * (totals, platform, account, campaign) with a `section` column, money in units of the currency.
 */
const cell = (value: string): string => (/[",\n\r]/.test(value) || /^[=+\-@\t]/.test(value) ? `"${(/^[=+\-@\t]/.test(value) ? `'${value}` : value).replace(/"/g, '""')}"` : value);

export function renderReportCsv(data: ReportData): string {
  const kpiHeads = data.kpis.map((k) => KPI_INFO[k].label);
  const lines: string[][] = [['section', 'name', 'account', 'platform', 'currency', 'since', 'until', ...kpiHeads]];
  const add = (section: string, name: string, account: string, platform: string, currency: string, kpis: ReportData['totals']['kpis'], range = data.range) =>
    lines.push([section, name, account, platform, currency, range.since, range.until, ...data.kpis.map((k) => rawKpi(k, kpis))]);
  add('total', data.name, '', '', data.currency, data.totals.kpis);
  if (data.previousRange && data.totals.previous) add('total_previous', data.name, '', '', data.currency, data.totals.previous, data.previousRange);
  for (const p of data.byPlatform ?? []) add('platform', p.platform, '', p.platform, data.currency, p.kpis);
  for (const a of data.byAccount ?? []) add('account', a.name, a.name, a.platform, data.currency, a.kpis);
  for (const c of data.byCampaign ?? []) add('campaign', c.name, c.accountName, c.platform, c.currency, c.kpis);
  return `\uFEFF${lines.map((line) => line.map(cell).join(',')).join('\r\n')}\r\n`;
}
