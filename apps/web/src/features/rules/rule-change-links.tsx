import { Link } from '@tanstack/react-router';
import { useQueries } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';
import { keys } from '../../lib/queries.ts';
import type { CampaignChange } from '../../lib/types.ts';
import { Badge } from '../../components/ui/card.tsx';
import { Button } from '../../components/ui/button.tsx';
import { useChangeTracker } from '../campaigns/changes.tsx';
import { changeSummary } from '../campaigns/change-history.tsx';

const STATE_WORDS: Partial<Record<CampaignChange['state'], { label: string; tone: 'gray' | 'green' | 'amber' | 'indigo' | 'red' }>> = {
  pending: { label: 'On its way', tone: 'indigo' },
  applied: { label: 'Applied', tone: 'green' },
  undone: { label: 'Undone', tone: 'gray' },
  proposed: { label: 'Awaiting approval', tone: 'indigo' },
  rejected: { label: 'Rejected', tone: 'gray' },
  failed: { label: 'Failed', tone: 'red' },
  conflict: { label: 'Conflict', tone: 'amber' },
  expired: { label: 'Expired', tone: 'gray' },
  stopped: { label: 'Stopped', tone: 'red' },
};

/** The changes a rule made on one object: their state, a link to the object's change history, and Undo. */
export function RuleChangeLinks({ orgId, changeIds, canEdit }: { orgId: string; changeIds: readonly string[]; canEdit: boolean }) {
  const tracker = useChangeTracker();
  const changes = useQueries({
    queries: changeIds.map((id) => ({
      queryKey: [...keys.campaignChanges(orgId), 'one', id],
      queryFn: () => api.get<CampaignChange>(`/orgs/${orgId}/campaign-changes/${id}`),
      refetchInterval: (query: { state: { data?: CampaignChange } }) => (query.state.data?.state === 'pending' ? 2000 : false),
    })),
  });
  if (changeIds.length === 0) return null;
  return (
    <ul className="space-y-1" aria-label="Changes made">
      {changes.map((result, index) => {
        const change = result.data;
        if (!change) return <li key={changeIds[index]} className="text-xs text-gray-500">{result.isError ? 'The change could not be loaded.' : 'Loading the change…'}</li>;
        const state = STATE_WORDS[change.state];
        const summary = changeSummary(change);
        return (
          <li key={change.id} className="flex flex-wrap items-center gap-2 text-xs">
            <span className="text-gray-800">{summary}</span>
            {state && <Badge tone={state.tone}>{state.label}</Badge>}
            {change.campaignId && (
              <Link to="/orgs/$orgId/campaigns/$campaignId" params={{ orgId, campaignId: change.campaignId }} className="font-medium text-indigo-700 hover:underline">
                Change history<span className="sr-only"> of {change.campaignName}</span>
              </Link>
            )}
            {change.state === 'proposed' && (
              <Link to="/orgs/$orgId/approvals" params={{ orgId }} className="font-medium text-indigo-700 hover:underline">
                Approval inbox
              </Link>
            )}
            {canEdit && change.canUndo && (
              <Button variant="secondary" className="px-2 py-0.5 text-xs" onClick={() => void tracker.undo([change]).then(() => result.refetch())}>
                Undo<span className="sr-only"> {summary.toLowerCase()}</span>
              </Button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
