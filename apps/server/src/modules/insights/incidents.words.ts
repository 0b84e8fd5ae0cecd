import type { IncidentRow } from './incidents.repository.ts';

const METRIC: Record<IncidentRow['metric'], string> = { spend: 'Spend', clicks: 'Clicks', cpc: 'Cost per click', conversions: 'Conversions', conversion_rate: 'Conversion rate' };
const CAUSE: Record<IncidentRow['cause'], string> = {
  tracking: 'conversion tracking may be broken',
  cost: 'clicks cost more than usual',
  delivery: 'delivery dropped',
  overspend: 'spend is above its usual level',
  performance: 'performance changed',
};

function figure(metric: IncidentRow['metric'], value: number, currency: string): string {
  if (metric === 'conversion_rate') return `${(value * 100).toFixed(2)} %`;
  if (metric === 'spend' || metric === 'cpc') return `${(value / 1_000_000).toFixed(2)} ${currency}`;
  return value >= 100 ? String(Math.round(value)) : String(Math.round(value * 10) / 10);
}

/** The link to the incident's chart: the campaign's detail over the days around it, or the account's insights. */
export function chartLink(orgId: string, row: Pick<IncidentRow, 'adAccountId' | 'campaignId' | 'grain' | 'since'>, now: Date): string {
  if (row.campaignId === null) return `/orgs/${orgId}/insights?account=${row.adAccountId}`;
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const from = new Date(Math.min(row.since.getTime(), now.getTime()) - 7 * 86_400_000);
  return `/orgs/${orgId}/campaigns/${row.campaignId}?range=custom&since=${day(from)}&until=${day(now)}&granularity=${row.grain}`;
}

/** One sentence of figures: observed against expected with its normal range, and since when. */
export function incidentSummary(row: IncidentRow, currency: string): string {
  const f = (v: number) => figure(row.metric, v, currency);
  return `${METRIC[row.metric]} ${f(row.observed)} against ${f(row.expected)} expected (normal ${f(row.lower)}–${f(row.upper)}) per ${row.grain}, since ${row.since.toISOString().slice(0, 16).replace('T', ' ')} UTC.`;
}

export function openedTitle(row: IncidentRow): string {
  return `${row.name}: ${CAUSE[row.cause]} (${METRIC[row.metric].toLowerCase()})`;
}

export function resolvedTitle(row: IncidentRow): string {
  return `${row.name}: ${METRIC[row.metric].toLowerCase()} back to normal`;
}
