import type { ReportLevel, TimeGrain } from '../../simulator/report.types.ts';
import { daysBetween, isDay } from '@adloop/engine';
import { localDayAt } from '../../simulator/time-zone.ts';
import type { Account } from '../../simulator/world.types.ts';
import { fail, isFailure, TT, type TikTokFailure } from './tiktok-envelope.ts';
import { readPage, type PageRequest } from './tiktok-paging.ts';
import { invalid, missing, oneOf, optionalBoolean, optionalStringList, optionalText, requiredText, textOr, type TikTokParams } from './tiktok-params.ts';
import { readReportFilters, type ReportFilters } from './tiktok-report-filters.ts';
import { REPORT_METRICS } from './tiktok-report-rows.ts';

const DATA_LEVELS = { AUCTION_ADVERTISER: 'account', AUCTION_CAMPAIGN: 'campaign', AUCTION_ADGROUP: 'adGroup', AUCTION_AD: 'ad' } as const satisfies Record<string, ReportLevel>;
const ID_DIMENSION: Record<ReportLevel, string> = { account: 'advertiser_id', campaign: 'campaign_id', adGroup: 'adgroup_id', ad: 'ad_id' };
const TIME_DIMENSIONS = ['stat_time_day', 'stat_time_hour'] as const;
/** Longest range per time dimension (TikTok's exact spans are unconfirmed in the reference). */
const MAX_DAYS = { stat_time_day: 365, stat_time_hour: 1, none: 365 } as const;

export interface TikTokReportQuery {
  level: ReportLevel;
  /** The dimensions asked for, in their order: every row carries each of them. */
  dimensions: string[];
  /** ID dimension asked for (rows per object), or null for totals per time bucket. */
  idDimension: string | null;
  timeDimension: (typeof TIME_DIMENSIONS)[number] | null;
  grain: TimeGrain;
  metrics: string[];
  since: string;
  until: string;
  filters: ReportFilters;
  orderField: string | null;
  descending: boolean;
  page: PageRequest;
  chunk: boolean;
  totals: boolean;
}

function dates(p: TikTokParams, account: Account, now: number, maxDays: number): { since: string; until: string } | TikTokFailure {
  const lifetime = optionalBoolean(p, 'query_lifetime');
  if (isFailure(lifetime)) return lifetime;
  const today = localDayAt(account.timeZone, now);
  if (lifetime) return { since: localDayAt(account.timeZone, account.createdAt), until: today };
  const since = requiredText(p, 'start_date');
  if (isFailure(since)) return since;
  const until = requiredText(p, 'end_date');
  if (isFailure(until)) return until;
  if (!isDay(since)) return invalid('start_date', 'Must be a date "YYYY-MM-DD" in the advertiser time zone.');
  if (!isDay(until)) return invalid('end_date', 'Must be a date "YYYY-MM-DD" in the advertiser time zone.');
  if (until < since) return invalid('end_date', 'end_date must not be earlier than start_date.');
  if (daysBetween(since, until) > maxDays) return invalid('end_date', `The time span cannot exceed ${maxDays} day(s) for these dimensions.`);
  return { since, until };
}

/** Validates report/integrated/get: BASIC + AUCTION only, data_level, dimensions consistent with it, metrics, dates, paging. */
export function readReportQuery(p: TikTokParams, account: Account, now: number): TikTokReportQuery | TikTokFailure {
  const type = requiredText(p, 'report_type');
  if (isFailure(type)) return type;
  const knownType = oneOf('report_type', type, ['BASIC', 'AUDIENCE', 'PLAYABLE_MATERIAL', 'CATALOG']);
  if (isFailure(knownType)) return knownType;
  if (knownType !== 'BASIC') return fail(TT.NOT_IN_SANDBOX, `report_type ${knownType} is not supported in the sandbox; use BASIC.`);
  const service = textOr(p, 'service_type', 'AUCTION');
  if (isFailure(service)) return service;
  if (service !== 'AUCTION') return fail(TT.NOT_IN_SANDBOX, `service_type ${service} is not supported in the sandbox; use AUCTION.`);
  const levelWord = requiredText(p, 'data_level');
  if (isFailure(levelWord)) return levelWord;
  const levelKey = oneOf('data_level', levelWord, ['AUCTION_ADVERTISER', 'AUCTION_CAMPAIGN', 'AUCTION_ADGROUP', 'AUCTION_AD'] as const);
  if (isFailure(levelKey)) return levelKey;
  const level = DATA_LEVELS[levelKey];
  const dimensions = optionalStringList(p, 'dimensions');
  if (isFailure(dimensions)) return dimensions;
  if (!dimensions || dimensions.length === 0) return missing('dimensions');
  const times = dimensions.filter((d) => TIME_DIMENSIONS.some((t) => t === d));
  const ids = dimensions.filter((d) => !times.includes(d));
  if (times.length > 1) return invalid('dimensions', 'At most one time dimension (stat_time_day or stat_time_hour) is allowed.');
  const wrong = ids.find((d) => d !== ID_DIMENSION[level] && d !== 'advertiser_id');
  if (wrong !== undefined) return invalid('dimensions', `Dimension ${wrong} is not allowed with data_level ${levelKey}; use ${ID_DIMENSION[level]} and stat_time_day or stat_time_hour.`);
  const timeDimension = TIME_DIMENSIONS.find((t) => t === times[0]) ?? null;
  const idDimension = ids.includes(ID_DIMENSION[level]) && level !== 'account' ? ID_DIMENSION[level] : null;
  const metrics = optionalStringList(p, 'metrics');
  if (isFailure(metrics)) return metrics;
  const unknownMetric = metrics?.find((m) => !REPORT_METRICS.includes(m));
  if (unknownMetric !== undefined) return invalid('metrics', `Invalid metric: ${unknownMetric}.`);
  const range = dates(p, account, now, MAX_DAYS[timeDimension ?? 'none']);
  if (isFailure(range)) return range;
  const filters = readReportFilters(p);
  if (isFailure(filters)) return filters;
  const orderField = optionalText(p, 'order_field');
  if (isFailure(orderField)) return orderField;
  const orderType = textOr(p, 'order_type', 'DESC');
  if (isFailure(orderType)) return orderType;
  const order = oneOf('order_type', orderType, ['ASC', 'DESC']);
  if (isFailure(order)) return order;
  const mode = textOr(p, 'query_mode', 'REGULAR');
  if (isFailure(mode)) return mode;
  const queryMode = oneOf('query_mode', mode, ['REGULAR', 'CHUNK']);
  if (isFailure(queryMode)) return queryMode;
  const page = readPage(p);
  if (isFailure(page)) return page;
  const totals = optionalBoolean(p, 'enable_total_metrics');
  if (isFailure(totals)) return totals;
  return {
    level: idDimension ? level : 'account', dimensions: [...new Set(dimensions)], idDimension, timeDimension, grain: timeDimension === 'stat_time_hour' ? 'hour' : timeDimension ? 'day' : 'total',
    metrics: metrics && metrics.length > 0 ? metrics : ['spend', 'impressions'], since: range.since, until: range.until, filters,
    orderField: orderField ?? null, descending: order === 'DESC', page, chunk: queryMode === 'CHUNK', totals: totals === true,
  };
}
