import { useEffect, useId, useRef, useState } from 'react';
import { getRouteApi } from '@tanstack/react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';
import { canManageConnections, keys } from '../../lib/queries.ts';
import { usePollInterval } from '../../lib/live.ts';
import { formatRelative } from '../../lib/format.ts';
import { formatCount, formatMicros } from './money.ts';
import type { AdAccount, Connection, ConnectionsOverview, PlatformId, PlatformInfo } from '../../lib/types.ts';
import { Alert, FormError } from '../../components/ui/alert.tsx';
import { Badge } from '../../components/ui/card.tsx';
import { Button } from '../../components/ui/button.tsx';
import { ConfirmDialog } from '../../components/ui/confirm-dialog.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/ui/states.tsx';
import { useCurrentOrg } from '../shell/org-context.ts';
import { AccountPickerDialog } from './account-picker.tsx';
import { AccountDetails } from './account-details.tsx';
import { anyBusy, HealthBadge, isBusy, PLATFORM_NAMES, SyncProgress } from './health.tsx';
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

interface PageActions {
  orgId: string;
  canManage: boolean;
  /** Starts connecting a platform (Connect, Reconnect). */
  connect: (platform: PlatformId) => void;
  connectingPlatform: PlatformId | null;
  /** Re-reads the overview every 2 s for a while (after asking for a sync). */
  pollForAWhile: () => void;
  openPicker: (connectionId: string) => void;
}

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
  return (
    <section aria-labelledby={headingId} className="rounded-lg bg-white shadow-sm ring-1 ring-gray-200">
      <header className="flex flex-wrap items-start justify-between gap-3 border-b border-gray-100 px-5 py-4">
        <div>
          <h2 id={headingId} className="text-base font-semibold text-gray-900">
            {platform.displayName}
          </h2>
          <p className="mt-1 text-sm text-gray-500">{PLATFORM_BLURBS[platform.id]}</p>
          {!platform.available && (
            <p id={noteId} className="mt-1 text-sm text-amber-800">
              Not available on this installation yet: it has no {platform.displayName} app credentials configured.
            </p>
          )}
        </div>
        {actions.canManage && (
          <Button
            onClick={() => actions.connect(platform.id)}
            disabled={!platform.available || (actions.connectingPlatform !== null && actions.connectingPlatform !== platform.id)}
            isLoading={actions.connectingPlatform === platform.id}
            aria-describedby={platform.available ? undefined : noteId}
          >
            Connect<span className="sr-only"> {platform.displayName}</span>
          </Button>
        )}
      </header>
      <div className="px-5 py-4">
        {connections.length === 0 ? (
          <p className="text-sm text-gray-500">Not connected.</p>
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

function ConnectionBlock({ connection, actions }: { connection: Connection; actions: PageActions }) {
  const queryClient = useQueryClient();
  const [isDisconnecting, setDisconnecting] = useState(false);
  const platformName = PLATFORM_NAMES[connection.platform];
  const added = connection.accounts.filter((a) => a.selected);
  const notAdded = connection.accounts.length - added.length;
  const label = `${platformName} connection from ${formatRelative(connection.connectedAt)}`;

  const disconnect = async () => {
    await api.delete(`/orgs/${actions.orgId}/connections/${connection.id}`);
    await queryClient.invalidateQueries({ queryKey: keys.connections(actions.orgId), exact: true });
  };

  return (
    <li aria-label={label} className="rounded-md ring-1 ring-gray-200">
      <div className="flex flex-wrap items-center justify-between gap-3 bg-gray-50 px-4 py-3">
        <div className="text-sm">
          <p className="font-medium text-gray-900">
            Connected {formatRelative(connection.connectedAt)} <span className="font-normal text-gray-500">· {connection.externalLabel}</span>
          </p>
          {connection.status === 'needs_reconnection' && (
            <p className="mt-1">
              <Badge tone="red">Needs reconnection</Badge>
            </p>
          )}
        </div>
        {actions.canManage && (
          <div className="flex gap-2">
            <Button variant="secondary" onClick={() => actions.openPicker(connection.id)}>
              Manage accounts<span className="sr-only"> of {platformName}</span>
            </Button>
            <Button variant="secondary" onClick={() => setDisconnecting(true)}>
              Disconnect<span className="sr-only"> {platformName}</span>
            </Button>
          </div>
        )}
      </div>
      {connection.status === 'needs_reconnection' && (
        <div className="px-4 pt-3">
          <Alert tone="error" title={`${platformName} no longer accepts Adloop's access`}>
            {connection.lastError && <PlatformWords platformName={platformName} text={connection.lastError} />}
            {actions.canManage && (
              <Button className="mt-2" onClick={() => actions.connect(connection.platform)} isLoading={actions.connectingPlatform === connection.platform}>
                Reconnect
              </Button>
            )}
          </Alert>
        </div>
      )}
      <div className="px-4 py-3">
        {added.length === 0 ? (
          <EmptyState
            title="No accounts added yet"
            action={
              actions.canManage && connection.accounts.length > 0 ? (
                <Button onClick={() => actions.openPicker(connection.id)}>Choose accounts</Button>
              ) : undefined
            }
          >
            {connection.accounts.length === 0 ? 'The platform shared no accounts with Adloop.' : `Add the accounts Adloop should sync: ${connection.accounts.length} are available.`}
          </EmptyState>
        ) : (
          <ul className="divide-y divide-gray-100" aria-label={`Accounts of the ${platformName} connection`}>
            {added.map((account) => (
              <AccountRow key={account.id} account={account} actions={actions} />
            ))}
          </ul>
        )}
        {added.length > 0 && notAdded > 0 && (
          <p className="mt-2 text-xs text-gray-500">
            {notAdded} more granted account{notAdded === 1 ? ' is' : 's are'} not added to Adloop.
          </p>
        )}
      </div>
      <ConfirmDialog
        open={isDisconnecting}
        onOpenChange={setDisconnecting}
        title={`Disconnect ${platformName}?`}
        description={`This revokes Adloop's access to ${platformName} and stops syncing its ${added.length === 1 ? 'account' : `${added.length} accounts`}. The history already in Adloop stays.`}
        confirmLabel="Disconnect"
        onConfirm={disconnect}
      />
    </li>
  );
}

function PlatformWords({ platformName, text }: { platformName: string; text: string }) {
  return (
    <figure className="mt-1">
      <figcaption className="text-xs font-medium opacity-80">{platformName} said:</figcaption>
      <blockquote className="mt-0.5 border-l-2 border-current/30 pl-2 font-mono text-xs break-words">{text}</blockquote>
    </figure>
  );
}

function AccountRow({ account, actions }: { account: AdAccount; actions: PageActions }) {
  const queryClient = useQueryClient();
  const headingId = useId();
  const detailsId = useId();
  const [isOpen, setOpen] = useState(false);
  const platformName = PLATFORM_NAMES[account.platform];
  const { health } = account;
  const busy = isBusy(account);

  const sync = useMutation({
    mutationFn: () => api.post<{ queued: boolean }>(`/orgs/${actions.orgId}/ad-accounts/${account.id}/sync`),
    onSuccess: () => actions.pollForAWhile(),
  });

  // A finished sync brings new campaigns and a new log line: re-read the open lists.
  const syncedAt = `${health.structureSyncedAt ?? ''}|${health.metricsSyncedAt ?? ''}|${health.running?.kind ?? ''}`;
  const lastSyncedAt = useRef(syncedAt);
  useEffect(() => {
    if (lastSyncedAt.current === syncedAt) return;
    lastSyncedAt.current = syncedAt;
    void queryClient.invalidateQueries({ queryKey: keys.campaigns(actions.orgId, account.id) });
    void queryClient.invalidateQueries({ queryKey: keys.syncRuns(actions.orgId, account.id) });
  }, [syncedAt, queryClient, actions.orgId, account.id]);

  const fix = health.problem?.fix;
  return (
    <li>
      <article aria-labelledby={headingId} className="space-y-3 py-4">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div className="min-w-0">
            <h3 id={headingId} className="text-sm font-semibold text-gray-900">
              {account.name}
            </h3>
            <p className="text-xs text-gray-500">
              <span className="sr-only">{platformName} account id </span>
              <span className="font-mono">{account.platformAccountId}</span> · {account.currency} · {account.timeZone}
              {account.status !== 'active' && ` · ${account.status}`}
            </p>
          </div>
          <dl className="flex gap-6 text-sm">
            <div>
              <dt className="text-xs text-gray-500">Campaigns</dt>
              <dd className="font-medium text-gray-900 tabular-nums">{health.structureSyncedAt ? formatCount(account.campaignCount) : '—'}</dd>
            </div>
            <div>
              <dt className="text-xs text-gray-500">Spend, last 7 days</dt>
              <dd className="font-medium text-gray-900 tabular-nums">{health.metricsSyncedAt ? formatMicros(account.spendLast7DaysMicros, account.currency) : '—'}</dd>
            </div>
          </dl>
        </div>

        <div className="flex flex-wrap items-center gap-2 text-sm">
          <span aria-live="polite">
            <HealthBadge state={health.state} />
          </span>
          <span className="text-gray-600">{health.summary}</span>
        </div>

        {health.running && <SyncProgress running={health.running} accountName={account.name} />}

        {health.problem && (
          <Alert tone={fix === 'wait' ? 'warning' : 'error'} title={health.problem.message}>
            {health.problem.platformMessage && <PlatformWords platformName={platformName} text={health.problem.platformMessage} />}
            {actions.canManage && fix === 'reconnect' && (
              <Button className="mt-2" onClick={() => actions.connect(account.platform)} isLoading={actions.connectingPlatform === account.platform}>
                Reconnect
              </Button>
            )}
            {actions.canManage && fix === 'retry' && (
              <Button className="mt-2" onClick={() => sync.mutate()} isLoading={sync.isPending} disabled={health.running !== null}>
                Retry
              </Button>
            )}
          </Alert>
        )}
        <FormError message={sync.error?.message} />

        <div className="flex flex-wrap gap-2">
          <Button variant="ghost" className="-ml-3" aria-expanded={isOpen} aria-controls={detailsId} onClick={() => setOpen((open) => !open)}>
            <svg viewBox="0 0 20 20" className={`size-4 transition-transform ${isOpen ? 'rotate-90' : ''}`} aria-hidden="true">
              <path d="M8 6l4 4-4 4" fill="none" stroke="currentColor" strokeWidth="1.5" />
            </svg>
            Campaigns and sync log
            <span className="sr-only"> of {account.name}</span>
          </Button>
          {actions.canManage && !health.problem && health.state !== 'needs_reconnection' && (
            <Button variant="ghost" onClick={() => sync.mutate()} isLoading={sync.isPending} disabled={health.running !== null}>
              Sync now
              <span className="sr-only"> {account.name}</span>
            </Button>
          )}
        </div>
        <div id={detailsId} hidden={!isOpen} className="rounded-md bg-gray-50 p-4">
          {isOpen && <AccountDetails orgId={actions.orgId} account={account} isSyncing={busy} />}
        </div>
      </article>
    </li>
  );
}
