import type { FieldIssue } from '@adloop/contracts';
import { humanIssueMessage, withField } from './issue-messages.ts';

const BASE = '/api/v1';
const CSRF_COOKIE = 'adloop_csrf';
const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD']);

/** An error answered by the API (or a network failure, code `network_error`, status 0). */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: FieldIssue[] = [],
    readonly details?: unknown,
  ) {
    super(message);
  }

  /** The first message for each field named in `details.issues`. */
  fieldErrors(): Record<string, string> {
    const byField: Record<string, string> = {};
    for (const issue of this.issues) byField[issue.field] ??= issue.message;
    return byField;
  }
}

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

function readCookie(name: string): string | null {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function parseIssues(details: unknown): FieldIssue[] {
  if (!isRecord(details) || !Array.isArray(details.issues)) return [];
  return details.issues
    .filter((issue): issue is FieldIssue => isRecord(issue) && typeof issue.field === 'string' && typeof issue.message === 'string')
    .map((issue) => ({ ...issue, message: humanIssueMessage(issue.message) }));
}

async function toApiError(response: Response): Promise<ApiError> {
  const body: unknown = await response.json().catch(() => null);
  const error = isRecord(body) && isRecord(body.error) ? body.error : null;
  if (!error) return new ApiError(response.status, 'http_error', `The server answered ${response.status} ${response.statusText}`);
  const code = typeof error.code === 'string' ? error.code : 'http_error';
  const issues = parseIssues(error.details);
  // The server's summary of a validation failure names fields by path: say it in words instead.
  const summary = code === 'validation_failed' && issues.length > 0 ? issues.map((i) => withField(i.field, i.message)).join('; ') : null;
  const message = summary ?? (typeof error.message === 'string' ? error.message : 'Something went wrong');
  return new ApiError(response.status, code, message, issues, error.details);
}

type Query = Record<string, string | number | undefined | null>;

function withQuery(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return `${BASE}${path}${search ? `?${search}` : ''}`;
}

/**
 * Calls the API: JSON in and out, the session cookie, and the CSRF header on state-changing
 * requests. Resolves with the parsed body (undefined for 204); rejects with an ApiError.
 */
export async function request<T>(method: string, path: string, options: { body?: unknown; query?: Query } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (!SAFE_METHODS.has(method)) {
    const csrf = readCookie(CSRF_COOKIE);
    if (csrf) headers[CSRF_HEADER] = csrf;
  }
  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
  } catch {
    throw new ApiError(0, 'network_error', 'Could not reach Adloop. Check your connection and try again.');
  }
  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return undefined as T;
  // The body is the API contract's response type; the server validates it on the way out.
  return (await response.json()) as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, query ? { query } : {}),
  post: <T>(path: string, body: unknown = {}) => request<T>('POST', path, { body }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
};
