import { keys } from '../../lib/queries.ts';
import { usePollInterval } from '../../lib/live.ts';
import { usePaged } from '../../lib/use-paged.ts';
import { formatDateTime, formatDay } from '../../lib/format.ts';
import { formatCount, formatDecimal, formatDuration, formatMicros } from './money.ts';
import { syncCountsText } from './sync-counts.ts';
import type { AdAccount, MirroredCampaign, SyncRun } from '../../lib/types.ts';
import { Badge } from '../../components/ui/card.tsx';
import { LoadMore } from '../../components/ui/load-more.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/ui/states.tsx';

const th = 'py-2 pr-4 font-medium';
const td = 'py-2 pr-4 align-top';

/** The expanded part of an account row: its mirrored campaigns and its sync log. */
export function AccountDetails({ orgId, account, isSyncing }: { orgId: string; account: AdAccount; isSyncing: boolean }) {
  return (
    <div className="space-y-6">
      <CampaignsTable orgId={orgId} account={account} />
      <SyncLog orgId={orgId} account={account} isSyncing={isSyncing} />
    </div>
  );
}

const STATUS_TONES = { active: 'green', paused: 'amber', removed: 'gray', archived: 'gray' } as const;
const statusLabel = (status: string) => status.charAt(0).toUpperCase() + status.slice(1);

function CampaignsTable({ orgId, account }: { orgId: string; account: AdAccount }) {
  const campaigns = usePaged<MirroredCampaign>(keys.campaigns(orgId, account.id), `/orgs/${orgId}/ad-accounts/${account.id}/campaigns`);
  let body: React.ReactNode;
  if (campaigns.isPending) body = <LoadingState label="Loading campaigns…" />;
  else if (campaigns.isError) body = <ErrorState error={campaigns.error} orgId={orgId} onRetry={() => void campaigns.refetch()} />;
  else if (campaigns.items.length === 0)
    body = <EmptyState title="No campaigns yet">{account.health.structureSyncedAt ? 'This account has no campaigns.' : 'They appear here after the first sync.'}</EmptyState>;
  else
    body = (
      <>
        <div className="overflow-x-auto" tabIndex={0}>
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Campaigns of {account.name}, with the numbers of the last 7 complete days</caption>
            <thead className="text-xs text-gray-500 uppercase">
              <tr>
                <th scope="col" className={th}>Campaign</th>
                <th scope="col" className={th}>Status</th>
                <th scope="col" className={`${th} text-right`}>Daily budget</th>
                <th scope="col" className={`${th} text-right`}>Impressions</th>
                <th scope="col" className={`${th} text-right`}>Clicks</th>
                <th scope="col" className={`${th} text-right`}>Spend</th>
                <th scope="col" className={`${th} text-right`}>Conversions</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-gray-100">
              {campaigns.items.map((campaign) => (
                <tr key={campaign.id}>
                  <th scope="row" className={`${td} font-medium text-gray-900`}>
                    {campaign.name}
                    <span className="block font-mono text-xs font-normal text-gray-500">{campaign.platformId}</span>
                  </th>
                  <td className={td}>
                    <Badge tone={STATUS_TONES[campaign.status]}>{statusLabel(campaign.status)}</Badge>
                  </td>
                  <td className={`${td} text-right tabular-nums`}>{formatMicros(campaign.dailyBudgetMicros, campaign.currency)}</td>
                  <td className={`${td} text-right tabular-nums`}>{formatCount(campaign.last7Days.impressions)}</td>
                  <td className={`${td} text-right tabular-nums`}>{formatCount(campaign.last7Days.clicks)}</td>
                  <td className={`${td} text-right tabular-nums`}>{formatMicros(campaign.last7Days.spendMicros, campaign.currency)}</td>
                  <td className={`${td} text-right tabular-nums`}>{formatDecimal(campaign.last7Days.conversions)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <LoadMore hasNextPage={campaigns.hasNextPage} isFetchingNextPage={campaigns.isFetchingNextPage} fetchNextPage={campaigns.fetchNextPage} />
      </>
    );
  return (
    <div>
      <h4 className="mb-2 text-sm font-semibold text-gray-900">Campaigns</h4>
      {body}
    </div>
  );
}

const RUN_KINDS: Record<SyncRun['kind'], string> = { structure: 'Campaigns', metrics_hourly: 'Hourly numbers', metrics_daily: 'Daily numbers' };
const RUN_TONES = { running: 'indigo', succeeded: 'green', failed: 'red' } as const;
const RUN_LABELS = { running: 'Running', succeeded: 'Succeeded', failed: 'Failed' } as const;


function rangeText(run: SyncRun): string {
  if (!run.rangeSince && !run.rangeUntil) return '—';
  if (run.rangeSince === run.rangeUntil) return formatDay(run.rangeSince);
  return `${run.rangeSince ? formatDay(run.rangeSince) : '…'} to ${run.rangeUntil ? formatDay(run.rangeUntil) : '…'}`;
}

function SyncLog({ orgId, account, isSyncing }: { orgId: string; account: AdAccount; isSyncing: boolean }) {
  const poll = usePollInterval();
  const runs = usePaged<SyncRun>(keys.syncRuns(orgId, account.id), `/orgs/${orgId}/ad-accounts/${account.id}/sync-runs`, {}, { limit: 10, ...(isSyncing ? { refetchInterval: poll(2000) } : {}) });
  let body: React.ReactNode;
  if (runs.isPending) body = <LoadingState label="Loading the sync log…" />;
  else if (runs.isError) body = <ErrorState error={runs.error} orgId={orgId} onRetry={() => void runs.refetch()} />;
  else if (runs.items.length === 0) body = <EmptyState title="No syncs yet">Each sync of this account is listed here.</EmptyState>;
  else
    body = (
      <>
        <div className="overflow-x-auto" tabIndex={0}>
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Sync log of {account.name}, newest first</caption>
            <thead className="text-xs text-gray-500 uppercase">
              <tr>
                <th scope="col" className={th}>Started</th>
                <th scope="col" className={th}>Kind</th>
                <th scope="col" className={th}>Status</th>
                <th scope="col" className={th}>Synced</th>
                <th scope="col" className={th}>Range</th>
                <th scope="col" className={th}>Duration</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-gray-100">
              {runs.items.map((run) => (
                <tr key={run.id}>
                  <td className={`${td} whitespace-nowrap text-gray-600`}>{formatDateTime(run.startedAt)}</td>
                  <td className={td}>{RUN_KINDS[run.kind]}</td>
                  <td className={td}>
                    <Badge tone={RUN_TONES[run.status]}>
                      {RUN_LABELS[run.status]}
                      {run.status === 'running' ? ` ${run.progress} %` : ''}
                    </Badge>
                    {run.attempts > 1 && <span className="ml-1 text-xs text-gray-500">attempt {run.attempts}</span>}
                    {run.errorMessage && <p className="mt-1 max-w-xs text-xs break-words text-red-700">{run.errorMessage}</p>}
                  </td>
                  <td className={`${td} text-gray-600`}>{syncCountsText(run.counts, account.platform, formatCount)}</td>
                  <td className={`${td} whitespace-nowrap text-gray-600`}>{rangeText(run)}</td>
                  <td className={`${td} whitespace-nowrap text-gray-600`}>{run.status === 'running' ? 'Running…' : formatDuration(run.durationMs)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <LoadMore hasNextPage={runs.hasNextPage} isFetchingNextPage={runs.isFetchingNextPage} fetchNextPage={runs.fetchNextPage} />
      </>
    );
  return (
    <div>
      <h4 className="mb-2 text-sm font-semibold text-gray-900">Sync log</h4>
      {body}
    </div>
  );
}
