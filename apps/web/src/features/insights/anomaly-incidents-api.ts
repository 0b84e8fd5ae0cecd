import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type * as c from '@adloop/contracts';
import { api } from '../../lib/api.ts';

/** Types of the anomaly incidents API, inferred from the shared contract (type-only). */
export type AnomalyIncident = z.infer<typeof c.AnomalyIncident>;
export type AnomalyIncidentPage = z.infer<typeof c.AnomalyIncidentPage>;

export const incidentKeys = {
  all: (orgId: string) => ['orgs', orgId, 'insights', 'incidents'] as const,
  list: (orgId: string, accountId: string, status: 'open' | 'resolved') => ['orgs', orgId, 'insights', 'incidents', accountId, status] as const,
};

/** The account's stored incidents (open ones, or the latest resolved), newest first. */
export function useIncidents(orgId: string, accountId: string, status: 'open' | 'resolved') {
  return useQuery({
    queryKey: incidentKeys.list(orgId, accountId, status),
    queryFn: () => api.get<AnomalyIncidentPage>(`/orgs/${orgId}/insights/incidents`, { accountId, status, limit: 50 }),
  });
}

export function snoozeIncident(orgId: string, id: string, until: string): Promise<AnomalyIncident> {
  return api.post<AnomalyIncident>(`/orgs/${orgId}/insights/incidents/${id}/snooze`, { until });
}

export function acknowledgeIncident(orgId: string, id: string): Promise<AnomalyIncident> {
  return api.post<AnomalyIncident>(`/orgs/${orgId}/insights/incidents/${id}/acknowledge`);
}

/** Snooze choices: how long alerts stay quiet. */
export const SNOOZE_CHOICES = [
  { hours: 1, label: '1 hour' },
  { hours: 4, label: '4 hours' },
  { hours: 24, label: '1 day' },
  { hours: 168, label: '1 week' },
] as const;
