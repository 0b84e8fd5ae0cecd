import { useState } from 'react';
import type { CampaignChange } from '../../lib/types.ts';
import { Button } from '../../components/ui/button.tsx';
import { DecisionCell, GuardrailChips, ProposerCell, StakeCell, WhatCell, WhenCell } from './proposal-cells.tsx';
import { ValueEditor } from './value-editor.tsx';
import { Evidence } from './evidence.tsx';
import { beforeAfterWords, canEditValue, fieldWords } from './proposal-words.ts';
import type { DecisionResult } from './decision-results.ts';

export interface ProposalRowProps {
  change: CampaignChange;
  /** Whether this person may decide proposals (and this one can still be decided). */
  canDecide: boolean;
  isSelected: boolean;
  isFocused: boolean;
  isBusy: boolean;
  result: DecisionResult | undefined;
  editedMicros: number | undefined;
  onToggle: (range: boolean) => void;
  onFocusRow: () => void;
  onApprove: () => void;
  onReject: () => void;
  onEdit: (micros: number | null) => void;
}

export const rowDomId = (id: string) => `proposal-${id}`;
export const COLUMN_COUNT = 7;

/** One proposal: its tick box, what it changes, who asked and why, money at stake, guardrails, age, and its actions. */
export function ProposalRow({ change, canDecide, isSelected, isFocused, isBusy, result, editedMicros, onToggle, onFocusRow, onApprove, onReject, onEdit }: ProposalRowProps) {
  const [isEditing, setEditing] = useState(false);
  const [showEvidence, setShowEvidence] = useState(false);
  const isWaiting = change.state === 'proposed';
  const isStale = change.stale !== null;
  const summary = beforeAfterWords(change);
  const hasEvidence = change.evidence !== null && Object.keys(change.evidence).length > 0;
  const evidenceId = `${rowDomId(change.id)}-evidence`;
  return (
    <>
      <tr id={rowDomId(change.id)} tabIndex={-1} onFocus={onFocusRow} className={`align-top outline-none ${isFocused ? 'bg-indigo-50/70 ring-2 ring-indigo-400 ring-inset' : ''} ${isSelected ? 'bg-indigo-50' : ''}`}>
        <td className="w-10 py-3 pl-3">
          {isWaiting && canDecide && (
            <input
              type="checkbox"
              className="size-4 rounded border-gray-300 text-indigo-600 focus:ring-indigo-600"
              checked={isSelected}
              disabled={isStale}
              // Shift-click ticks (or unticks) the range from the last row ticked alone.
              onChange={(event) => onToggle(event.nativeEvent instanceof MouseEvent && event.nativeEvent.shiftKey)}
              aria-label={`Select: ${summary}, ${change.entityName}`}
              aria-describedby={isStale ? `${rowDomId(change.id)}-stale` : undefined}
            />
          )}
        </td>
        <th scope="row" className="py-3 pr-3 text-left text-sm font-normal">
          <WhatCell change={change} editedMicros={editedMicros} result={result} />
          {isStale && (
            <span id={`${rowDomId(change.id)}-stale`} className="sr-only">
              Stale: cannot be approved
            </span>
          )}
          {isEditing && (
            <div className="mt-2">
              <ValueEditor
                currency={change.currency}
                initialMicros={editedMicros ?? (change.after === null ? null : Number(change.after))}
                label={`New ${fieldWords(change.field).toLowerCase()}`}
                onSave={(micros) => {
                  onEdit(String(micros) === change.after ? null : micros);
                  setEditing(false);
                }}
                onCancel={() => setEditing(false)}
              />
            </div>
          )}
        </th>
        <td className="py-3 pr-3">
          <ProposerCell change={change} />
        </td>
        <td className="py-3 pr-3 text-right text-sm">
          <StakeCell change={change} />
        </td>
        <td className="py-3 pr-3">
          <GuardrailChips change={change} />
        </td>
        <td className="py-3 pr-3">{isWaiting ? <WhenCell change={change} /> : <DecisionCell change={change} />}</td>
        <td className="py-3 pr-3">
          <div className="flex flex-wrap justify-end gap-1">
            {isWaiting && canDecide && (
              <>
                <Button className="px-2 py-1 text-xs" onClick={onApprove} disabled={isStale || isBusy} title={isStale ? 'The value moved on the platform since it was proposed' : undefined}>
                  Approve<span className="sr-only"> {summary}</span>
                </Button>
                <Button variant="secondary" className="px-2 py-1 text-xs" onClick={onReject} disabled={isBusy}>
                  Reject<span className="sr-only"> {summary}</span>
                </Button>
                {canEditValue(change) && !isStale && !isEditing && (
                  <Button variant="ghost" className="px-2 py-1 text-xs" onClick={() => setEditing(true)}>
                    Edit value<span className="sr-only"> of {summary}</span>
                  </Button>
                )}
                {editedMicros !== undefined && !isEditing && (
                  <Button variant="ghost" className="px-2 py-1 text-xs" onClick={() => onEdit(null)}>
                    Use proposed value
                  </Button>
                )}
              </>
            )}
            {hasEvidence && (
              <Button variant="ghost" className="px-2 py-1 text-xs" aria-expanded={showEvidence} aria-controls={evidenceId} onClick={() => setShowEvidence((v) => !v)}>
                {showEvidence ? 'Hide evidence' : 'Evidence'}
              </Button>
            )}
          </div>
        </td>
      </tr>
      {hasEvidence && showEvidence && change.evidence && (
        <tr className="bg-gray-50">
          <td />
          <td colSpan={COLUMN_COUNT - 1} className="py-3 pr-3">
            <Evidence id={evidenceId} evidence={change.evidence} />
          </td>
        </tr>
      )}
    </>
  );
}
