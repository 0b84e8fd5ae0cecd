import type { JsonValue } from '../../simulator/world.types.ts';
import { addTotals, emptyTotals, type ReportRow } from '../../simulator/report.types.ts';
import { endpoint, type EndpointInput, type TikTokEndpoint } from './tiktok-endpoint.types.ts';
import { isFailure, ok, type TikTokResult } from './tiktok-envelope.ts';
import { pageOf } from './tiktok-paging.ts';
import { missing } from './tiktok-params.ts';
import { readReportQuery, type TikTokReportQuery } from './tiktok-report-query.ts';
import { renderMetrics, timeValue } from './tiktok-report-rows.ts';

type Rendered = { dimensions: Record<string, string>; metrics: Record<string, string> };

function dimensionsOf(q: TikTokReportQuery, row: ReportRow, advertiserId: string): Record<string, string> {
  const values: Record<string, string> = {
    advertiser_id: advertiserId, campaign_id: row.campaignId ?? '', adgroup_id: row.adGroupId ?? '', ad_id: row.adId ?? '',
  };
  const out: Record<string, string> = {};
  for (const name of q.dimensions) out[name] = name === q.timeDimension ? timeValue(row) : values[name] ?? '';
  return out;
}

function sortRows(rows: Rendered[], q: TikTokReportQuery): Rendered[] {
  if (!q.orderField) return rows;
  const field = q.orderField;
  const key = (r: Rendered): number | string => {
    const raw = r.metrics[field] ?? r.dimensions[field] ?? '';
    const n = Number(raw);
    return raw !== '' && Number.isFinite(n) ? n : raw;
  };
  const sign = q.descending ? -1 : 1;
  return [...rows].sort((a, b) => { const ka = key(a); const kb = key(b); return ka < kb ? -sign : ka > kb ? sign : 0; });
}

/**
 * report/integrated/get/: BASIC auction reports from the simulator. Metric values are strings,
 * days and hours are in the advertiser's time zone, and only completed hours are reported.
 * CHUNK mode returns every row (up to `chunkRowLimit`) on one page.
 */
function report({ ctx, params, account, world, now }: EndpointInput): TikTokResult {
  if (!account) return missing('advertiser_id');
  const q = readReportQuery(params, account, now);
  if (isFailure(q)) return q;
  const rows = ctx.sim.engine.report({
    platform: 'tiktok', accountId: account.id, since: q.since, until: q.until, level: q.level, grain: q.grain,
    campaignIds: q.filters.campaignIds, adGroupIds: q.filters.adGroupIds, adIds: q.filters.adIds,
  });
  const rendered = sortRows(rows.map((r) => ({ dimensions: dimensionsOf(q, r, account.id), metrics: renderMetrics(world, account, r, q.metrics) })), q);
  const data: Record<string, JsonValue> = q.chunk
    ? { list: rendered.slice(0, ctx.settings.tiktok.chunkRowLimit), page_info: {} }
    : pageOf(rendered, q.page);
  if (q.totals) {
    const sum = emptyTotals();
    rows.forEach((r) => addTotals(sum, r.metrics));
    const total: ReportRow = { accountId: account.id, campaignId: null, adGroupId: null, adId: null, day: null, hour: null, metrics: sum };
    data.total_metrics = renderMetrics(world, account, total, q.metrics.filter((m) => !m.includes('name') && !m.endsWith('_id')));
  }
  return ok(data);
}

export function tiktokReportEndpoints(): TikTokEndpoint[] {
  return [endpoint('GET', 'report/integrated/get/', report)];
}
