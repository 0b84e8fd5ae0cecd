import type { CampaignRow } from '@adloop/contracts';
import { microsToDecimal } from '@adloop/engine';
import { ENTITY_STATUS_LABELS, objectiveLabel, PLATFORM_LABELS } from '@adloop/contracts/labels';
import type { AppContext } from '../../platform/context.ts';
import { fieldError } from '../../platform/errors.ts';
import { ensureRates, latestFactors } from './fx.service.ts';
import { orgSettings, resolveRange, rowsOf, type Range } from './report-scope.ts';
import { presentRow, tableQuery, type CampaignFilters, type TableRow } from './campaign-table.queries.ts';
import type { ReportScope } from './metrics.reader.ts';

/** A campaign as the export sees it: the table's row plus the platform's id of its account. */
export type CsvRow = CampaignRow & { accountPlatformId: string };
type Cell = string | number | null;

interface CsvColumn {
  /** The heading in the file, as the table names the column. */
  label: string;
  value: (row: CsvRow) => Cell;
}

/** Micros as a plain number with the currency's decimals: 12345678 USD → "12.35". */
export const moneyCell = (micros: number | null, currency: string): Cell => (micros === null ? null : microsToDecimal(micros, currency));
/** At most two decimals, no trailing zeros (as the table shows conversions). */
const decimalCell = (value: number): Cell => String(Math.round(value * 100) / 100);

/**
 * Export columns by the name the `columns` parameter takes, in the default order. A Map, so
 * names such as `__proto__` or `constructor` are simply not columns.
 */
export const CSV_COLUMNS: ReadonlyMap<string, CsvColumn> = new Map<string, CsvColumn>([
  ['campaign_id', { label: 'Campaign ID', value: (r) => r.platformId }],
  ['name', { label: 'Campaign', value: (r) => r.name }],
  ['platform', { label: 'Platform', value: (r) => PLATFORM_LABELS[r.platform] }],
  ['account_id', { label: 'Account ID', value: (r) => r.accountPlatformId }],
  ['account', { label: 'Account', value: (r) => r.accountName }],
  ['status', { label: 'Status', value: (r) => ENTITY_STATUS_LABELS[r.status] }],
  ['objective', { label: 'Objective', value: (r) => (r.objective === null ? null : objectiveLabel(r.objective)) }],
  ['currency', { label: 'Currency', value: (r) => r.currency }],
  ['daily_budget', { label: 'Daily budget', value: (r) => moneyCell(r.dailyBudgetMicros, r.currency) }],
  ['lifetime_budget', { label: 'Lifetime budget', value: (r) => moneyCell(r.lifetimeBudgetMicros, r.currency) }],
  ['spend', { label: 'Spend', value: (r) => moneyCell(r.metrics.spendMicros, r.currency) }],
  ['impressions', { label: 'Impressions', value: (r) => r.metrics.impressions }],
  ['clicks', { label: 'Clicks', value: (r) => r.metrics.clicks }],
  ['ctr', { label: 'CTR (%)', value: (r) => (r.metrics.ctr === null ? null : (r.metrics.ctr * 100).toFixed(2)) }],
  ['cpc', { label: 'CPC', value: (r) => moneyCell(r.metrics.cpcMicros, r.currency) }],
  ['cpm', { label: 'CPM', value: (r) => moneyCell(r.metrics.cpmMicros, r.currency) }],
  ['conversions', { label: 'Conversions', value: (r) => decimalCell(r.metrics.conversions) }],
  ['cpa', { label: 'CPA', value: (r) => moneyCell(r.metrics.cpaMicros, r.currency) }],
  ['conversion_value', { label: 'Revenue', value: (r) => moneyCell(r.metrics.conversionValueMicros, r.currency) }],
  ['roas', { label: 'ROAS', value: (r) => (r.metrics.roas === null ? null : r.metrics.roas.toFixed(2)) }],
]);

/** Quoted when needed; text that a spreadsheet would run as a formula gets a leading apostrophe. */
export function csvCell(value: Cell): string {
  if (value === null) return '';
  const text = String(value);
  const safe = typeof value === 'string' && /^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The asked column names, each checked; a 400 names the first unknown one. */
export function parseColumns(asked: string | undefined): string[] {
  const names = asked ? asked.split(',').map((c) => c.trim()).filter(Boolean) : [...CSV_COLUMNS.keys()];
  for (const [index, name] of names.entries()) {
    if (!CSV_COLUMNS.has(name)) throw fieldError('columns', `column ${index + 1} "${name.slice(0, 40)}" is not one of ${[...CSV_COLUMNS.keys()].join(', ')}`, 'querystring');
  }
  return names;
}

/**
 * The file: a UTF-8 byte-order mark (spreadsheet programs then read the names right), a title line
 * with the range, the headings, one line per campaign; CRLF line ends.
 */
export function toCsv(rows: readonly CsvRow[], columns: readonly string[], range: Range, timeZone: string): string {
  const picked = columns.map((name) => CSV_COLUMNS.get(name)).filter((c): c is CsvColumn => c !== undefined);
  const title = csvCell(`Campaigns from ${range.since} to ${range.until} (days in ${timeZone}); amounts in each campaign's currency`);
  const lines = [title, picked.map((c) => csvCell(c.label)).join(','), ...rows.map((row) => picked.map((c) => csvCell(c.value(row))).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** "campaigns-2026-11-01-to-2026-11-30.csv" */
export const csvFileName = (range: Range) => `campaigns-${range.since}-to-${range.until}.csv`;

/** Every row matching the filters (at most 50,000), with exactly the asked columns. */
export async function campaignCsv(ctx: AppContext, scope: ReportScope, query: Omit<CampaignFilters, 'accountIds'> & { columns?: string | undefined }): Promise<{ csv: string; fileName: string }> {
  const { orgId } = scope;
  const f = { ...query, accountIds: scope.accountIds };
  const columns = parseColumns(f.columns);
  const settings = await orgSettings(ctx.db, orgId);
  const range = resolveRange(f, settings.timeZone, ctx.clock.now());
  await ensureRates(ctx, range.since, range.until);
  const factors = await latestFactors(ctx, range.until, settings.reportingCurrency);
  const rows = rowsOf<TableRow>(await ctx.db.execute(tableQuery(orgId, range, factors, f, null, 50_000))).map((row) => ({ ...presentRow(row), accountPlatformId: row.account_platform_id }));
  return { csv: toCsv(rows, columns, range, settings.timeZone), fileName: csvFileName(range) };
}
