import type { SandboxRequest } from '../../http/http.types.ts';
import { fail, isFailure, TT, type TikTokFailure } from './tiktok-envelope.ts';
import { parseMultipart } from './tiktok-multipart.ts';

/** Request parameters: the JSON body of a POST, or a GET query whose arrays/objects are JSON-encoded strings. */
export type TikTokParams = Record<string, unknown>;

function decodeQueryValue(raw: string): unknown {
  const trimmed = raw.trim();
  if (!trimmed.startsWith('[') && !trimmed.startsWith('{')) return raw;
  try {
    return JSON.parse(trimmed);
  } catch {
    return raw;
  }
}

export function readParams(req: SandboxRequest): TikTokParams | TikTokFailure {
  if (req.method === 'POST') {
    const type = String(req.headers['content-type'] ?? '');
    if (/^multipart\/form-data/i.test(type)) return parseMultipart(type, req.bodyBytes ?? Buffer.from(req.rawBody)) ?? fail(TT.PARAM_ERROR, 'Request body is not valid multipart/form-data.');
    if (req.json === undefined && req.rawBody.trim() !== '') return fail(TT.PARAM_ERROR, 'Request body must be valid JSON (Content-Type: application/json).');
    const body = req.json ?? {};
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return fail(TT.PARAM_ERROR, 'Request body must be a JSON object.');
    return { ...body };
  }
  const out: TikTokParams = {};
  req.query.forEach((value, key) => {
    out[key] = decodeQueryValue(value);
  });
  return out;
}

/** marshmallow-style messages, as TikTok's validator words them. */
export const missing = (field: string): TikTokFailure => fail(TT.PARAM_ERROR, `${field}: Missing data for required field.`);
export const invalid = (field: string, why: string): TikTokFailure => fail(TT.PARAM_ERROR, `${field}: ${why}`);

export function optionalText(p: TikTokParams, field: string): string | undefined | TikTokFailure {
  const value = p[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return invalid(field, 'Not a valid string.');
}

/** An optional text parameter with a default. */
export function textOr(p: TikTokParams, field: string, fallback: string): string | TikTokFailure {
  const value = optionalText(p, field);
  return isFailure(value) ? value : value ?? fallback;
}

export function requiredText(p: TikTokParams, field: string): string | TikTokFailure {
  const value = optionalText(p, field);
  if (value === undefined || value === '') return missing(field);
  return value;
}

export function optionalNumber(p: TikTokParams, field: string, integer = false): number | undefined | TikTokFailure {
  const value = p[field];
  if (value === undefined || value === null || value === '') return undefined;
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
  if (!Number.isFinite(n)) return invalid(field, integer ? 'Not a valid integer.' : 'Not a valid number.');
  if (integer && !Number.isInteger(n)) return invalid(field, 'Not a valid integer.');
  return n;
}

export function optionalList(p: TikTokParams, field: string): unknown[] | undefined | TikTokFailure {
  const value = p[field];
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value;
  return invalid(field, 'Not a valid list.');
}

export function optionalStringList(p: TikTokParams, field: string): string[] | undefined | TikTokFailure {
  const list = optionalList(p, field);
  if (list === undefined || !Array.isArray(list)) return list;
  if (list.some((v) => typeof v !== 'string' && typeof v !== 'number')) return invalid(field, 'Not a valid list of strings.');
  return list.map(String);
}

export function optionalObject(p: TikTokParams, field: string): Record<string, unknown> | undefined | TikTokFailure {
  const value = p[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'object' && !Array.isArray(value)) return { ...value };
  return invalid(field, 'Not a valid mapping type.');
}

export function optionalBoolean(p: TikTokParams, field: string): boolean | undefined | TikTokFailure {
  const value = p[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  return invalid(field, 'Not a valid boolean.');
}

export function oneOf<T extends string>(field: string, value: string, allowed: readonly T[]): T | TikTokFailure {
  const found = allowed.find((a) => a === value);
  return found ?? invalid(field, `Must be one of: ${allowed.join(', ')}.`);
}
