import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';
import type { AccountForecast, AnomalyAlerts, BudgetRecommendations, ProposedBudgets } from './insights-types.ts';

export const insightsKeys = {
  recommendations: (orgId: string, accountId: string) => ['orgs', orgId, 'insights', 'recommendations', accountId] as const,
  anomalies: (orgId: string, accountId: string) => ['orgs', orgId, 'insights', 'anomalies', accountId] as const,
  forecast: (orgId: string, accountId: string) => ['orgs', orgId, 'insights', 'forecast', accountId] as const,
};

export function useRecommendations(orgId: string, accountId: string | undefined) {
  return useQuery({
    queryKey: insightsKeys.recommendations(orgId, accountId ?? ''),
    queryFn: () => api.get<BudgetRecommendations>(`/orgs/${orgId}/insights/recommendations`, { accountId }),
    enabled: accountId !== undefined,
  });
}

export function useAnomalies(orgId: string, accountId: string | undefined) {
  return useQuery({
    queryKey: insightsKeys.anomalies(orgId, accountId ?? ''),
    queryFn: () => api.get<AnomalyAlerts>(`/orgs/${orgId}/insights/anomalies`, { accountId }),
    enabled: accountId !== undefined,
  });
}

export function proposeBudgets(orgId: string, body: { accountId: string; idempotencyKey: string; campaignIds?: string[] }): Promise<ProposedBudgets> {
  return api.post<ProposedBudgets>(`/orgs/${orgId}/insights/recommendations/propose`, body);
}

export function useForecast(orgId: string, accountId: string | undefined, days: number) {
  return useQuery({
    queryKey: [...insightsKeys.forecast(orgId, accountId ?? ''), days] as const,
    queryFn: () => api.get<AccountForecast>(`/orgs/${orgId}/insights/forecasts`, { accountId, days }),
    enabled: accountId !== undefined,
  });
}
