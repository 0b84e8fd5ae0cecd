import { z } from 'zod';
import { PlatformError, type TokenSet } from '../types.ts';

export interface GoogleAdsConfig {
  /** e.g. https://googleads.googleapis.com or the sandbox URL. */
  baseUrl: string;
  /** e.g. https://oauth2.googleapis.com (token, revoke) — the sandbox serves both on one host. */
  oauthBaseUrl: string;
  /** Where the consent page lives, e.g. https://accounts.google.com. */
  authorizeBaseUrl: string;
  clientId: string;
  clientSecret: string;
  developerToken: string;
  apiVersion?: string;
  fetch?: typeof fetch;
}

const GoogleAdsFailure = z.object({
  error: z.object({
    code: z.number(),
    message: z.string(),
    status: z.string().optional(),
    details: z
      .array(
        z.object({
          errors: z
            .array(
              z.object({
                errorCode: z.record(z.string(), z.string()),
                message: z.string(),
                location: z.object({ fieldPathElements: z.array(z.object({ fieldName: z.string() })) }).optional(),
                details: z.object({ quotaErrorDetails: z.object({ retryDelay: z.string().optional() }).optional() }).optional(),
              }),
            )
            .optional(),
          retryDelay: z.string().optional(),
        }),
      )
      .optional(),
  }),
});

const seconds = (value: string | undefined) => (value ? Number.parseFloat(value.replace(/s$/, '')) : undefined);

/**
 * The error object of a failed call. `search` and the mutates answer `{error}`; `searchStream` is a
 * streaming method, so its REST answer is a JSON array and a failure arrives as an element of it
 * (`[{error}]`, or after the batches already sent when it fails mid-stream).
 */
export function googleErrorOf(body: unknown): unknown {
  if (!Array.isArray(body)) return body;
  const items: unknown[] = body;
  return items.find((item) => GoogleAdsFailure.safeParse(item).success);
}

/** Maps a google.rpc.Status (with its GoogleAdsFailure detail), alone or in a stream array, to a PlatformError kind. */
export function classifyGoogleError(httpStatus: number, body: unknown): PlatformError {
  const parsed = GoogleAdsFailure.safeParse(googleErrorOf(body));
  const status = parsed.success ? parsed.data.error : undefined;
  const first = status?.details?.flatMap((d) => d.errors ?? [])[0];
  const retryDelay = status?.details?.find((d) => d.retryDelay)?.retryDelay ?? first?.details?.quotaErrorDetails?.retryDelay;
  const code = first ? Object.entries(first.errorCode)[0] : undefined;
  const message = first?.message ?? status?.message ?? `HTTP ${httpStatus}`;
  const details = {
    platform: 'google_ads' as const,
    platformMessage: message,
    platformCode: code ? `${code[0]}.${code[1]}` : status?.status,
    httpStatus,
    field: first?.location?.fieldPathElements.map((e) => e.fieldName).join('.'),
    retryAfterSeconds: seconds(retryDelay),
  };
  if (httpStatus === 401) return new PlatformError('auth_expired', 'Google Ads refused the access token', details);
  if (httpStatus === 429 || status?.status === 'RESOURCE_EXHAUSTED') return new PlatformError('rate_limited', message, details);
  if (httpStatus === 403) return new PlatformError('permission', message, details);
  if (httpStatus === 404) return new PlatformError('not_found', message, details);
  if (httpStatus >= 500) return new PlatformError('transient', message, details);
  if (code?.[1] === 'RESULT_TOO_LARGE' || /too (large|many rows)/i.test(message)) return new PlatformError('report_too_large', message, details);
  return new PlatformError('invalid_request', message, details);
}

/** One authenticated Google Ads REST call; network failures are `transient`. */
export async function googleAdsCall(
  config: GoogleAdsConfig,
  tokens: TokenSet,
  path: string,
  options: { method?: 'GET' | 'POST'; body?: unknown; loginCustomerId?: string | undefined } = {},
): Promise<unknown> {
  const doFetch = config.fetch ?? fetch;
  const headers: Record<string, string> = {
    authorization: `Bearer ${tokens.accessToken}`,
    'developer-token': config.developerToken,
    'content-type': 'application/json',
  };
  if (options.loginCustomerId) headers['login-customer-id'] = options.loginCustomerId;
  let response: Response;
  try {
    response = await doFetch(`${config.baseUrl}/${config.apiVersion ?? 'v21'}/${path}`, {
      method: options.method ?? 'POST',
      headers,
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
  } catch (error) {
    throw new PlatformError('transient', `Google Ads could not be reached: ${error instanceof Error ? error.message : String(error)}`, { platform: 'google_ads' });
  }
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!response.ok) throw classifyGoogleError(response.status, body);
  return body;
}
