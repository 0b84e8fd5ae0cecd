import type { z } from 'zod';
import type { DeadLetterList, DeletionRequest, DeletionRequestList, Impersonation, ImpersonationNotice, Operator, OperatorAccountList, QueueStatsList, SuspensionNotice, TenantDetail, TenantList } from '@adloop/contracts';
import { api, ApiError } from '../../lib/api.ts';

export type OperatorSession = { operator: z.infer<typeof Operator>; areas: string[]; passwordChangeRequired: boolean };
export type OperatorAccountDto = z.infer<typeof OperatorAccountList>['items'][number];
export type { Impersonation, DeletionRequest };
export type TenantDetailDto = z.infer<typeof TenantDetail>;
export type TenantListDto = z.infer<typeof TenantList>;
export type QueueStatsDto = z.infer<typeof QueueStatsList>;
export type DeadLetterDto = z.infer<typeof DeadLetterList>;
export type DeletionListDto = z.infer<typeof DeletionRequestList>;

/** The console's CSRF cookie and header: its own, apart from the tenant app's. */
const CSRF_COOKIE = 'adloop_ops_csrf';

function readCookie(name: string): string | null {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

/** Calls `/api/ops`: JSON in and out, the operator session cookie, the console's CSRF header on writes. */
async function ops<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const csrf = readCookie(CSRF_COOKIE);
  if (method !== 'GET' && csrf) headers['x-ops-csrf-token'] = csrf;
  const response = await fetch(`/api/ops${path}`, { method, headers, credentials: 'same-origin', ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  if (!response.ok) {
    const parsed: unknown = await response.json().catch(() => null);
    const error = typeof parsed === 'object' && parsed !== null && 'error' in parsed ? (parsed.error as { code?: string; message?: string }) : {};
    throw new ApiError(response.status, error.code ?? 'http_error', error.message ?? `The server answered ${response.status}`);
  }
  return response.status === 204 ? (undefined as T) : ((await response.json()) as T);
}

export const opsApi = {
  session: () => ops<OperatorSession>('GET', '/session'),
  signIn: (body: { email: string; password: string; code: string }) => ops<OperatorSession>('POST', '/session', body),
  signOut: () => ops<void>('POST', '/session/sign-out'),
  changePassword: (body: { currentPassword: string; newPassword: string }) => ops<void>('POST', '/session/password', body),
  operators: () => ops<z.infer<typeof OperatorAccountList>>('GET', '/operators'),
  disableOperator: (id: string, reason: string) => ops<void>('POST', `/operators/${id}/disable`, { reason }),
  searchTenants: (q: string) => ops<TenantListDto>('GET', `/tenants?q=${encodeURIComponent(q)}`),
  tenant: (orgId: string) => ops<TenantDetailDto>('GET', `/tenants/${orgId}`),
  suspend: (orgId: string, reason: string) => ops<void>('POST', `/tenants/${orgId}/suspend`, { reason }),
  unsuspend: (orgId: string, reason: string) => ops<void>('POST', `/tenants/${orgId}/unsuspend`, { reason }),
  requestDeletion: (orgId: string, reason: string) => ops<DeletionRequest>('POST', `/tenants/${orgId}/deletion-requests`, { reason }),
  deletionRequests: () => ops<DeletionListDto>('GET', '/deletion-requests'),
  approveDeletion: (id: string) => ops<DeletionRequest>('POST', `/deletion-requests/${id}/approve`),
  cancelDeletion: (id: string) => ops<DeletionRequest>('POST', `/deletion-requests/${id}/cancel`),
  impersonate: (orgId: string, body: { reason: string; mode: 'read_only' | 'read_write' }) => ops<Impersonation>('POST', `/tenants/${orgId}/impersonate`, body),
  queues: () => ops<QueueStatsDto>('GET', '/system/queues'),
  deadLetters: () => ops<DeadLetterDto>('GET', '/system/dead-letters'),
  retryJob: (queue: string, id: string) => ops<void>('POST', `/system/dead-letters/${encodeURIComponent(queue)}/${id}/retry`),
  discardJob: (queue: string, id: string) => ops<void>('POST', `/system/dead-letters/${encodeURIComponent(queue)}/${id}/discard`),
};

/** Tenant-side notices (the tenant app's own API). */
export const noticesApi = {
  impersonation: () => api.get<z.infer<typeof ImpersonationNotice>>('/impersonation'),
  endImpersonation: () => api.post<void>('/impersonation/end'),
  suspension: (orgId: string) => api.get<z.infer<typeof SuspensionNotice>>(`/orgs/${orgId}/suspension`),
};
