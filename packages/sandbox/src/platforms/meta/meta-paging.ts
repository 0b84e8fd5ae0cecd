import type { SandboxRequest } from '../../http/http.types.ts';
import { param } from '../../http/http.types.ts';

const encode = (offset: number): string => Buffer.from(`cursor:${offset}`).toString('base64url');
const decode = (cursor: string): number => {
  const m = /^cursor:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return m ? Number(m[1]) : 0;
};

/**
 * Cursor paging: `{data, paging: {cursors: {before, after}, next?, previous?}}`; next is a full URL with the token.
 * Clients must stop only when `next` is absent: when the items fill the last page exactly, `next` leads to an empty page.
 */
export function pageOf<T>(req: SandboxRequest, baseUrl: string, items: readonly T[], defaultLimit = 25): { data: T[]; paging: Record<string, unknown> } {
  const limit = Math.min(Math.max(Number(param(req, 'limit') ?? defaultLimit) || defaultLimit, 1), 5000);
  const after = param(req, 'after');
  const before = param(req, 'before');
  let start = after ? decode(after) : 0;
  if (!after && before) start = Math.max(0, decode(before) - limit);
  const data = items.slice(start, start + limit);
  const link = (key: 'after' | 'before', value: string): string => {
    const url = new URL(baseUrl + req.path);
    req.query.forEach((v, k) => url.searchParams.set(k, v));
    req.form?.forEach((v, k) => url.searchParams.set(k, v));
    url.searchParams.delete('after');
    url.searchParams.delete('before');
    url.searchParams.set('limit', String(limit));
    url.searchParams.set(key, value);
    return url.toString();
  };
  const paging: Record<string, unknown> = { cursors: { before: encode(start), after: encode(start + data.length) } };
  // Like Graph, a full page always carries `next`, so the page after the last full one can be empty yet linked.
  if (data.length === limit) paging.next = link('after', encode(start + data.length));
  if (start > 0) paging.previous = link('before', encode(start));
  return { data, paging };
}
