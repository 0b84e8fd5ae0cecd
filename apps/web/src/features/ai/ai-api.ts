import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';
import type { AiSettings, AiSettingsBody, AiUsage } from './ai-types.ts';

export const aiKeys = {
  settings: (orgId: string) => ['orgs', orgId, 'ai', 'settings'] as const,
  usage: (orgId: string, month: string | undefined) => ['orgs', orgId, 'ai', 'usage', month ?? 'current'] as const,
};

export function useAiSettings(orgId: string) {
  return useQuery({ queryKey: aiKeys.settings(orgId), queryFn: () => api.get<AiSettings>(`/orgs/${orgId}/ai/settings`) });
}

export function saveAiSettings(orgId: string, body: AiSettingsBody): Promise<AiSettings> {
  return api.put<AiSettings>(`/orgs/${orgId}/ai/settings`, body);
}

/** The month's usage; the recent calls load on ("Load more") through the same endpoint's cursor. */
export function useAiUsage(orgId: string, month: string | undefined) {
  const result = useInfiniteQuery({
    queryKey: aiKeys.usage(orgId, month),
    queryFn: ({ pageParam }) => api.get<AiUsage>(`/orgs/${orgId}/ai/usage`, { month, limit: 25, cursor: pageParam ?? undefined }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.recent.nextCursor,
  });
  const summary = result.data?.pages[0];
  const calls = result.data?.pages.flatMap((p) => p.recent.items) ?? [];
  return { ...result, summary, calls };
}
