import { z } from 'zod';
import { PlatformError, type PlatformErrorKind } from '../types.ts';

export interface TikTokConfig {
  /** e.g. https://business-api.tiktok.com or the sandbox URL (paths add /open_api/v1.3/...). */
  baseUrl: string;
  /** Where the advertiser authorisation page lives, e.g. https://business-api.tiktok.com. */
  authorizeBaseUrl: string;
  appId: string;
  secret: string;
  fetch?: typeof fetch;
}

const Envelope = z.object({ code: z.number(), message: z.string(), request_id: z.string().optional(), data: z.unknown() });

const KIND_BY_CODE: Record<number, PlatformErrorKind> = {
  40100: 'rate_limited',
  40016: 'rate_limited',
  40133: 'rate_limited',
  40102: 'auth_expired',
  40104: 'auth_expired',
  40105: 'auth_expired',
  40110: 'auth_expired',
  40001: 'permission',
  40106: 'permission',
  40007: 'not_found',
  40300: 'not_found',
  40202: 'transient',
  50000: 'transient',
  50002: 'transient',
  60001: 'transient',
};

/** TikTok answers HTTP 200 with a non-zero `code` on errors; the code decides the kind. */
export function classifyTikTokError(code: number, message: string): PlatformError {
  const kind = KIND_BY_CODE[code] ?? (code >= 50000 ? 'transient' : 'invalid_request');
  const field = /^([a-z_]+)[:.]/.exec(message)?.[1];
  return new PlatformError(kind, message, {
    platform: 'tiktok',
    platformMessage: message,
    platformCode: code,
    field: kind === 'invalid_request' ? field : undefined,
    // TikTok sends no retry headers; its limits are per second/minute, so one second is the honest floor.
    retryAfterSeconds: kind === 'rate_limited' ? 1 : undefined,
  });
}

/** One call to `/open_api/v1.3/<path>` (trailing slash included) returning `data`. */
export async function tiktokCall(
  config: TikTokConfig,
  path: string,
  options: { method?: 'GET' | 'POST'; params?: Record<string, unknown>; form?: FormData; accessToken?: string } = {},
): Promise<unknown> {
  const method = options.method ?? 'GET';
  const url = new URL(`${config.baseUrl}/open_api/v1.3/${path}`);
  const headers: Record<string, string> = {};
  if (options.accessToken) headers['Access-Token'] = options.accessToken;
  let body: string | FormData | undefined;
  if (options.form) {
    // file/ uploads take multipart/form-data only; fetch sets the boundary.
    body = options.form;
  } else if (method === 'GET') {
    for (const [key, value] of Object.entries(options.params ?? {})) {
      if (value !== undefined) url.searchParams.set(key, typeof value === 'string' ? value : JSON.stringify(value));
    }
  } else {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.params ?? {});
  }
  let response: Response;
  try {
    response = await (config.fetch ?? fetch)(url, { method, headers, ...(body ? { body } : {}) });
  } catch (error) {
    throw new PlatformError('transient', `TikTok could not be reached: ${error instanceof Error ? error.message : String(error)}`, { platform: 'tiktok' });
  }
  if (!response.ok) {
    throw new PlatformError(response.status >= 500 ? 'transient' : 'invalid_request', `TikTok answered HTTP ${response.status}`, { platform: 'tiktok', httpStatus: response.status });
  }
  const envelope = Envelope.safeParse(await response.json().catch(() => null));
  if (!envelope.success) throw new PlatformError('transient', 'TikTok answered something that is not its envelope', { platform: 'tiktok' });
  if (envelope.data.code !== 0) throw classifyTikTokError(envelope.data.code, envelope.data.message);
  return envelope.data.data;
}
