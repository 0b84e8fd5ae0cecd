import type { IncomingHttpHeaders } from 'node:http';

/** A parsed request as the platform handlers see it. */
export interface SandboxRequest {
  method: string;
  url: URL;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  rawBody: string;
  /** The body's bytes as sent (multipart uploads carry binary files that `rawBody` cannot). */
  bodyBytes?: Buffer;
  /** Parsed JSON body (undefined when the body is not JSON). */
  json: unknown;
  /** Parsed form body (null when the body is not form-encoded). */
  form: URLSearchParams | null;
  /** Named groups of the matched route pattern. */
  params: Record<string, string>;
}

/** What a handler answers; the server writes it. */
export interface SandboxResponse {
  status: number;
  headers?: Record<string, string>;
  json?: unknown;
  html?: string;
  text?: string;
  /** Wait this long before answering (slow responses). */
  delayMs?: number;
  /** Wait `delayMs`, then close the connection without answering (timeouts). */
  drop?: boolean;
}

export type Handler = (req: SandboxRequest) => SandboxResponse | Promise<SandboxResponse>;

export interface Route {
  method: string;
  pattern: RegExp;
  handler: Handler;
}

export function header(req: SandboxRequest, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** A request parameter from the query string, form body or JSON body, in that order. */
export function param(req: SandboxRequest, name: string): string | undefined {
  const fromQuery = req.query.get(name);
  if (fromQuery !== null) return fromQuery;
  const fromForm = req.form?.get(name);
  if (fromForm !== null && fromForm !== undefined) return fromForm;
  if (req.json && typeof req.json === 'object' && !Array.isArray(req.json)) {
    const value: unknown = Reflect.get(req.json, name);
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    if (value !== undefined && value !== null) return JSON.stringify(value);
  }
  return undefined;
}

export function json(status: number, body: unknown, headers?: Record<string, string>): SandboxResponse {
  return headers ? { status, json: body, headers } : { status, json: body };
}

export function redirect(location: string): SandboxResponse {
  return { status: 302, headers: { location }, text: '' };
}
