import { useInfiniteQuery, type QueryKey } from '@tanstack/react-query';
import { api } from './api.ts';
import type { Page } from './types.ts';

/** A keyset-paginated list: pages load on demand ("Load more") and flatten into `items`. */
export function usePaged<T>(queryKey: QueryKey, path: string, query: Record<string, string | undefined> = {}, options: { refetchInterval?: number; limit?: number } = {}) {
  const result = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) => api.get<Page<T>>(path, { ...query, limit: options.limit ?? 25, cursor: pageParam ?? undefined }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    ...(options.refetchInterval ? { refetchInterval: options.refetchInterval } : {}),
  });
  const items = result.data?.pages.flatMap((p) => p.items) ?? [];
  return { ...result, items };
}
