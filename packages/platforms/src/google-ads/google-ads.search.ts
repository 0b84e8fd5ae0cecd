import { z } from 'zod';
import type { TokenSet } from '../types.ts';
import { classifyGoogleError, googleAdsCall, googleErrorOf, type GoogleAdsConfig } from './google-ads.http.ts';

const SearchPage = z.object({ results: z.array(z.record(z.string(), z.unknown())).optional(), nextPageToken: z.string().optional() });
const StreamBatches = z.array(z.object({ results: z.array(z.record(z.string(), z.unknown())).optional() }));

export type GaqlRow = Record<string, unknown>;

/** One page of `googleAds:search` (fixed 10,000-row pages; `nextPageToken` to continue). */
export async function searchPage(config: GoogleAdsConfig, tokens: TokenSet, customerId: string, query: string, pageToken: string | null, loginCustomerId?: string): Promise<{ rows: GaqlRow[]; nextPage: string | null }> {
  const body = await googleAdsCall(config, tokens, `customers/${customerId}/googleAds:search`, {
    body: pageToken ? { query, pageToken } : { query },
    loginCustomerId,
  });
  const page = SearchPage.parse(body ?? {});
  return { rows: page.results ?? [], nextPage: page.nextPageToken ?? null };
}

/** Every row of a query through `googleAds:searchStream` (one response, many batches). */
export async function searchAll(config: GoogleAdsConfig, tokens: TokenSet, customerId: string, query: string, loginCustomerId?: string): Promise<GaqlRow[]> {
  const body = await googleAdsCall(config, tokens, `customers/${customerId}/googleAds:searchStream`, { body: { query }, loginCustomerId });
  // A stream that fails after it started answers HTTP 200 with the error as its last element.
  const failure = Array.isArray(body) ? googleErrorOf(body) : undefined;
  if (failure !== undefined) throw classifyGoogleError(statusCodeOf(failure), failure);
  return StreamBatches.parse(body ?? []).flatMap((batch) => batch.results ?? []);
}

function statusCodeOf(failure: unknown): number {
  const code = pick({ failure }, 'failure.error.code');
  return typeof code === 'number' ? code : 500;
}

/** Reads `row.campaign.id` style paths from a GAQL result row (camelCase JSON). */
export function pick(row: GaqlRow, path: string): unknown {
  let node: unknown = row;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

export const str = (row: GaqlRow, path: string): string => {
  const value = pick(row, path);
  return value === undefined || value === null ? '' : String(value);
};

/** int64 fields arrive as JSON strings; metrics may be absent when zero. */
export const num = (row: GaqlRow, path: string): number => {
  const value = pick(row, path);
  const parsed = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : 0;
  return Number.isFinite(parsed) ? parsed : 0;
};
