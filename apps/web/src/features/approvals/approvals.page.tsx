import { useMemo, useRef, useState } from 'react';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { plural } from '@adloop/contracts/labels';
import { keys } from '../../lib/queries.ts';
import { usePaged } from '../../lib/use-paged.ts';
import type { CampaignChange } from '../../lib/types.ts';
import { Button } from '../../components/ui/button.tsx';
import { Alert } from '../../components/ui/alert.tsx';
import { LoadMore } from '../../components/ui/load-more.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/ui/states.tsx';
import { useCurrentOrg } from '../shell/org-context.ts';
import { proposalsPath } from './approvals-api.ts';
import { hasNarrowingFilters, inboxQuery, inboxSearch, readInboxFilters, type InboxFilters } from './inbox-filters.ts';
import { InboxFilterBar } from './inbox-filter-bar.tsx';
import { actionTargets, EMPTY_SELECTION, moveFocus, syncSelection, toggleAll, toggleRow, type Selection } from './selection.ts';
import { useInboxKeys } from './use-inbox-keys.ts';
import { useDecisions } from './use-decisions.ts';
import { canApprove } from './permissions.ts';
import { InboxTable } from './inbox-table.tsx';
import { RejectDialog } from './reject-dialog.tsx';
import { DecisionSummary, ConfirmPastGuardrails } from './decision-summary.tsx';
import { rowDomId } from './proposal-row.tsx';

/** The approval inbox: proposals of people, API keys, rules and the AI waiting for a decision, and the decided ones. */
export function ApprovalsPage() {
  const { org } = useCurrentOrg();
  const orgId = org.id;
  const search = useSearch({ from: '/orgs/$orgId/approvals' });
  const navigate = useNavigate({ from: '/orgs/$orgId/approvals' });
  const filters = readInboxFilters(search);
  const query = inboxQuery(filters);
  const list = usePaged<CampaignChange>(keys.proposals(orgId, query), proposalsPath(orgId), query, { limit: 50 });
  const rows = list.items;
  const mayDecide = canApprove(org.role);

  const [rawSelection, setSelection] = useState<Selection>(EMPTY_SELECTION);
  const [edits, setEdits] = useState<ReadonlyMap<string, number>>(new Map());
  const [rejecting, setRejecting] = useState<string[] | null>(null);
  const decisions = useDecisions(orgId, edits);
  const selectionRows = useMemo(() => rows.map((c) => ({ id: c.id, selectable: mayDecide && c.state === 'proposed' && c.stale === null })), [rows, mayDecide]);
  const selection = syncSelection(rawSelection, selectionRows);
  const targets = actionTargets(selection, selectionRows);
  const listRef = useRef<HTMLDivElement>(null);

  const focusRow = (next: Selection) => {
    setSelection(next);
    if (next.focus) document.getElementById(rowDomId(next.focus))?.focus();
  };
  useInboxKeys(
    {
      move: (delta) => focusRow(moveFocus(selection, selectionRows, delta)),
      toggle: (range) => selection.focus && setSelection(toggleRow(selection, selectionRows, selection.focus, range)),
      approve: () => mayDecide && !decisions.isBusy && void decisions.approve(targets),
      reject: () => mayDecide && targets.length > 0 && setRejecting(targets),
    },
    listRef,
  );

  const setFilters = (next: InboxFilters) => void navigate({ search: inboxSearch(next), replace: true });
  const setEdit = (id: string, micros: number | null) =>
    setEdits((current) => {
      const next = new Map(current);
      if (micros === null) next.delete(id);
      else next.set(id, micros);
      return next;
    });

  let body: React.ReactNode;
  if (list.isPending) body = <LoadingState label="Loading proposals…" />;
  else if (list.isError) body = <ErrorState error={list.error} orgId={orgId} onRetry={() => void list.refetch()} />;
  else if (rows.length === 0) body = <EmptyInbox filters={filters} onClear={() => setFilters(readInboxFilters({ state: filters.state }))} />;
  else
    body = (
      <div ref={listRef}>
        <InboxTable
          rows={rows}
          selection={selection}
          mayDecide={mayDecide}
          isBusy={decisions.isBusy}
          results={decisions.results}
          edits={edits}
          onToggleAll={() => setSelection(toggleAll(selection, selectionRows))}
          onToggle={(id, range) => setSelection(toggleRow(selection, selectionRows, id, range))}
          onFocusRow={(id) => selection.focus !== id && setSelection({ ...selection, focus: id })}
          onApprove={(id) => void decisions.approve([id])}
          onReject={(id) => setRejecting([id])}
          onEdit={setEdit}
        />
        <LoadMore hasNextPage={list.hasNextPage} isFetchingNextPage={list.isFetchingNextPage} fetchNextPage={list.fetchNextPage} />
      </div>
    );

  return (
    <div className="space-y-4" data-full-width>
      <div>
        <h1 className="text-xl font-semibold tracking-tight text-gray-900">Approval inbox</h1>
        <p className="mt-1 text-sm text-gray-600">
          Changes proposed by members, API keys, rules and the AI wait here until someone approves or rejects them.{' '}
          {mayDecide ? (
            <span className="text-gray-500">Keys: j/k move, x select (shift+x a range), a approve, r reject.</span>
          ) : (
            'Owners, admins and managers decide them; you can follow yours here.'
          )}
        </p>
      </div>
      <InboxFilterBar orgId={orgId} filters={filters} onChange={setFilters} />
      {decisions.pendingConfirm && (
        <ConfirmPastGuardrails pending={decisions.pendingConfirm} isBusy={decisions.isBusy} onConfirm={(p) => void decisions.approve(p.ids, p.guardrails.map((g) => g.id))} onDismiss={decisions.dismissConfirm} />
      )}
      <DecisionSummary results={decisions.lastResults} rows={list.items} />
      {mayDecide && selection.selected.size > 0 && (
        <div role="toolbar" aria-label="Bulk decisions" className="sticky top-0 z-10 flex flex-wrap items-center gap-2 rounded-md bg-indigo-50 px-3 py-2 text-sm ring-1 ring-indigo-200">
          <span className="font-medium text-indigo-900">{plural(selection.selected.size, 'proposal')} selected</span>
          <Button className="px-2 py-1" isLoading={decisions.isBusy} onClick={() => void decisions.approve(targets)}>
            Approve {plural(targets.length, 'proposal')}
          </Button>
          <Button variant="secondary" className="px-2 py-1" disabled={decisions.isBusy} onClick={() => setRejecting(targets)}>
            Reject…
          </Button>
          <Button variant="ghost" className="px-2 py-1" onClick={() => setSelection({ ...selection, selected: new Set() })}>
            Clear selection
          </Button>
        </div>
      )}
      {!mayDecide && <Alert tone="info">You can see the proposals but not decide them.</Alert>}
      {body}
      <RejectDialog
        count={rejecting?.length ?? 0}
        open={rejecting !== null}
        onOpenChange={(open) => !open && setRejecting(null)}
        onReject={async (reason) => {
          if (rejecting) await decisions.reject(rejecting, reason);
        }}
      />
    </div>
  );
}

function EmptyInbox({ filters, onClear }: { filters: InboxFilters; onClear: () => void }) {
  if (hasNarrowingFilters(filters))
    return (
      <EmptyState
        title="No proposals match these filters"
        action={
          <Button variant="secondary" onClick={onClear}>
            Clear filters
          </Button>
        }
      />
    );
  if (filters.state === 'waiting') return <EmptyState title="Nothing waits for a decision">New proposals appear here as they arrive.</EmptyState>;
  return <EmptyState title="No proposals in this state" />;
}
