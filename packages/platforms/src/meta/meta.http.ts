import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { PlatformError, type PlatformErrorKind } from '../types.ts';

export interface MetaConfig {
  /** Graph API host, e.g. https://graph.facebook.com or the sandbox URL (paths add /v25.0/...). */
  baseUrl: string;
  /** Where the login dialog lives, e.g. https://www.facebook.com (the sandbox serves it on its one host). */
  authorizeBaseUrl: string;
  appId: string;
  appSecret: string;
  /** Graph version path segment; defaults to v25.0 (Marketing API versions live about a year). */
  apiVersion?: string;
  /** Permissions asked for on the login dialog; ignored when `loginConfigId` is set. */
  scopes?: readonly string[];
  /** Facebook Login for Business configuration id, sent as `config_id` instead of `scope`. */
  loginConfigId?: string;
  /** The action type read from `actions` / `action_values` as conversions (one canonical type, never a sum of roll-ups). */
  conversionActionType?: string;
  /** Ranges longer than this many days (hourly ranges count 24 per day) run as async report jobs. */
  asyncReportAboveDays?: number;
  /** First wait between polls of an async report job; waits grow to `reportPollMaxIntervalMs`. */
  reportPollIntervalMs?: number;
  reportPollMaxIntervalMs?: number;
  /** An async job not complete after this long counts as stalled (`transient`: the caller spawns it again). */
  reportTimeoutMs?: number;
  /** Per-request timeout; an unanswered call is `transient`. */
  requestTimeoutMs?: number;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_API_VERSION = 'v25.0';

const GraphFailure = z.object({
  error: z.object({
    message: z.string().optional(),
    type: z.string().optional(),
    code: z.coerce.number().optional(),
    error_subcode: z.coerce.number().optional(),
    error_user_title: z.string().optional(),
    error_user_msg: z.string().optional(),
    is_transient: z.boolean().optional(),
    error_data: z.unknown().optional(),
    fbtrace_id: z.string().optional(),
  }),
});

/** Business-use-case (ads_management 80004, ads_insights 80000, …), app (4), user (17), page (32) and ad-account (613) throttles. */
const RATE_LIMIT_CODES = new Set([4, 17, 32, 341, 613]);
const AUTH_CODES = new Set([102, 190]);
/** Insights "request timed out, use a smaller range or an async job". */
const TOO_LARGE_SUBCODES = new Set([1504018, 1504038]);
const NOT_FOUND_SUBCODES = new Set([33]);
/** Budget validation subcodes whose message names no parameter. */
const FIELD_BY_SUBCODE: Record<number, string> = { 1885272: 'daily_budget', 1885621: 'daily_budget', 1885014: 'daily_budget' };
/** Without a hint, a throttled caller waits at least this long (Meta's windows are minutes to an hour). */
const DEFAULT_THROTTLE_SECONDS = 60;

function parseJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

/** Seconds until access returns, from the usage headers or the message ("estimated_time_to_regain_access: 3 minutes"). */
export function retryHintSeconds(message: string, headers?: Headers): number | undefined {
  const hints: number[] = [];
  const buc = parseJson(headers?.get('x-business-use-case-usage') ?? undefined);
  if (buc && typeof buc === 'object') {
    for (const entries of Object.values(buc)) {
      if (!Array.isArray(entries)) continue;
      for (const entry of entries) {
        const minutes = Number((entry as Record<string, unknown> | null)?.estimated_time_to_regain_access);
        if (Number.isFinite(minutes) && minutes > 0) hints.push(minutes * 60);
      }
    }
  }
  const account = parseJson(headers?.get('x-ad-account-usage') ?? undefined);
  const reset = Number(account && typeof account === 'object' ? (account as Record<string, unknown>).reset_time_duration : undefined);
  if (Number.isFinite(reset) && reset > 0) hints.push(reset);
  const inMessage = /estimated_time_to_regain_access:\s*(\d+)\s*minute/i.exec(message);
  if (inMessage) hints.push(Number(inMessage[1]) * 60);
  return hints.length > 0 ? Math.max(...hints) : undefined;
}

/** The parameter an invalid request blames: `error_data.blame_field_specs`, the message ("Param daily_budget must…"), or a known subcode. */
function blamedField(message: string, errorData: unknown, subcode: number | undefined): string | undefined {
  const data = parseJson(errorData);
  if (data && typeof data === 'object') {
    const specs = (data as Record<string, unknown>).blame_field_specs;
    const first = Array.isArray(specs) ? (specs as unknown[]).flat(2)[0] : undefined;
    if (typeof first === 'string' && first) return first;
    const blame = (data as Record<string, unknown>).blame_field;
    if (typeof blame === 'string' && blame) return blame;
  }
  const named = /\bParam(?:eter)?\s+([a-z_][a-z0-9_]*)/i.exec(message) ?? /\bThe parameter ([a-z_][a-z0-9_]*) is required/i.exec(message);
  if (named?.[1]) return named[1];
  return subcode === undefined ? undefined : FIELD_BY_SUBCODE[subcode];
}

/**
 * Maps a Graph error (`{"error":{code, error_subcode, message, is_transient, …}}`) to a PlatformError kind.
 * Graph's HTTP status is unreliable (most errors are 400), so code and subcode decide; the status only
 * settles answers without a Graph envelope.
 */
export function classifyMetaError(httpStatus: number, body: unknown, headers?: Headers): PlatformError {
  const parsed = GraphFailure.safeParse(body);
  const error = parsed.success ? parsed.data.error : undefined;
  const code = error?.code;
  const subcode = error?.error_subcode;
  const technical = error?.message ?? `HTTP ${httpStatus}`;
  const message = error?.error_user_msg ?? technical;
  let kind: PlatformErrorKind;
  if (code === undefined) {
    kind = httpStatus === 401 ? 'auth_expired' : httpStatus === 403 ? 'permission' : httpStatus === 404 ? 'not_found' : httpStatus === 429 ? 'rate_limited' : httpStatus >= 500 ? 'transient' : 'invalid_request';
  } else if (AUTH_CODES.has(code)) kind = 'auth_expired';
  else if (RATE_LIMIT_CODES.has(code) || (code >= 80000 && code <= 80014)) kind = 'rate_limited';
  else if ((subcode !== undefined && TOO_LARGE_SUBCODES.has(subcode)) || /reduce the amount of data/i.test(technical)) kind = 'report_too_large';
  else if (code === 1 && /client secret/i.test(technical)) kind = 'invalid_request';
  else if (code === 10 || (code >= 200 && code <= 299) || code === 3 || code === 368) kind = 'permission';
  else if (code === 803 || (code === 100 && subcode !== undefined && NOT_FOUND_SUBCODES.has(subcode))) kind = 'not_found';
  else if (code === 1 || code === 2 || code < 0 || error?.is_transient === true || httpStatus >= 500) kind = 'transient';
  else kind = 'invalid_request';
  const hint = kind === 'rate_limited' ? (retryHintSeconds(technical, headers) ?? DEFAULT_THROTTLE_SECONDS) : undefined;
  return new PlatformError(kind, message, {
    platform: 'meta',
    platformMessage: message,
    platformCode: code === undefined ? undefined : subcode === undefined ? code : `${code}/${subcode}`,
    field: kind === 'invalid_request' ? blamedField(technical, error?.error_data, subcode) : undefined,
    retryAfterSeconds: hint,
    httpStatus,
  });
}

type ParamValue = string | number | boolean | undefined | readonly unknown[] | Record<string, unknown>;

/** Graph parameters are strings; structured ones (time_range, filtering, effective_status) are JSON-encoded. */
function encode(params: Record<string, ParamValue>): URLSearchParams {
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    out.set(key, typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value));
  }
  return out;
}

/** `appsecret_proof`: HMAC-SHA256 of the access token keyed with the app secret, lowercase hex. */
export function appSecretProof(appSecret: string, accessToken: string): string {
  return createHmac('sha256', appSecret).update(accessToken).digest('hex');
}

/** `act_123` for a bare `123`; an id that already carries the prefix is kept. */
export function actPath(accountId: string): string {
  return accountId.startsWith('act_') ? accountId : `act_${accountId}`;
}

/**
 * One Graph call to `/<version>/<path>`. The token travels as the `access_token` parameter (query for
 * GET/DELETE, form body for POST) with its `appsecret_proof`. Network failures and timeouts are `transient`.
 */
export async function metaCall(
  config: MetaConfig,
  path: string,
  options: { method?: 'GET' | 'POST' | 'DELETE'; params?: Record<string, ParamValue>; accessToken?: string } = {},
): Promise<unknown> {
  const method = options.method ?? 'GET';
  const url = new URL(`${config.baseUrl}/${config.apiVersion ?? DEFAULT_API_VERSION}/${path}`);
  const params = encode(options.params ?? {});
  if (options.accessToken) {
    params.set('access_token', options.accessToken);
    params.set('appsecret_proof', appSecretProof(config.appSecret, options.accessToken));
  }
  if (method !== 'POST') params.forEach((value, key) => url.searchParams.set(key, value));
  let response: Response;
  try {
    response = await (config.fetch ?? fetch)(url, {
      method,
      ...(method === 'POST' ? { body: params } : {}),
      signal: AbortSignal.timeout(config.requestTimeoutMs ?? 120_000),
    });
  } catch (error) {
    throw new PlatformError('transient', `Meta could not be reached: ${error instanceof Error ? error.message : String(error)}`, { platform: 'meta' });
  }
  const text = await response.text().catch(() => '');
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!response.ok || (body && typeof body === 'object' && 'error' in body)) throw classifyMetaError(response.status, body, response.headers);
  if (body === null) throw new PlatformError('transient', 'Meta answered something that is not JSON', { platform: 'meta', httpStatus: response.status });
  return body;
}

const Paged = z.object({
  data: z.array(z.record(z.string(), z.unknown())),
  paging: z.object({ cursors: z.object({ after: z.string().optional() }).optional(), next: z.string().optional() }).optional(),
});

export type GraphRow = Record<string, unknown>;

/**
 * One page of a Graph edge. The next page is the `after` cursor, offered only while Graph links a
 * `next` page (a short or empty page can still have one). The cursor, not the `next` URL, is handed
 * out because that URL carries the access token.
 */
export async function metaPage(config: MetaConfig, path: string, accessToken: string, params: Record<string, ParamValue>, after: string | null | undefined): Promise<{ rows: GraphRow[]; after: string | null }> {
  const page = Paged.parse(await metaCall(config, path, { params: { ...params, ...(after ? { after } : {}) }, accessToken }));
  const next = page.paging?.next && page.paging.cursors?.after ? page.paging.cursors.after : null;
  return { rows: page.data, after: next };
}

/** Every row of a Graph edge, following `after` cursors until Graph stops linking a next page. */
export async function metaPageAll(config: MetaConfig, path: string, accessToken: string, params: Record<string, ParamValue>): Promise<GraphRow[]> {
  const rows: GraphRow[] = [];
  let after: string | null = null;
  let guard = 0;
  do {
    const page: { rows: GraphRow[]; after: string | null } = await metaPage(config, path, accessToken, params, after);
    rows.push(...page.rows);
    if (page.after !== null && page.after === after) throw new PlatformError('transient', `Meta paging of ${path} did not advance`, { platform: 'meta' });
    after = page.after;
  } while (after !== null && ++guard < 100_000);
  return rows;
}

export const text = (row: GraphRow, key: string): string => (row[key] === undefined || row[key] === null ? '' : String(row[key]));
