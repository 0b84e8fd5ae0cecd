import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';
import { keys } from '../../lib/queries.ts';
import type { ApproveBody, AutomationState, CampaignChange, ChangeSettings, ChangeSettingsBody, Page, RejectBody } from '../../lib/types.ts';
import { toDecisionResults, type DecisionResult } from './decision-results.ts';

/** Every URL of the approval API in one place (the pages never write them). */
const paths = {
  proposals: (orgId: string) => `/orgs/${orgId}/proposals`,
  approve: (orgId: string) => `/orgs/${orgId}/proposals/approve`,
  reject: (orgId: string) => `/orgs/${orgId}/proposals/reject`,
  settings: (orgId: string) => `/orgs/${orgId}/change-settings`,
  stop: (orgId: string) => `/orgs/${orgId}/automation/stop`,
  resume: (orgId: string) => `/orgs/${orgId}/automation/resume`,
};

export const proposalsPath = paths.proposals;

export async function approveProposals(orgId: string, body: ApproveBody, ids: readonly string[]): Promise<DecisionResult[]> {
  return toDecisionResults(await api.post<unknown>(paths.approve(orgId), body), ids, 'approved');
}

export async function rejectProposals(orgId: string, body: RejectBody): Promise<DecisionResult[]> {
  return toDecisionResults(await api.post<unknown>(paths.reject(orgId), body), body.changeIds, 'rejected');
}

export const changeSettingsQuery = (orgId: string) =>
  queryOptions({
    queryKey: keys.changeSettings(orgId),
    queryFn: () => api.get<ChangeSettings>(paths.settings(orgId)),
    staleTime: 30_000,
  });

export const useChangeSettings = (orgId: string) => useQuery(changeSettingsQuery(orgId));

export const saveChangeSettings = (orgId: string, body: ChangeSettingsBody) => api.patch<ChangeSettings>(paths.settings(orgId), body);
export const stopAutomation = (orgId: string) => api.post<AutomationState & { stoppedChanges: number }>(paths.stop(orgId));
export const resumeAutomation = (orgId: string) => api.post<AutomationState>(paths.resume(orgId));

/** How many proposals wait, for the navigation's badge (one page of the smallest size: 100 or more shows "99+"). */
export function useWaitingCount(orgId: string, enabled: boolean): number | null {
  const { data } = useQuery({
    queryKey: keys.proposals(orgId, { count: true }),
    queryFn: () => api.get<Page<CampaignChange>>(paths.proposals(orgId), { state: 'proposed', limit: 100 }),
    enabled,
    refetchInterval: 60_000,
    retry: false,
  });
  return data ? data.items.length : null;
}
