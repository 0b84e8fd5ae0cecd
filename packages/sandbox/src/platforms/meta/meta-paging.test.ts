import { describe, expect, it } from 'vitest';
import type { SandboxRequest } from '../../http/http.types.ts';
import { pageOf } from './meta-paging.ts';

function request(query: string): SandboxRequest {
  const url = new URL(`http://sandbox/v25.0/act_1/campaigns?${query}`);
  return { method: 'GET', url, path: url.pathname, query: url.searchParams, headers: {}, rawBody: '', json: undefined, form: null, params: {} };
}

describe('Meta cursor paging', () => {
  it('links a full last page to an empty page that has no next', () => {
    const items = [1, 2, 3, 4];
    const first = pageOf(request('limit=2&access_token=t'), 'http://sandbox', items);
    const second = pageOf(request(new URL(String(first.paging.next)).search.slice(1)), 'http://sandbox', items);
    expect(second.data).toEqual([3, 4]);
    expect(typeof second.paging.next).toBe('string');
    const third = pageOf(request(new URL(String(second.paging.next)).search.slice(1)), 'http://sandbox', items);
    expect(third.data).toEqual([]);
    expect(third.paging.next).toBeUndefined();
    expect(new URL(String(second.paging.next)).searchParams.get('access_token')).toBe('t');
  });

  it('leaves next off a short page', () => {
    expect(pageOf(request('limit=5'), 'http://sandbox', [1, 2, 3]).paging.next).toBeUndefined();
  });
});
