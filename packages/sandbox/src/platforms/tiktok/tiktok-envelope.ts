import { randomBytes } from 'node:crypto';
import type { SandboxResponse } from '../../http/http.types.ts';
import type { JsonValue } from '../../simulator/world.types.ts';

/** TikTok API for Business codes the sandbox answers with (reference §3.8). */
export const TT = {
  OK: 0,
  INVALID_PARAMS: 40000,
  NO_PERMISSION: 40001,
  PARAM_ERROR: 40002,
  NOT_EXIST: 40007,
  NOT_IMPLEMENTED: 40008,
  NOT_IN_SANDBOX: 40009,
  TOO_MANY_IDS: 40011,
  ENDPOINT_RATE_LIMIT: 40016,
  APP_RATE_LIMIT: 40100,
  APP_SECRET_MISMATCH: 40101,
  TOKEN_EXPIRED: 40102,
  TOKEN_EMPTY: 40104,
  TOKEN_INVALID: 40105,
  CORE_USER_INVALID: 40106,
  AUTH_CODE_INVALID: 40110,
  ADVERTISER_QPS: 40133,
  WRITE_CONFLICT: 40202,
  ADVERTISER_NOT_EXIST: 40300,
  MAX_ADS_REACHED: 40502,
  SYSTEM_ERROR: 50000,
  SERVER_ERROR: 50002,
  MAINTENANCE: 60001,
} as const;

/** A request id shaped like TikTok's: local timestamp digits followed by hex. */
export function tiktokRequestId(now: number): string {
  const stamp = new Date(now).toISOString().replace(/\D/g, '').slice(0, 14);
  return stamp + randomBytes(9).toString('hex').toUpperCase();
}

/** The envelope always travels with HTTP 200; only `code === 0` is success. */
export function envelope(code: number, message: string, data: JsonValue, now: number): SandboxResponse {
  return { status: 200, json: { code, message, request_id: tiktokRequestId(now), data } };
}

/** An error outcome a handler returns; the API layer wraps it in the envelope. */
export interface TikTokFailure {
  code: number;
  message: string;
}

export type TikTokResult = { data: JsonValue } | TikTokFailure;

export const fail = (code: number, message: string): TikTokFailure => ({ code, message });
export const ok = (data: JsonValue): TikTokResult => ({ data });
export const isFailure = (value: unknown): value is TikTokFailure =>
  typeof value === 'object' && value !== null && 'code' in value && 'message' in value && !('data' in value);
