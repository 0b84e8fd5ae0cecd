import { useEffect } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { LIVE_EVENT_TYPES, type LiveEvent } from '@adloop/contracts/live';
import { keys } from '../../lib/queries.ts';
import { emitLiveEvent, setLiveConnected } from '../../lib/live.ts';

/** How long events are gathered before their queries are read again: a burst of sync progress costs one read per query. */
const COALESCE_MS = 400;

/** What each event makes stale: the hint names the data, the queries read it again. */
function staleKeys(orgId: string, event: LiveEvent): Array<readonly unknown[]> {
  const stale: Array<readonly unknown[]> = [];
  const again = (queryKey: readonly unknown[]) => void stale.push(queryKey);
  if (event.type === 'sync') {
    again(keys.connections(orgId));
    again(keys.syncRuns(orgId, event.adAccountId));
    // Freshness while running; every number once the sync ends.
    if (event.state === 'running') again(keys.dashboardFreshness(orgId));
    else {
      again(keys.dashboard(orgId));
      again(keys.campaignList(orgId));
      again(['orgs', orgId, 'campaign']);
    }
  } else if (event.type === 'change') {
    again(keys.campaignChanges(orgId));
    again(keys.campaignList(orgId));
    again(keys.campaign(orgId, event.campaignId));
    // Proposed, decided, expired or stopped: the inbox and its count in the navigation.
    again(keys.proposals(orgId));
    if (event.status === 'stopped') again(keys.changeSettings(orgId));
  } else if (event.type === 'proposal') {
    // A proposal arrived, was decided, expired or was stopped (also by the kill switch).
    again(keys.proposals(orgId));
    again(keys.changeSettings(orgId));
  } else if (event.type === 'rule') {
    // Rules edited or run: the list, each rule and its history (not the templates or the builder's lookups).
    again(['orgs', orgId, 'rules', 'list']);
    again(['orgs', orgId, 'rules', 'one']);
  } else {
    again(keys.notifications(orgId));
  }
  return stale;
}

/**
 * Invalidates the keys it is given: the first at once, the ones arriving within `COALESCE_MS`
 * after it together at the end of that window, each once.
 */
function createInvalidator(queryClient: QueryClient) {
  const pending = new Map<string, readonly unknown[]>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    timer = null;
    if (pending.size === 0) return;
    const batch = [...pending.values()];
    pending.clear();
    for (const queryKey of batch) void queryClient.invalidateQueries({ queryKey });
    timer = setTimeout(flush, COALESCE_MS);
  };
  return {
    add(queryKeys: Array<readonly unknown[]>) {
      for (const queryKey of queryKeys) pending.set(JSON.stringify(queryKey), queryKey);
      if (!timer) flush();
    },
    stop() {
      if (timer) clearTimeout(timer);
      timer = null;
      pending.clear();
    },
  };
}

/**
 * Follows the organisation's live updates (Server-Sent Events, `GET /orgs/:orgId/events`) and
 * invalidates the queries each event names. Mounted once, in the org layout. EventSource
 * reconnects by itself; while it is down, pages poll at their usual pace.
 */
export function useLiveEvents(orgId: string | undefined): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!orgId || typeof EventSource === 'undefined') return;
    const invalidator = createInvalidator(queryClient);
    const source = new EventSource(`/api/v1/orgs/${encodeURIComponent(orgId)}/events`, { withCredentials: true });
    source.onopen = () => setLiveConnected(true);
    source.onerror = () => setLiveConnected(false);
    const onEvent = (message: MessageEvent<string>) => {
      let event: LiveEvent;
      try {
        event = JSON.parse(message.data) as LiveEvent;
      } catch {
        return;
      }
      invalidator.add(staleKeys(orgId, event));
      emitLiveEvent(event);
    };
    for (const type of LIVE_EVENT_TYPES) source.addEventListener(type, onEvent);
    return () => {
      source.close();
      invalidator.stop();
      setLiveConnected(false);
    };
  }, [orgId, queryClient]);
}
