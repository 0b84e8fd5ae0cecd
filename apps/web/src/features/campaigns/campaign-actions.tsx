import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { isApiError } from '../../lib/api.ts';
import type { CampaignRow, ChangeAction, RequestedChange } from '../../lib/types.ts';
import { Button } from '../../components/ui/button.tsx';
import { Spinner } from '../../components/ui/spinner.tsx';
import { useChangeTracker } from './changes.tsx';
import { currencyDigits, microsToAmountInput } from '@adloop/engine';
import { parseAmountToMicros } from './money-input.ts';
import { formatMicros } from './report-format.ts';
import { useBudgetJump } from './budget-jump.ts';
import type { ShownAmount } from './currency-view.ts';

/** A campaign's budget kind: where its budget lives (none: set on its ad groups). */
export function budgetKind(row: Pick<CampaignRow, 'dailyBudgetMicros' | 'lifetimeBudgetMicros'>): 'daily' | 'lifetime' | null {
  if (row.dailyBudgetMicros !== null) return 'daily';
  if (row.lifetimeBudgetMicros !== null) return 'lifetime';
  return null;
}

/** The requested status change for a campaign, with what the person saw as `expected`. */
export function statusChange(row: CampaignRow, action: 'pause' | 'enable'): RequestedChange {
  return { campaignId: row.id, action, expected: { status: row.status } };
}

export function budgetChange(row: CampaignRow, kind: 'daily' | 'lifetime', amountMicros: number): RequestedChange {
  return kind === 'daily'
    ? { campaignId: row.id, action: 'set_daily_budget', amountMicros, expected: { dailyBudgetMicros: row.dailyBudgetMicros } }
    : { campaignId: row.id, action: 'set_lifetime_budget', amountMicros, expected: { lifetimeBudgetMicros: row.lifetimeBudgetMicros } };
}

/** "is below the minimum" reads as a sentence with its subject: "The daily budget is below the minimum". */
export function withSubject(subject: string, message: string): string {
  return /^[a-z]/.test(message) ? `${subject} ${message}` : message;
}

/** Every message of a 400's field issues (or the error's own message), as sentences about `subject`. */
export function issueMessages(error: unknown, subject = 'The value'): string[] {
  if (isApiError(error) && error.issues.length > 0) return [...new Set(error.issues.map((i) => withSubject(subject, i.message)))];
  return [error instanceof Error ? error.message : 'Something went wrong'];
}

const PENDING_WORDS: Record<ChangeAction, string> = {
  pause: 'Pausing…',
  enable: 'Enabling…',
  set_daily_budget: 'Saving…',
  set_lifetime_budget: 'Saving…',
  rename: 'Renaming…',
  set_bid: 'Saving…',
  set_target_roas: 'Saving…',
  archive: 'Archiving…',
  remove: 'Removing…',
  duplicate: 'Copying…',
  create_ad: 'Creating the ad…',
};

/** "Pausing…" next to a campaign whose change is on its way to the platform. */
export function PendingChange({ campaignId }: { campaignId: string }) {
  const pending = useChangeTracker().pendingFor(campaignId);
  if (!pending) return null;
  const action = pending.action as ChangeAction;
  return (
    <span className="inline-flex items-center gap-1 text-xs text-indigo-700">
      <Spinner className="size-3" />
      {PENDING_WORDS[action] ?? 'Saving…'}
    </span>
  );
}

/** Pause (active) or Enable (paused) one campaign: one click, with Undo in the toast that follows. */
export function StatusToggle({ row, className = '' }: { row: CampaignRow; className?: string }) {
  const tracker = useChangeTracker();
  const [isSending, setSending] = useState(false);
  const pending = tracker.pendingFor(row.id);
  if (row.status !== 'active' && row.status !== 'paused') return null;
  const action = row.status === 'active' ? 'pause' : 'enable';
  const label = action === 'pause' ? 'Pause' : 'Enable';
  const run = async () => {
    setSending(true);
    try {
      await tracker.submit([statusChange(row, action)]);
    } catch (error) {
      tracker.showError(`Could not ${action} “${row.name}”`, error);
    } finally {
      setSending(false);
    }
  };
  return (
    <Button variant="secondary" className={`px-2 py-1 text-xs ${className}`} onClick={() => void run()} isLoading={isSending} disabled={pending !== undefined}>
      {label}
      <span className="sr-only"> {row.name}</span>
    </Button>
  );
}

/**
 * The budget with an inline editor: "Edit budget" opens an input in the campaign's currency,
 * Save (or Enter) sends it. Platform refusals (e.g. below the minimum) show under the input.
 */
export function BudgetCell({ row, canEdit, shown: display }: { row: CampaignRow; canEdit: boolean; shown?: ShownAmount }) {
  const tracker = useChangeTracker();
  const id = useId();
  const jump = useBudgetJump();
  const kind = budgetKind(row);
  const [isEditing, setEditing] = useState(false);
  const [value, setValue] = useState('');
  const [error, setError] = useState<string[] | null>(null);
  const [isSending, setSending] = useState(false);
  /** An amount far above the current one, shown back once: saving it again applies it. */
  const [jumpToConfirm, setJumpToConfirm] = useState<number | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);
  useEffect(() => {
    if (isEditing) input.current?.select();
    else if (wasEditing.current) editButton.current?.focus();
    wasEditing.current = isEditing;
  }, [isEditing]);

  const amount = kind === 'lifetime' ? row.lifetimeBudgetMicros : row.dailyBudgetMicros;
  const kindWord = kind === 'lifetime' ? 'Lifetime budget' : 'Daily budget';
  const shown = (
    <span className="tabular-nums" title={display?.original ? `${display.original} in the account’s currency` : undefined}>
      {display?.text ?? formatMicros(amount, row.currency)}
      {kind && <span className="ml-1 text-xs text-gray-500">{kind === 'daily' ? '/ day' : 'lifetime'}</span>}
    </span>
  );
  const pending = tracker.pendingFor(row.id);
  if (!canEdit || kind === null || (row.status !== 'active' && row.status !== 'paused')) return shown;

  const open = () => {
    setValue(microsToAmountInput(amount, row.currency));
    setError(null);
    setJumpToConfirm(null);
    setEditing(true);
  };
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = parseAmountToMicros(value, row.currency);
    if (!parsed.ok) return setError([parsed.error]);
    if (parsed.micros === amount) return setEditing(false);
    if (jump.isJump(amount, parsed.micros) && jumpToConfirm !== parsed.micros) {
      setJumpToConfirm(parsed.micros);
      return setError(null);
    }
    setSending(true);
    setError(null);
    try {
      // Seen twice and saved anyway: the server's budget-jump guardrail is confirmed with it.
      await tracker.submit([budgetChange(row, kind, parsed.micros)], jump.isJump(amount, parsed.micros) ? ['budget_jump'] : undefined);
      setEditing(false);
    } catch (failure) {
      setError(issueMessages(failure, `The ${kindWord.toLowerCase()}`));
    } finally {
      setSending(false);
    }
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      setEditing(false);
    }
  };

  if (!isEditing) {
    return (
      <span className="inline-flex items-center gap-1">
        {shown}
        <button
          ref={editButton}
          type="button"
          onClick={open}
          disabled={pending !== undefined}
          className="rounded p-1 text-gray-400 hover:bg-gray-100 hover:text-indigo-700 disabled:opacity-40"
          aria-label={`Edit the ${kindWord.toLowerCase()} of ${row.name}`}
          title={`Edit the ${kindWord.toLowerCase()}`}
        >
          <svg viewBox="0 0 20 20" className="size-4" aria-hidden="true">
            <path d="M13.6 3.6l2.8 2.8L7 15.8 3.5 16.5l.7-3.5z" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" />
          </svg>
        </button>
      </span>
    );
  }

  const digits = currencyDigits(row.currency);
  return (
    <form onSubmit={(e) => void submit(e)} className="flex flex-col items-end gap-1" noValidate>
      <span className="flex w-full items-center justify-end gap-1">
        <label htmlFor={id} className="sr-only">
          {kindWord} of {row.name} in {row.currency}
        </label>
        <span className="text-xs text-gray-500" aria-hidden="true">
          {row.currency}
        </span>
        <input
          ref={input}
          id={id}
          inputMode="decimal"
          autoComplete="off"
          className="w-full max-w-28 min-w-0 rounded-md border-0 px-2 py-1 text-right text-sm tabular-nums ring-1 ring-inset ring-gray-300 focus:ring-2 focus:ring-indigo-600 aria-[invalid=true]:ring-red-500"
          value={value}
          placeholder={digits ? `0.${'0'.repeat(digits)}` : '0'}
          onChange={(e) => {
            setValue(e.currentTarget.value);
            setJumpToConfirm(null);
          }}
          onKeyDown={onKeyDown}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : jumpToConfirm !== null ? `${id}-jump` : undefined}
        />
      </span>
      <span className="flex flex-wrap justify-end gap-1">
        <Button type="submit" className="px-2 py-1 text-xs" isLoading={isSending}>
          {jumpToConfirm !== null ? 'Save anyway' : 'Save'}
        </Button>
        <Button variant="ghost" className="px-2 py-1 text-xs" onClick={() => setEditing(false)}>
          Cancel
        </Button>
      </span>
      {error && (
        <span id={`${id}-error`} role="alert" className="w-full text-right text-xs break-words text-red-600">
          {error.join(' ')}
        </span>
      )}
      {!error && jumpToConfirm !== null && amount !== null && (
        <span id={`${id}-jump`} role="alert" className="w-full text-right text-xs break-words text-amber-800">
          {formatMicros(jumpToConfirm, row.currency)} is {jumpToConfirm > amount ? `${Number((jumpToConfirm / amount).toFixed(1))}× the current ${kindWord.toLowerCase()}` : `less than 1/${jump.factor} of the current ${kindWord.toLowerCase()}`}. Check the amount, then press “Save anyway”.
        </span>
      )}
    </form>
  );
}
