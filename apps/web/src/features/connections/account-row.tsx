import { useEffect, useId, useRef, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';
import { keys } from '../../lib/queries.ts';
import { formatCount, formatMicros } from './money.ts';
import type { AdAccount } from '../../lib/types.ts';
import { Alert, FormError } from '../../components/ui/alert.tsx';
import { Button } from '../../components/ui/button.tsx';
import { AccountDetails } from './account-details.tsx';
import { HealthBadge, isBusy, PLATFORM_NAMES, SyncProgress } from './health.tsx';
import { PlatformWords } from './platform-words.tsx';
import { accountStatusLabel } from './picker-model.ts';
import { healthSummary } from './health-summary.ts';
import type { PageActions } from './page-actions.ts';

/** An added account: its numbers, how fresh they are, what to do when something is wrong. */
export function AccountRow({ account, actions }: { account: AdAccount; actions: PageActions }) {
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
              {account.status !== 'active' && ` · ${accountStatusLabel(account.status)}`}
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
          <span className="text-gray-600">{healthSummary(account)}</span>
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
