import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';
import { copyKeys } from './copy-api.ts';
import { flattenPages, type CopyGenerationPage } from './copy-history-model.ts';
import type { CopyGeneration } from './copy-types.ts';

const PAGE_SIZE = 25;

/** The organisation's copy generations, newest first; more load on through the cursor ("Load more"). */
export function useCopyHistory(orgId: string) {
  const result = useInfiniteQuery({
    queryKey: ['orgs', orgId, 'copy', 'generations', 'list'] as const,
    queryFn: ({ pageParam }) => api.get<CopyGenerationPage>(`/orgs/${orgId}/copy/generations`, { limit: PAGE_SIZE, cursor: pageParam ?? undefined }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  return { ...result, generations: flattenPages(result.data?.pages) };
}

/** One generation in full (its variations and checks), fetched when it is opened. */
export function useCopyGeneration(orgId: string, generationId: string | null) {
  return useQuery({
    queryKey: copyKeys.generation(orgId, generationId ?? ''),
    queryFn: () => api.get<CopyGeneration>(`/orgs/${orgId}/copy/generations/${generationId ?? ''}`),
    enabled: generationId !== null,
  });
}
