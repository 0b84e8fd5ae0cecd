import type { ChangeState, PlatformId } from '../../lib/types.ts';

/**
 * The inbox's filters as they sit in the URL, and the API query they make. Values outside the
 * known lists are dropped rather than sent, so a hand-edited URL never turns into a 400.
 */
export const INBOX_STATES = [
  { value: 'waiting', label: 'Waiting for a decision', state: 'proposed' },
  { value: 'decided', label: 'Decided', state: 'decided' },
  { value: 'all', label: 'All proposals', state: 'all' },
  { value: 'rejected', label: 'Rejected', state: 'rejected' },
  { value: 'expired', label: 'Expired', state: 'expired' },
  { value: 'stopped', label: 'Stopped by the kill switch', state: 'stopped' },
] as const satisfies readonly { value: string; label: string; state: ChangeState | 'decided' | 'all' }[];
export type InboxState = (typeof INBOX_STATES)[number]['value'];

export const ACTOR_FILTERS = [
  { value: 'user', label: 'People' },
  { value: 'api_key', label: 'API keys' },
  { value: 'rule', label: 'Rules' },
  { value: 'ai', label: 'AI' },
] as const;

export const ENTITY_FILTERS = [
  { value: 'campaign', label: 'Campaigns' },
  { value: 'ad_group', label: 'Ad groups / ad sets' },
  { value: 'ad', label: 'Ads' },
] as const;

const PLATFORMS: readonly PlatformId[] = ['google_ads', 'meta', 'tiktok'];

export interface InboxSearch {
  state?: string;
  actor?: string;
  level?: string;
  platform?: string;
  account?: string;
}

export interface InboxFilters {
  state: InboxState;
  actorType: (typeof ACTOR_FILTERS)[number]['value'] | undefined;
  entityLevel: (typeof ENTITY_FILTERS)[number]['value'] | undefined;
  platform: PlatformId | undefined;
  adAccountId: string | undefined;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function pick<T extends string>(list: readonly { value: T }[], value: string | undefined): T | undefined {
  return list.find((item) => item.value === value)?.value;
}

export function readInboxFilters(search: InboxSearch): InboxFilters {
  return {
    state: pick(INBOX_STATES, search.state) ?? 'waiting',
    actorType: pick(ACTOR_FILTERS, search.actor),
    entityLevel: pick(ENTITY_FILTERS, search.level),
    platform: PLATFORMS.find((p) => p === search.platform),
    adAccountId: search.account && UUID.test(search.account) ? search.account : undefined,
  };
}

/** The query of `GET /orgs/:orgId/proposals`: every filter, the platform too, is the server's, so each page is full. */
export function inboxQuery(filters: InboxFilters): Record<string, string | undefined> {
  const state = INBOX_STATES.find((s) => s.value === filters.state)?.state ?? 'proposed';
  return { state, platform: filters.platform, actorType: filters.actorType, entityLevel: filters.entityLevel, adAccountId: filters.adAccountId };
}

/** The URL's search for these filters: defaults are left out so the plain inbox has a plain URL. */
export function inboxSearch(filters: InboxFilters): InboxSearch {
  return {
    ...(filters.state !== 'waiting' ? { state: filters.state } : {}),
    ...(filters.actorType ? { actor: filters.actorType } : {}),
    ...(filters.entityLevel ? { level: filters.entityLevel } : {}),
    ...(filters.platform ? { platform: filters.platform } : {}),
    ...(filters.adAccountId ? { account: filters.adAccountId } : {}),
  };
}

export const hasNarrowingFilters = (filters: InboxFilters) => Boolean(filters.actorType || filters.entityLevel || filters.platform || filters.adAccountId);
