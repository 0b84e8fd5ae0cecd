import { useEffect } from 'react';
import { keys } from '../../lib/queries.ts';
import { usePollInterval } from '../../lib/live.ts';
import { usePaged } from '../../lib/use-paged.ts';
import { formatDateTime, formatRelative } from '../../lib/format.ts';
import type { CampaignChange } from '../../lib/types.ts';
import { Badge } from '../../components/ui/card.tsx';
import { Button } from '../../components/ui/button.tsx';
import { LoadMore } from '../../components/ui/load-more.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/ui/states.tsx';
import { PLATFORM_NAMES } from '../connections/health.tsx';
import { changeValue, useChangeTracker } from './changes.tsx';
import { ActorLabel } from '../approvals/actor-label.tsx';
import { adGroupWord } from './wizard-model.ts';

const NO_NAMES: ReadonlyMap<string, string> = new Map();

const STATE_BADGES: Record<CampaignChange['state'], { label: string; tone: 'gray' | 'green' | 'amber' | 'indigo' | 'red' }> = {
  pending: { label: 'Pending', tone: 'indigo' },
  applied: { label: 'Applied', tone: 'green' },
  conflict: { label: 'Conflict', tone: 'amber' },
  failed: { label: 'Failed', tone: 'red' },
  undone: { label: 'Undone', tone: 'gray' },
  proposed: { label: 'Awaiting approval', tone: 'indigo' },
  rejected: { label: 'Rejected', tone: 'gray' },
  expired: { label: 'Expired', tone: 'gray' },
  stopped: { label: 'Stopped', tone: 'red' },
};

const FIELD_NAMES: Record<CampaignChange['field'], string> = {
  status: 'Status',
  daily_budget: 'Daily budget',
  lifetime_budget: 'Lifetime budget',
  campaign: 'Campaign',
  name: 'Name',
  bid: 'Bid',
  target_roas: 'Target ROAS',
  ad: 'New ad',
};

/** "Paused", "Daily budget: $10.00 → $12.00". */
export function changeSummary(change: CampaignChange): string {
  if (change.field === 'campaign') return 'Created';
  if (change.field === 'ad') return 'New ad';
  if (change.field === 'status') {
    if (change.after === 'paused') return 'Paused';
    if (change.after === 'active') return 'Enabled';
    return `Status: ${changeValue(change, change.before)} → ${changeValue(change, change.after)}`;
  }
  return `${FIELD_NAMES[change.field]}: ${changeValue(change, change.before)} → ${changeValue(change, change.after)}`;
}

/** The object an ad-group / ad change was made on, with its level: "Ad set “Prospecting”" (or its id's level alone when it is gone). */
export function entityLabel(change: Pick<CampaignChange, 'entityLevel' | 'entityId' | 'platform'>, names: ReadonlyMap<string, string>): string | null {
  if (change.entityLevel === 'campaign') return null;
  const level = change.entityLevel === 'ad' ? 'Ad' : adGroupWord(change.platform);
  const name = change.entityId ? names.get(change.entityId) : undefined;
  return name ? `${level} “${name}”` : level;
}

/** Who did it: a person, an API key, a rule, the AI, Adloop itself, or someone on the platform. */
function Origin({ change }: { change: CampaignChange }) {
  if (change.origin === 'outside') return <Badge tone="amber">Changed on {PLATFORM_NAMES[change.platform]}</Badge>;
  return (
    <span>
      {change.origin === 'undo' ? 'Undo by ' : 'By '}
      <ActorLabel type={change.actorType} label={change.actorLabel} />
    </span>
  );
}

/** Approved by X (and the value first proposed, when edited), or rejected by X with the reason. */
function Decision({ change }: { change: CampaignChange }) {
  if (!change.decidedBy) return null;
  const rejected = change.state === 'rejected';
  return (
    <p className="text-xs text-gray-600">
      {rejected ? 'Rejected by ' : 'Approved by '}
      <ActorLabel type={change.decidedBy.type} label={change.decidedBy.label} />
      {change.decisionNote && (rejected ? `: ${change.decisionNote}` : ` (“${change.decisionNote}”)`)}
      {!rejected && change.proposedAfter !== null && change.proposedAfter !== change.after && ` · first proposed as ${changeValue(change, change.proposedAfter)}`}
    </p>
  );
}

/** A campaign's change history, newest first: Adloop's changes, their undos, and changes made on the platform. */
export function ChangeHistory({ orgId, campaignId, canEdit, entityNames = NO_NAMES }: { orgId: string; campaignId: string; canEdit: boolean; entityNames?: ReadonlyMap<string, string> }) {
  const tracker = useChangeTracker();
  const history = usePaged<CampaignChange>(keys.campaignChanges(orgId, campaignId), `/orgs/${orgId}/campaign-changes`, { campaignId }, { limit: 20 });
  const anyPending = history.items.some((c) => c.state === 'pending');
  // Re-read while a change is on its way (the tracker also refreshes this when it settles).
  const { refetch } = history;
  const interval = usePollInterval()(2000);
  useEffect(() => {
    if (!anyPending) return;
    const timer = setInterval(() => void refetch(), interval);
    return () => clearInterval(timer);
  }, [anyPending, refetch, interval]);

  let body: React.ReactNode;
  if (history.isPending) body = <LoadingState label="Loading the change history…" />;
  else if (history.isError) body = <ErrorState error={history.error} orgId={orgId} onRetry={() => void history.refetch()} />;
  else if (history.items.length === 0) body = <EmptyState title="No changes yet">Pauses, budget and bid changes, renames and changes made on the platform are listed here, for the campaign and its ad groups and ads.</EmptyState>;
  else
    body = (
      <>
        <ol className="divide-y divide-gray-100" aria-label="Changes, newest first">
          {history.items.map((change) => {
            const badge = STATE_BADGES[change.state];
            const entity = entityLabel(change, entityNames);
            return (
              <li key={change.id} className="flex flex-wrap items-start justify-between gap-3 py-3 text-sm">
                <div className="min-w-0 space-y-0.5">
                  <p className="font-medium text-gray-900">
                    {entity && <span className="text-gray-600">{entity}: </span>}
                    {changeSummary(change)} <Badge tone={badge.tone}>{badge.label}</Badge>
                  </p>
                  <p className="text-xs text-gray-500">
                    <Origin change={change} /> ·{' '}
                    <time dateTime={change.createdAt} title={formatDateTime(change.createdAt)}>
                      {formatRelative(change.createdAt)}
                    </time>
                  </p>
                  {change.reason && <p className="text-xs text-gray-600">Why: {change.reason}</p>}
                  <Decision change={change} />
                  {change.state === 'conflict' && <p className="text-xs text-amber-800">Someone changed this on the platform: it was {changeValue(change, change.current)}.</p>}
                  {change.message && <p className="text-xs text-gray-600">{change.message}</p>}
                </div>
                {canEdit && change.canUndo && (
                  <Button variant="secondary" className="px-2 py-1 text-xs" onClick={() => void tracker.undo([change])}>
                    Undo
                    <span className="sr-only"> {changeSummary(change).toLowerCase()}</span>
                  </Button>
                )}
              </li>
            );
          })}
        </ol>
        <LoadMore hasNextPage={history.hasNextPage} isFetchingNextPage={history.isFetchingNextPage} fetchNextPage={history.fetchNextPage} />
      </>
    );

  return (
    <section aria-labelledby="history-heading" className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-200">
      <h2 id="history-heading" className="mb-2 text-base font-semibold text-gray-900">
        Change history
      </h2>
      {body}
    </section>
  );
}
