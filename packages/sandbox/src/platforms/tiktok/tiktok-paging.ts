import { fail, isFailure, TT, type TikTokFailure } from './tiktok-envelope.ts';
import { invalid, optionalNumber, type TikTokParams } from './tiktok-params.ts';

export interface PageRequest {
  page: number;
  pageSize: number;
}

export type PageInfo = { page: number; page_size: number; total_number: number; total_page: number };

/** `page` (≥ 1, default 1) and `page_size` (1–max, default 10 unless the endpoint says otherwise). */
export function readPage(p: TikTokParams, maxPageSize = 1000, defaultPageSize = 10): PageRequest | TikTokFailure {
  const page = optionalNumber(p, 'page', true);
  if (isFailure(page)) return page;
  const pageSize = optionalNumber(p, 'page_size', true);
  if (isFailure(pageSize)) return pageSize;
  if (page !== undefined && page < 1) return invalid('page', 'Must be greater than or equal to 1.');
  if (pageSize !== undefined && (pageSize < 1 || pageSize > maxPageSize)) return invalid('page_size', `Must be greater than or equal to 1 and less than or equal to ${maxPageSize}.`);
  return { page: page ?? 1, pageSize: pageSize ?? defaultPageSize };
}

/** One page of `items` with TikTok's page_info; a page past the end is empty, not an error. */
export function pageOf<T>(items: readonly T[], req: PageRequest): { list: T[]; page_info: PageInfo } {
  const start = (req.page - 1) * req.pageSize;
  return {
    list: items.slice(start, start + req.pageSize),
    page_info: { page: req.page, page_size: req.pageSize, total_number: items.length, total_page: Math.ceil(items.length / req.pageSize) },
  };
}

/** Caps the number of IDs in one request (status updates, filters). */
export function checkIdCount(field: string, ids: readonly string[], max: number): TikTokFailure | null {
  if (ids.length === 0) return invalid(field, 'Length must be greater than or equal to 1.');
  return ids.length > max ? fail(TT.TOO_MANY_IDS, `${field}: Too many IDs; at most ${max} are allowed per request.`) : null;
}
