import { plural } from '@adloop/contracts/labels';
import type { CampaignChange } from '../../lib/types.ts';
import { Button } from '../../components/ui/button.tsx';
import { beforeAfterWords } from './proposal-words.ts';
import { guardrailName } from './proposal-cells.tsx';
import type { DecisionResult } from './decision-results.ts';
import type { PendingConfirm } from './use-decisions.ts';

/**
 * The outcome of the last Approve or Reject, one line per proposal: decided rows leave the list
 * of waiting proposals, so their result is said here (and read out by screen readers).
 */
export function DecisionSummary({ results, rows }: { results: DecisionResult[]; rows: CampaignChange[] }) {
  const refused = results.filter((r) => !r.ok);
  const done = results.length - refused.length;
  const name = (r: DecisionResult) => {
    const change = r.change ?? rows.find((c) => c.id === r.changeId);
    return change ? `${beforeAfterWords(change)} (“${change.campaignName}”)` : 'A proposal';
  };
  return (
    <div aria-live="polite" aria-atomic="false">
      {results.length > 0 && (
        <div className={`rounded-md px-3 py-2 text-sm ring-1 ${refused.length ? 'bg-red-50 ring-red-200' : 'bg-green-50 ring-green-200'}`}>
          <p className="font-medium text-gray-900">
            {done > 0 && `${plural(done, 'proposal')} decided.`} {refused.length > 0 && `${plural(refused.length, 'proposal was', 'proposals were')} refused.`}
          </p>
          <ul className="mt-1 space-y-0.5">
            {results.map((r) => (
              <li key={r.changeId} className={r.ok ? 'text-green-900' : 'text-red-800'}>
                {r.ok ? (r.change?.state === 'rejected' ? 'Rejected: ' : 'Approved: ') : 'Refused: '}
                {name(r)}
                {!r.ok && r.message ? `: ${r.message}` : ''}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

/** An edited value the server held back on a soft guardrail: say which, and let the approver go past it. */
export function ConfirmPastGuardrails({ pending, isBusy, onConfirm, onDismiss }: { pending: PendingConfirm; isBusy: boolean; onConfirm: (pending: PendingConfirm) => void; onDismiss: () => void }) {
  return (
    <div role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-sm ring-1 ring-amber-300">
      <p className="font-medium text-amber-900">Held back by {plural(pending.guardrails.length, 'guardrail')}:</p>
      <ul className="mt-1 list-disc pl-5 text-amber-900">
        {pending.guardrails.map((g) => (
          <li key={g.id}>
            {guardrailName(g.id)}: {g.message}
          </li>
        ))}
      </ul>
      <div className="mt-2 flex gap-2">
        <Button className="px-2 py-1" isLoading={isBusy} onClick={() => onConfirm(pending)}>
          Confirm anyway
        </Button>
        <Button variant="ghost" className="px-2 py-1" onClick={onDismiss}>
          Cancel
        </Button>
      </div>
    </div>
  );
}
