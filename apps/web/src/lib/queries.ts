import { QueryCache, QueryClient, queryOptions, useQuery } from '@tanstack/react-query';
import { api, isApiError } from './api.ts';
import type { AdAccountAssets, Me, Meta, Role } from './types.ts';

export const keys = {
  me: ['me'] as const,
  meta: ['meta'] as const,
  sessions: ['me', 'sessions'] as const,
  org: (orgId: string) => ['orgs', orgId] as const,
  members: (orgId: string) => ['orgs', orgId, 'members'] as const,
  invitations: (orgId: string) => ['orgs', orgId, 'invitations'] as const,
  apiKeys: (orgId: string) => ['orgs', orgId, 'api-keys'] as const,
  audit: (orgId: string, filters: object) => ['orgs', orgId, 'audit', filters] as const,
  mailbox: ['dev', 'mailbox'] as const,
  mail: (id: string) => ['dev', 'mailbox', id] as const,
  invitation: (token: string) => ['invitation', token] as const,
  connections: (orgId: string) => ['orgs', orgId, 'connections'] as const,
  connection: (orgId: string, connectionId: string) => ['orgs', orgId, 'connections', connectionId] as const,
  campaigns: (orgId: string, accountId: string) => ['orgs', orgId, 'ad-accounts', accountId, 'campaigns'] as const,
  syncRuns: (orgId: string, accountId: string) => ['orgs', orgId, 'ad-accounts', accountId, 'sync-runs'] as const,
  adAssets: (orgId: string, accountId: string) => ['orgs', orgId, 'ad-accounts', accountId, 'ad-assets'] as const,
  notifications: (orgId: string) => ['orgs', orgId, 'notifications'] as const,
  /** Every dashboard of the organisation (any range); with filters, one of them. */
  dashboard: (orgId: string, filters?: object) => (filters ? (['orgs', orgId, 'dashboard', filters] as const) : (['orgs', orgId, 'dashboard'] as const)),
  /** How fresh each platform's numbers are (under the dashboard prefix: invalidated with it). */
  dashboardFreshness: (orgId: string) => ['orgs', orgId, 'dashboard', 'freshness'] as const,
  /** Every campaign list of the organisation (any filters); with filters, one of them. */
  campaignList: (orgId: string, filters?: object) => (filters ? (['orgs', orgId, 'campaign-list', filters] as const) : (['orgs', orgId, 'campaign-list'] as const)),
  campaign: (orgId: string, campaignId: string, filters?: object) =>
    filters ? (['orgs', orgId, 'campaign', campaignId, filters] as const) : (['orgs', orgId, 'campaign', campaignId] as const),
  campaignChanges: (orgId: string, campaignId?: string) => (campaignId ? (['orgs', orgId, 'campaign-changes', campaignId] as const) : (['orgs', orgId, 'campaign-changes'] as const)),
  creationOptions: (orgId: string) => ['orgs', orgId, 'creation-options'] as const,
  /** Every list of the approval inbox (any filters); with filters, one of them. */
  proposals: (orgId: string, filters?: object) => (filters ? (['orgs', orgId, 'proposals', filters] as const) : (['orgs', orgId, 'proposals'] as const)),
  /** Approval policy, guardrail limits and the kill switch's state. */
  changeSettings: (orgId: string) => ['orgs', orgId, 'change-settings'] as const,
};

export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      // A session that ended (expired, revoked elsewhere) shows up as a 401 on any query:
      // re-ask who is signed in, and the guarded layouts send the person to sign in.
      onError: (error, query) => {
        if (isApiError(error, 'unauthenticated') && query.queryKey[0] !== 'me') {
          void client.invalidateQueries({ queryKey: keys.me, exact: true });
        }
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        refetchOnWindowFocus: false,
        retry: (count, error) => !(isApiError(error) && error.status >= 400 && error.status < 500) && count < 2,
      },
    },
  });
  return client;
}

/** The signed-in person and their organisations, or null when nobody is signed in. */
export const meQuery = queryOptions({
  queryKey: keys.me,
  queryFn: async (): Promise<Me | null> => {
    try {
      return await api.get<Me>('/me');
    } catch (error) {
      if (isApiError(error, 'unauthenticated')) return null;
      throw error;
    }
  },
  staleTime: 60_000,
});

export const useMe = () => useQuery(meQuery);

export const metaQuery = queryOptions({
  queryKey: keys.meta,
  queryFn: () => api.get<Meta>('/meta'),
  staleTime: Infinity,
});

/** True when the server catches emails in the dev mailbox (sandbox mode). */
export function useHasDevMailbox(): boolean {
  return useQuery(metaQuery).data?.devMailbox ?? false;
}

export const canManageOrg = (role: Role | undefined) => role === 'owner' || role === 'admin';

/** Connecting platforms, picking accounts, disconnecting and syncing: everyone but viewers. */
export const canManageConnections = (role: Role | undefined) => role !== undefined && role !== 'viewer';
/** Disconnecting stops every sync and automation of a platform: owners and admins only. */
export const canDisconnectConnections = (role: Role | undefined) => role === 'owner' || role === 'admin';

/** Pausing, enabling, changing budgets and creating campaigns: everyone but viewers. */
export const canEditCampaigns = (role: Role | undefined) => role !== undefined && role !== 'viewer';

/** What a new ad in the account can be built from, read live from the platform; the server already retried. */
export const adAssetsQuery = (orgId: string, accountId: string) =>
  queryOptions({
    queryKey: keys.adAssets(orgId, accountId),
    queryFn: () => api.get<AdAccountAssets>(`/orgs/${orgId}/ad-accounts/${accountId}/ad-assets`),
    staleTime: 60_000,
    retry: false,
  });
