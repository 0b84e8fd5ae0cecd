import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from '../../lib/api.ts';
import { keys } from '../../lib/queries.ts';
import type { CheckCopyBody, CheckCopyResponse, CopyGeneration, CopyPromptView, GenerateCopyBody, PublishCopyBody, PublishCopyResponse, RegenerateCopyBody } from './copy-types.ts';

const base = (orgId: string) => `/orgs/${orgId}/copy`;

export const copyKeys = {
  generation: (orgId: string, id: string) => ['orgs', orgId, 'copy', 'generations', id] as const,
  prompt: (orgId: string, id: string) => ['orgs', orgId, 'copy', 'generations', id, 'prompt'] as const,
};

/** The prompt exactly as sent (fetched when "View prompt" opens). */
export const promptQuery = (orgId: string, generationId: string) =>
  queryOptions({
    queryKey: copyKeys.prompt(orgId, generationId),
    queryFn: () => api.get<CopyPromptView>(`${base(orgId)}/generations/${generationId}/prompt`),
    staleTime: 0,
  });

/** True when the organisation's monthly AI cap stops new copy (HTTP 402 `ai_cap_reached`). */
export const isCapReached = (error: unknown) => isApiError(error, 'ai_cap_reached');

export function useGenerateCopy(orgId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: GenerateCopyBody) => api.post<CopyGeneration>(`${base(orgId)}/generations`, body),
    onSuccess: (generation) => client.setQueryData(copyKeys.generation(orgId, generation.id), generation),
  });
}

export function useRegenerateCopy(orgId: string, generationId: string | undefined) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: RegenerateCopyBody) => api.post<CopyGeneration>(`${base(orgId)}/generations/${generationId ?? ''}/regenerate`, body),
    onSuccess: (generation) => {
      client.setQueryData(copyKeys.generation(orgId, generation.id), generation);
      void client.invalidateQueries({ queryKey: copyKeys.prompt(orgId, generation.id) });
    },
  });
}

/** The server's check of edited copy (the browser checked it already; this adds the landing page). */
export const checkCopy = (orgId: string, body: CheckCopyBody) => api.post<CheckCopyResponse>(`${base(orgId)}/check`, body);

export function usePublishCopy(orgId: string, generationId: string | undefined) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: PublishCopyBody) => api.post<PublishCopyResponse>(`${base(orgId)}/generations/${generationId ?? ''}/publish`, body),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: keys.proposals(orgId) });
      void client.invalidateQueries({ queryKey: keys.campaignChanges(orgId) });
    },
  });
}
