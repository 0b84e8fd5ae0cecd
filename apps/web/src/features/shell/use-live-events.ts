import { useEffect } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { LIVE_EVENT_TYPES, type LiveEvent } from '@adloop/contracts/live';
import { keys } from '../../lib/queries.ts';
import { emitLiveEvent, setLiveConnected } from '../../lib/live.ts';

/** What each event makes stale: the hint names the data, the queries read it again. */
function invalidate(queryClient: QueryClient, orgId: string, event: LiveEvent): void {
  const again = (queryKey: readonly unknown[]) => void queryClient.invalidateQueries({ queryKey });
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
  } else {
    again(keys.notifications(orgId));
  }
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
      invalidate(queryClient, orgId, event);
      emitLiveEvent(event);
    };
    for (const type of LIVE_EVENT_TYPES) source.addEventListener(type, onEvent);
    return () => {
      source.close();
      setLiveConnected(false);
    };
  }, [orgId, queryClient]);
}
