import { isFailure, type TikTokFailure } from './tiktok-envelope.ts';
import { invalid, optionalList, optionalObject, type TikTokParams } from './tiktok-params.ts';

export interface ReportFilters {
  campaignIds?: Set<string>;
  adGroupIds?: Set<string>;
  adIds?: Set<string>;
}

const KEYS: Record<string, keyof ReportFilters> = { campaign_ids: 'campaignIds', adgroup_ids: 'adGroupIds', ad_ids: 'adIds' };

function idsOf(field: string, value: unknown): string[] | TikTokFailure {
  let list = value;
  if (typeof value === 'string') {
    try {
      list = JSON.parse(value);
    } catch {
      list = [value];
    }
  }
  if (!Array.isArray(list)) return invalid(`filtering.${field}`, 'Must be a list of IDs.');
  if (list.length > 100) return invalid(`filtering.${field}`, 'At most 100 IDs per filter.');
  return list.map(String);
}

/**
 * `filtering` of report/integrated/get in either shape clients send: the v1.3 list
 * `[{"field_name":"campaign_ids","filter_type":"IN","filter_value":"[\"1\"]"}]` or an object
 * `{"campaign_ids":["1"]}`. Only ID filters are simulated.
 */
export function readReportFilters(p: TikTokParams): ReportFilters | TikTokFailure {
  const out: ReportFilters = {};
  const pairs: Array<[string, unknown]> = [];
  if (Array.isArray(p.filtering)) {
    const list = optionalList(p, 'filtering');
    if (isFailure(list)) return list;
    for (const item of list ?? []) {
      if (typeof item !== 'object' || item === null) return invalid('filtering', 'Each filter must be {field_name, filter_type, filter_value}.');
      const entry: Record<string, unknown> = { ...item };
      if (entry.filter_type !== undefined && entry.filter_type !== 'IN') return invalid('filtering.filter_type', 'Only IN is supported in the sandbox.');
      pairs.push([String(entry.field_name ?? ''), entry.filter_value]);
    }
  } else {
    const obj = optionalObject(p, 'filtering');
    if (isFailure(obj)) return obj;
    pairs.push(...Object.entries(obj ?? {}));
  }
  for (const [field, value] of pairs) {
    const key = KEYS[field];
    if (!key) return invalid('filtering', `Unsupported filter field ${field}; use campaign_ids, adgroup_ids or ad_ids.`);
    const ids = idsOf(field, value);
    if (isFailure(ids)) return ids;
    out[key] = new Set(ids);
  }
  return out;
}
