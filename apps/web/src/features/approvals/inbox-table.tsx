import type { CampaignChange } from '../../lib/types.ts';
import type { Selection } from './selection.ts';
import type { DecisionResult } from './decision-results.ts';
import { ProposalRow } from './proposal-row.tsx';

export interface InboxTableProps {
  rows: CampaignChange[];
  selection: Selection;
  mayDecide: boolean;
  isBusy: boolean;
  results: ReadonlyMap<string, DecisionResult>;
  edits: ReadonlyMap<string, number>;
  onToggleAll: () => void;
  onToggle: (id: string, range: boolean) => void;
  onFocusRow: (id: string) => void;
  onApprove: (id: string) => void;
  onReject: (id: string) => void;
  onEdit: (id: string, micros: number | null) => void;
}

const TH = 'py-2 pr-3 text-left text-xs font-medium tracking-wide text-gray-500 uppercase';

/** The proposals as a table: one row each, a tick box first, actions last. */
export function InboxTable({ rows, selection, mayDecide, isBusy, results, edits, onToggleAll, onToggle, onFocusRow, onApprove, onReject, onEdit }: InboxTableProps) {
  const selectable = rows.filter((c) => mayDecide && c.state === 'proposed' && c.stale === null);
  const allTicked = selectable.length > 0 && selectable.every((c) => selection.selected.has(c.id));
  const someTicked = selectable.some((c) => selection.selected.has(c.id));
  return (
    <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-gray-200">
      <table className="min-w-full divide-y divide-gray-200">
        <caption className="sr-only">Proposals, newest first</caption>
        <thead className="bg-gray-50">
          <tr>
            <th scope="col" className="w-10 py-2 pl-3">
              {selectable.length > 0 && (
                <input
                  type="checkbox"
                  className="size-4 rounded border-gray-300 text-indigo-600 focus:ring-indigo-600"
                  checked={allTicked}
                  ref={(el) => {
                    if (el) el.indeterminate = someTicked && !allTicked;
                  }}
                  onChange={onToggleAll}
                  aria-label="Select every proposal that can be approved"
                />
              )}
            </th>
            <th scope="col" className={TH}>
              Change
            </th>
            <th scope="col" className={TH}>
              Proposed by
            </th>
            <th scope="col" className={`${TH} text-right`}>
              At stake
            </th>
            <th scope="col" className={TH}>
              Guardrails
            </th>
            <th scope="col" className={TH}>
              When
            </th>
            <th scope="col" className={`${TH} text-right`}>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-gray-100">
          {rows.map((change) => (
            <ProposalRow
              key={change.id}
              change={change}
              canDecide={mayDecide}
              isSelected={selection.selected.has(change.id)}
              isFocused={selection.focus === change.id}
              isBusy={isBusy}
              result={results.get(change.id)}
              editedMicros={edits.get(change.id)}
              onToggle={(range) => onToggle(change.id, range)}
              onFocusRow={() => onFocusRow(change.id)}
              onApprove={() => onApprove(change.id)}
              onReject={() => onReject(change.id)}
              onEdit={(micros) => onEdit(change.id, micros)}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}
