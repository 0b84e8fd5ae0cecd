import type { AccountHealth, AdAccount, ConnectionsOverview, PlatformId } from '../../lib/types.ts';
import { Badge } from '../../components/ui/card.tsx';

export const PLATFORM_NAMES: Record<PlatformId, string> = { google_ads: 'Google Ads', meta: 'Meta', tiktok: 'TikTok' };

type Tone = 'gray' | 'green' | 'amber' | 'indigo' | 'red';

const STATES: Record<AccountHealth['state'], { label: string; tone: Tone }> = {
  never_synced: { label: 'Not synced yet', tone: 'gray' },
  syncing: { label: 'Syncing', tone: 'indigo' },
  fresh: { label: 'Fresh', tone: 'green' },
  delayed: { label: 'Delayed', tone: 'amber' },
  error: { label: 'Sync failed', tone: 'red' },
  needs_reconnection: { label: 'Needs reconnection', tone: 'red' },
  not_added: { label: 'Not added', tone: 'gray' },
};

export function HealthBadge({ state }: { state: AccountHealth['state'] }) {
  const { label, tone } = STATES[state];
  return (
    <Badge tone={tone}>
      <span className="sr-only">Health: </span>
      {label}
    </Badge>
  );
}

const KIND_LABELS: Record<NonNullable<AccountHealth['running']>['kind'], string> = {
  structure: 'Syncing campaigns',
  metrics_hourly: 'Syncing hourly numbers',
  metrics_daily: 'Syncing daily numbers',
};
export const syncKindLabel = (kind: NonNullable<AccountHealth['running']>['kind']) => KIND_LABELS[kind];

/** The running sync's progress, 0–100. */
export function SyncProgress({ running, accountName }: { running: NonNullable<AccountHealth['running']>; accountName: string }) {
  const progress = Math.max(0, Math.min(100, running.progress));
  return (
    <div className="space-y-1">
      <div className="flex justify-between text-xs text-gray-600">
        <span>{syncKindLabel(running.kind)}…</span>
        <span aria-hidden="true">{progress} %</span>
      </div>
      <div
        role="progressbar"
        aria-label={`Sync progress of ${accountName}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={progress}
        className="h-2 overflow-hidden rounded-full bg-gray-100"
      >
        <div className="h-full rounded-full bg-indigo-600 transition-[width] duration-500" style={{ width: `${progress}%` }} />
      </div>
    </div>
  );
}

/** An account whose sync is under way or about to start: the overview is worth re-reading soon. */
export function isBusy(account: AdAccount): boolean {
  return account.selected && (account.health.running !== null || account.health.state === 'syncing' || account.health.state === 'never_synced');
}

export function anyBusy(overview: ConnectionsOverview | undefined): boolean {
  return overview?.connections.some((c) => c.accounts.some(isBusy)) ?? false;
}
