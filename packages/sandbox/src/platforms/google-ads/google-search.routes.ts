import { json, type SandboxRequest, type SandboxResponse } from '../../http/http.types.ts';
import type { SandboxContext } from '../../sandbox-context.ts';
import { hash32 } from '../../simulator/prng.ts';
import { executeGaql, type GaqlResult } from './gaql-executor.ts';
import { GaqlError } from './gaql.types.ts';
import { adsError, adsFailure } from './google-errors.ts';
import type { GoogleCall } from './google-auth.ts';
import { badRequest, readRequestBody, SEARCH_REQUEST, SEARCH_STREAM_REQUEST } from './google-request-fields.ts';
import type { Account } from '../../simulator/world.types.ts';

export const PAGE_SIZE = 10_000;
const SUMMARY_ROW_SETTINGS = ['UNSPECIFIED', 'NO_SUMMARY_ROW', 'SUMMARY_ROW_WITH_RESULTS', 'SUMMARY_ROW_ONLY'];

function run(ctx: SandboxContext, call: GoogleCall, customer: Account, query: string): ReturnType<typeof executeGaql> | SandboxResponse {
  try {
    const world = ctx.sim.world();
    return executeGaql({ world: world.platforms.google, engine: ctx.sim.engine, customer, query, now: ctx.sim.clock.now(), anchor: world.anchor });
  } catch (error) {
    if (!(error instanceof GaqlError)) throw error;
    const trigger = error.trigger === undefined ? {} : { trigger: { stringValue: error.trigger } };
    return adsFailure(400, [adsError(error.category, error.code, error.message, { ...trigger, location: { fieldPathElements: [{ fieldName: 'query' }] } })], call.version, call.requestId);
  }
}

function pageToken(query: string, offset: number): string {
  return Buffer.from(JSON.stringify({ q: hash32(query), o: offset })).toString('base64url');
}

function readPageToken(token: string, query: string): number | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (!parsed || typeof parsed !== 'object') return null;
    const q: unknown = Reflect.get(parsed, 'q');
    const o: unknown = Reflect.get(parsed, 'o');
    return q === hash32(query) && typeof o === 'number' ? o : null;
  } catch {
    return null;
  }
}

/** proto3 JSON leaves out empty repeated fields, so a batch without rows has no `results` key. */
function batch(rows: GaqlResult['rows'], fieldMask: string, requestId: string): Record<string, unknown> {
  return rows.length > 0 ? { results: rows, fieldMask, requestId } : { fieldMask, requestId };
}

function searchSetting(b: Record<string, unknown>, name: string): boolean {
  const settings = b.searchSettings;
  return typeof settings === 'object' && settings !== null && Reflect.get(settings, name) === true;
}

/** `googleAds:search`: fixed 10,000-row pages with nextPageToken; `searchSettings` as in SearchGoogleAdsRequest. */
export function search(ctx: SandboxContext, req: SandboxRequest, call: GoogleCall, customer: Account): SandboxResponse {
  const read = readRequestBody(req, SEARCH_REQUEST);
  if ('error' in read) return read.error;
  const b = read.body;
  const bad = (code: string, message: string, field: string): SandboxResponse =>
    adsFailure(400, [adsError('requestError', code, message, { location: { fieldPathElements: [{ fieldName: field }] } })], call.version, call.requestId);
  if (typeof b.query !== 'string' || b.query.trim() === '') return bad('REQUIRED_FIELD_MISSING', 'Required field was not specified.', 'query');
  if (b.pageSize !== undefined) return bad('PAGE_SIZE_NOT_SUPPORTED', 'Setting the page size is not supported. Search Responses will have fixed page size of \'10000\' rows.', 'page_size');
  let offset = 0;
  if (typeof b.pageToken === 'string' && b.pageToken !== '') {
    const parsed = readPageToken(b.pageToken, b.query);
    if (parsed === null) return bad('INVALID_PAGE_TOKEN', 'Page token is invalid.', 'page_token');
    offset = parsed;
  }
  const result = run(ctx, call, customer, b.query);
  if ('status' in result) return result;
  if (b.validateOnly === true) return json(200, { fieldMask: result.fieldMask, requestId: call.requestId });
  const page = searchSetting(b, 'omitResults') ? [] : result.rows.slice(offset, offset + PAGE_SIZE);
  const out = batch(page, result.fieldMask, call.requestId);
  if (offset + PAGE_SIZE < result.rows.length && !searchSetting(b, 'omitResults')) out.nextPageToken = pageToken(b.query, offset + PAGE_SIZE);
  if (searchSetting(b, 'returnTotalResultsCount')) out.totalResultsCount = String(result.totalCount);
  // The summary row comes by itself after every other row: on the last page.
  if (searchSetting(b, 'returnSummaryRow') && out.nextPageToken === undefined && result.summaryRow) out.summaryRow = result.summaryRow;
  out.queryResourceConsumption = String(100 + result.rows.length);
  return json(200, out);
}

/** `googleAds:searchStream`: one JSON array of batches, no paging. */
export function searchStream(ctx: SandboxContext, req: SandboxRequest, call: GoogleCall, customer: Account): SandboxResponse {
  const read = readRequestBody(req, SEARCH_STREAM_REQUEST);
  if ('error' in read) return read.error;
  const b = read.body;
  if (typeof b.query !== 'string' || b.query.trim() === '') {
    return adsFailure(400, [adsError('requestError', 'REQUIRED_FIELD_MISSING', 'Required field was not specified.', { location: { fieldPathElements: [{ fieldName: 'query' }] } })], call.version, call.requestId);
  }
  const summary = b.summaryRowSetting ?? 'NO_SUMMARY_ROW';
  if (!SUMMARY_ROW_SETTINGS.includes(String(summary))) {
    return badRequest(`Invalid value at 'summary_row_setting' (type.googleapis.com/google.ads.googleads.${call.version}.enums.SummaryRowSettingEnum.SummaryRowSetting), ${JSON.stringify(summary)}`, 'summary_row_setting');
  }
  const result = run(ctx, call, customer, b.query);
  if ('status' in result) return result;
  const batches: Array<Record<string, unknown>> = [];
  if (summary !== 'SUMMARY_ROW_ONLY') {
    for (let i = 0; i < Math.max(result.rows.length, 1); i += PAGE_SIZE) batches.push(batch(result.rows.slice(i, i + PAGE_SIZE), result.fieldMask, call.requestId));
  }
  if (summary !== 'NO_SUMMARY_ROW' && summary !== 'UNSPECIFIED' && result.summaryRow) batches.push({ summaryRow: result.summaryRow, fieldMask: result.fieldMask, requestId: call.requestId });
  if (batches.length === 0) batches.push(batch([], result.fieldMask, call.requestId));
  const last = batches[batches.length - 1];
  if (last) last.queryResourceConsumption = String(100 + result.rows.length);
  return json(200, batches);
}

/**
 * searchStream is a server-streaming method: over REST its answer is a JSON array, failures
 * included (`[{"error": {...}}]`), whatever stage refused the request.
 */
export function asStreamAnswer(response: SandboxResponse): SandboxResponse {
  const body: unknown = response.json;
  const isError = response.status >= 400 && typeof body === 'object' && body !== null && !Array.isArray(body) && 'error' in body;
  return isError ? { ...response, json: [body] } : response;
}
