import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';

export type Channel = 'in_app' | 'email' | 'slack' | 'webhook';
export type Cell = { kind: string; channel: Channel; enabled: boolean };
export type CellChange = { kind: string; channel: Channel; enabled: boolean | null };
export interface CatalogueEntry {
  kind: string;
  label: string;
  group: string;
  severity: 'info' | 'warning' | 'critical';
  audience: string;
  alwaysOn: Channel[];
}
export interface PersonSettings {
  timeZone: string;
  quietStart: string | null;
  quietEnd: string | null;
  digest: 'off' | 'hourly' | 'daily';
}
export interface MyPreferences {
  defaults: Cell[];
  mine: Cell[];
  settings: PersonSettings;
}

export const notificationKeys = {
  catalogue: ['notifications', 'catalogue'] as const,
  mine: (orgId: string) => ['orgs', orgId, 'notifications', 'preferences'] as const,
};

export function useCatalogue() {
  return useQuery({ queryKey: notificationKeys.catalogue, queryFn: () => api.get<{ kinds: CatalogueEntry[]; channels: Channel[] }>('/notifications/catalogue'), staleTime: Infinity });
}

export function useMyPreferences(orgId: string) {
  return useQuery({ queryKey: notificationKeys.mine(orgId), queryFn: () => api.get<MyPreferences>(`/orgs/${orgId}/notifications/preferences`) });
}

export const saveMyPreferences = (orgId: string, body: { preferences?: CellChange[]; settings?: PersonSettings }) => api.put<MyPreferences>(`/orgs/${orgId}/notifications/preferences`, body);
export const saveDefaults = (orgId: string, defaults: CellChange[]) => api.put<{ defaults: Cell[] }>(`/orgs/${orgId}/notifications/defaults`, { defaults });

/** The channels a person chooses for themselves; Slack and webhooks are set up for the whole organisation. */
export const PERSON_CHANNELS: { channel: Channel; label: string }[] = [
  { channel: 'in_app', label: 'In the app' },
  { channel: 'email', label: 'Email' },
];

export const cellKey = (kind: string, channel: string) => `${kind}|${channel}`;
export const toMap = (cells: Cell[]) => new Map(cells.map((c) => [cellKey(c.kind, c.channel), c.enabled]));
