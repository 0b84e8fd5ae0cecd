import { useId, useRef } from 'react';
import { getRouteApi } from '@tanstack/react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';
import { canDisconnectConnections, canManageConnections, keys } from '../../lib/queries.ts';
import { usePollInterval } from '../../lib/live.ts';
import type { Connection, ConnectionsOverview, PlatformId, PlatformInfo } from '../../lib/types.ts';
import { Alert, FormError } from '../../components/ui/alert.tsx';
import { Button } from '../../components/ui/button.tsx';
import { ErrorState, LoadingState } from '../../components/ui/states.tsx';
import { useCurrentOrg } from '../shell/org-context.ts';
import { AccountPickerDialog } from './account-picker.tsx';
import { ConnectionBlock } from './connection-block.tsx';
import { anyBusy } from './health.tsx';
import { PlatformLogo } from './platform-logo.tsx';
import type { PageActions } from './page-actions.ts';
import { useStartConnect } from './use-connect.ts';

const route = getRouteApi('/orgs/$orgId/connections');

/** How often the page re-reads the overview while a sync runs, and for how long after asking for one. */
const POLL_MS = 2000;
const POLL_AFTER_REQUEST_MS = 30_000;

const PLATFORM_BLURBS: Record<PlatformId, string> = {
  google_ads: 'Search, Performance Max, YouTube and Display campaigns.',
  meta: 'Facebook and Instagram campaigns.',
  tiktok: 'TikTok campaigns.',
};

export function ConnectionsPage() {
  const { org } = useCurrentOrg();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const queryClient = useQueryClient();
  const canManage = canManageConnections(org.role);
  const pollUntil = useRef(0);
  const poll = usePollInterval();
  const overview = useQuery({
    queryKey: keys.connections(org.id),
    queryFn: () => api.get<ConnectionsOverview>(`/orgs/${org.id}/connections`),
    staleTime: 0,
    refetchInterval: (query) => (anyBusy(query.state.data) || Date.now() < pollUntil.current ? poll(POLL_MS) : false),
  });
  const connect = useStartConnect(org.id);

  const actions: PageActions = {
    orgId: org.id,
    canManage,
    canDisconnect: canDisconnectConnections(org.role),
    connect: (platform) => connect.mutate(platform),
    connectingPlatform: connect.isPending ? (connect.variables ?? null) : null,
    pollForAWhile: () => {
      pollUntil.current = Date.now() + POLL_AFTER_REQUEST_MS;
      void queryClient.invalidateQueries({ queryKey: keys.connections(org.id), exact: true });
    },
    openPicker: (connectionId) => void navigate({ search: (prev) => ({ ...prev, pick: connectionId }) }),
  };
  const closePicker = () => void navigate({ search: (prev) => ({ ...prev, pick: undefined }), replace: true });
  const dismissError = () => void navigate({ search: (prev) => ({ ...prev, error: undefined }), replace: true });

  let body: React.ReactNode;
  if (overview.isPending) body = <LoadingState label="Loading connections…" />;
  else if (overview.isError) body = <ErrorState error={overview.error} orgId={org.id} onRetry={() => void overview.refetch()} />;
  else
    body = (
      <div className="space-y-6">
        {overview.data.platforms.map((platform) => (
          <PlatformCard key={platform.id} platform={platform} connections={overview.data.connections.filter((c) => c.platform === platform.id)} actions={actions} />
        ))}
      </div>
    );

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-gray-900">Connections</h1>
        <p className="mt-1 text-sm text-gray-600">Connect your ad platforms and choose the accounts Adloop mirrors. Their campaigns and numbers sync automatically.</p>
      </div>
      {search.error && (
        <Alert tone="error" title="Connecting did not work">
          <p>{search.error}</p>
          <Button variant="ghost" className="mt-2 -ml-3" onClick={dismissError}>
            Dismiss
          </Button>
        </Alert>
      )}
      <FormError message={connect.error?.message} />
      {!canManage && <Alert tone="info">You can see the connections of {org.name}. Only owners, admins and members can connect platforms or change them.</Alert>}
      {body}
      {search.pick && canManage && <AccountPickerDialog key={search.pick} orgId={org.id} connectionId={search.pick} onClose={closePicker} />}
    </div>
  );
}

function PlatformCard({ platform, connections, actions }: { platform: PlatformInfo; connections: Connection[]; actions: PageActions }) {
  const headingId = useId();
  const noteId = useId();
  // Once connected, adding accounts is the work of "Manage accounts"; connecting again is the lesser action.
  const isConnected = connections.length > 0;
  return (
    <section aria-labelledby={headingId} className="rounded-lg bg-white shadow-sm ring-1 ring-gray-200">
      <header className="flex flex-wrap items-start justify-between gap-3 border-b border-gray-100 px-5 py-4">
        <div className="flex min-w-0 items-start gap-3">
          <PlatformLogo platform={platform.id} />
          <div className="min-w-0">
            <h2 id={headingId} className="text-base font-semibold text-gray-900">
              {platform.displayName}
            </h2>
            <p className="mt-1 text-sm text-gray-600">{PLATFORM_BLURBS[platform.id]}</p>
            {!platform.available && (
              <p id={noteId} className="mt-1 text-sm text-amber-800">
                Not available on this installation yet: it has no {platform.displayName} app credentials configured.
              </p>
            )}
            {isConnected && actions.canManage && (
              <p id={noteId} className="mt-1 text-sm text-gray-600">
                To share other accounts, reconnect and tick them on {platform.displayName}’s consent page.
              </p>
            )}
          </div>
        </div>
        {actions.canManage && (
          <Button
            variant={isConnected ? 'secondary' : 'primary'}
            onClick={() => actions.connect(platform.id)}
            disabled={!platform.available || (actions.connectingPlatform !== null && actions.connectingPlatform !== platform.id)}
            isLoading={actions.connectingPlatform === platform.id}
            aria-describedby={platform.available && !isConnected ? undefined : noteId}
          >
            {isConnected ? 'Reconnect' : 'Connect'}
            <span className="sr-only"> {platform.displayName}</span>
          </Button>
        )}
      </header>
      <div className="px-5 py-4">
        {connections.length === 0 ? (
          <p className="text-sm text-gray-600">Not connected.</p>
        ) : (
          <ul className="space-y-6" aria-label={`${platform.displayName} connections`}>
            {connections.map((connection) => (
              <ConnectionBlock key={connection.id} connection={connection} actions={actions} />
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
