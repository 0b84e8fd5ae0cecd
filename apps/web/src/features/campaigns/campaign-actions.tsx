import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { isApiError } from '../../lib/api.ts';
import type { CampaignRow, ChangeAction, RequestedChange } from '../../lib/types.ts';
import { Button } from '../../components/ui/button.tsx';
import { ConfirmDialog } from '../../components/ui/confirm-dialog.tsx';
import { Dialog } from '../../components/ui/dialog.tsx';
import { FormError } from '../../components/ui/alert.tsx';
import { Spinner } from '../../components/ui/spinner.tsx';
import { useChangeTracker } from './changes.tsx';
import { currencyDigits, microsToAmountInput, parseAmountToMicros } from './money-input.ts';
import { formatMicros } from './report-format.ts';

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

const PENDING_WORDS: Record<ChangeAction, string> = { pause: 'Pausing…', enable: 'Enabling…', set_daily_budget: 'Saving…', set_lifetime_budget: 'Saving…' };

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

/** A new budget this many times the current one asks for a second look before it is sent. */
const BIG_JUMP = 5;
/** Whether `next` is a jump worth a second look from `current` (a slipped digit, most often). */
const isBigJump = (current: number | null, next: number) => current !== null && current > 0 && next >= current * BIG_JUMP;

/**
 * The budget with an inline editor: "Edit budget" opens an input in the campaign's currency,
 * Save (or Enter) sends it. Platform refusals (e.g. below the minimum) show under the input.
 */
export function BudgetCell({ row, canEdit }: { row: CampaignRow; canEdit: boolean }) {
  const tracker = useChangeTracker();
  const id = useId();
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
    <span className="tabular-nums">
      {formatMicros(amount, row.currency)}
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
    if (isBigJump(amount, parsed.micros) && jumpToConfirm !== parsed.micros) {
      setJumpToConfirm(parsed.micros);
      return setError(null);
    }
    setSending(true);
    setError(null);
    try {
      await tracker.submit([budgetChange(row, kind, parsed.micros)]);
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
    <form onSubmit={(e) => void submit(e)} className="inline-flex flex-col items-end gap-1" noValidate>
      <span className="inline-flex items-center gap-1">
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
          className="w-24 rounded-md border-0 px-2 py-1 text-right text-sm tabular-nums ring-1 ring-inset ring-gray-300 focus:ring-2 focus:ring-indigo-600 aria-[invalid=true]:ring-red-500"
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
        <Button type="submit" className="px-2 py-1 text-xs" isLoading={isSending}>
          {jumpToConfirm !== null ? 'Save anyway' : 'Save'}
        </Button>
        <Button variant="ghost" className="px-2 py-1 text-xs" onClick={() => setEditing(false)}>
          Cancel
        </Button>
      </span>
      {error && (
        <span id={`${id}-error`} role="alert" className="max-w-xs text-right text-xs text-red-600">
          {error.join(' ')}
        </span>
      )}
      {!error && jumpToConfirm !== null && amount !== null && (
        <span id={`${id}-jump`} role="alert" className="max-w-xs text-right text-xs text-amber-800">
          {formatMicros(jumpToConfirm, row.currency)} is {Math.floor(jumpToConfirm / amount)}× the current {kindWord.toLowerCase()}. Check the amount, then press “Save anyway”.
        </span>
      )}
    </form>
  );
}

/** Bulk actions on the ticked campaigns: pause, enable, set daily budget. */
export function BulkActions({ rows, onDone }: { rows: CampaignRow[]; onDone: () => void }) {
  const tracker = useChangeTracker();
  const [dialog, setDialog] = useState<'pause' | 'enable' | 'budget' | null>(null);
  const toPause = rows.filter((r) => r.status === 'active');
  const toEnable = rows.filter((r) => r.status === 'paused');
  const withDaily = rows.filter((r) => r.lifetimeBudgetMicros === null && (r.status === 'active' || r.status === 'paused'));
  const plural = (n: number) => `${n} campaign${n === 1 ? '' : 's'}`;

  const send = async (changes: RequestedChange[]) => {
    await tracker.submit(changes);
    onDone();
  };

  return (
    <div role="toolbar" aria-label="Bulk actions" className="flex flex-wrap items-center gap-2 rounded-md bg-indigo-50 px-3 py-2 text-sm ring-1 ring-indigo-200">
      <span className="font-medium text-indigo-900">{plural(rows.length)} selected</span>
      <Button variant="secondary" className="px-2 py-1" disabled={toPause.length === 0} onClick={() => setDialog('pause')}>
        Pause
      </Button>
      <Button variant="secondary" className="px-2 py-1" disabled={toEnable.length === 0} onClick={() => setDialog('enable')}>
        Enable
      </Button>
      <Button variant="secondary" className="px-2 py-1" disabled={withDaily.length === 0} onClick={() => setDialog('budget')}>
        Set daily budget
      </Button>
      <Button variant="ghost" className="px-2 py-1" onClick={onDone}>
        Clear selection
      </Button>
      <ConfirmDialog
        open={dialog === 'pause'}
        onOpenChange={(open) => setDialog(open ? 'pause' : null)}
        title={`Pause ${plural(toPause.length)}?`}
        description={`They stop delivering ads on their platforms right away.${toPause.length < rows.length ? ` ${plural(rows.length - toPause.length)} of the selection are not active and stay as they are.` : ''} You can undo this afterwards.`}
        confirmLabel={`Pause ${plural(toPause.length)}`}
        onConfirm={() => send(toPause.map((r) => statusChange(r, 'pause')))}
      />
      <ConfirmDialog
        open={dialog === 'enable'}
        onOpenChange={(open) => setDialog(open ? 'enable' : null)}
        title={`Enable ${plural(toEnable.length)}?`}
        description={`They start delivering ads and spending their budgets again.${toEnable.length < rows.length ? ` ${plural(rows.length - toEnable.length)} of the selection are not paused and stay as they are.` : ''}`}
        confirmLabel={`Enable ${plural(toEnable.length)}`}
        tone="primary"
        onConfirm={() => send(toEnable.map((r) => statusChange(r, 'enable')))}
      />
      {dialog === 'budget' && <BulkBudgetDialog rows={withDaily} skipped={rows.length - withDaily.length} onClose={() => setDialog(null)} onSend={send} />}
    </div>
  );
}

function BulkBudgetDialog({ rows, skipped, onClose, onSend }: { rows: CampaignRow[]; skipped: number; onClose: () => void; onSend: (changes: RequestedChange[]) => Promise<void> }) {
  const id = useId();
  const currencies = [...new Set(rows.map((r) => r.currency))];
  const currency = currencies[0] ?? 'USD';
  const [value, setValue] = useState('');
  const [errors, setErrors] = useState<string[] | null>(null);
  const [isSending, setSending] = useState(false);
  const [jumpToConfirm, setJumpToConfirm] = useState<number | null>(null);
  const jumps = jumpToConfirm === null ? [] : rows.filter((r) => isBigJump(r.dailyBudgetMicros, jumpToConfirm));

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = parseAmountToMicros(value, currency);
    if (!parsed.ok) return setErrors([parsed.error]);
    if (jumpToConfirm !== parsed.micros && rows.some((r) => isBigJump(r.dailyBudgetMicros, parsed.micros))) {
      setErrors(null);
      return setJumpToConfirm(parsed.micros);
    }
    setSending(true);
    setErrors(null);
    try {
      await onSend(rows.map((r) => budgetChange(r, 'daily', parsed.micros)));
      onClose();
    } catch (failure) {
      // Issues name the change by index: "changes.2.amountMicros" is the third campaign.
      if (isApiError(failure) && failure.issues.length > 0) {
        setErrors(
          failure.issues.map((issue) => {
            const index = /^changes\.(\d+)/.exec(issue.field)?.[1];
            const row = index === undefined ? undefined : rows[Number(index)];
            const message = withSubject('The daily budget', issue.message);
            return row ? `${row.name}: ${message}` : message;
          }),
        );
      } else setErrors(issueMessages(failure, 'The daily budget'));
    } finally {
      setSending(false);
    }
  };

  return (
    <Dialog open onOpenChange={(open) => !open && onClose()} title={`Set the daily budget of ${rows.length} campaign${rows.length === 1 ? '' : 's'}`} description="Each campaign gets this daily budget, in its own currency.">
      {currencies.length > 1 ? (
        <div className="space-y-4">
          <FormError message={`The selected campaigns use different currencies (${currencies.join(', ')}). Select campaigns of one currency to give them the same budget.`} />
          <div className="flex justify-end">
            <Button variant="secondary" onClick={onClose}>
              Close
            </Button>
          </div>
        </div>
      ) : (
        <form onSubmit={(e) => void submit(e)} className="space-y-4" noValidate>
          <div className="space-y-1">
            <label htmlFor={id} className="block text-sm font-medium text-gray-800">
              Daily budget in {currency}
            </label>
            <input
              id={id}
              inputMode="decimal"
              autoComplete="off"
              className="block w-full rounded-md border-0 px-3 py-2 text-sm tabular-nums ring-1 ring-inset ring-gray-300 focus:ring-2 focus:ring-indigo-600 aria-[invalid=true]:ring-red-500"
              value={value}
              onChange={(e) => {
                setValue(e.currentTarget.value);
                setJumpToConfirm(null);
              }}
              aria-invalid={errors ? true : undefined}
              aria-describedby={errors ? `${id}-error` : jumps.length > 0 ? `${id}-jump` : `${id}-hint`}
            />
            {errors ? (
              <ul id={`${id}-error`} role="alert" className="space-y-0.5 text-sm text-red-600">
                {errors.map((e) => (
                  <li key={e}>{e}</li>
                ))}
              </ul>
            ) : jumps.length > 0 && jumpToConfirm !== null ? (
              <p id={`${id}-jump`} role="alert" className="text-sm text-amber-800">
                {formatMicros(jumpToConfirm, currency)} is {BIG_JUMP}× or more the current daily budget of {jumps.length === 1 ? `“${jumps[0]!.name}”` : `${jumps.length} of these campaigns`}. Check the amount, then press “Set anyway”.
              </p>
            ) : (
              <p id={`${id}-hint`} className="text-xs text-gray-500">
                {skipped > 0 ? `${skipped} selected campaign${skipped === 1 ? ' has' : 's have'} a lifetime budget or cannot change and stay as they are.` : 'Applies to every selected campaign.'}
              </p>
            )}
          </div>
          <ul className="max-h-32 overflow-y-auto text-xs text-gray-600" aria-label="Campaigns to change">
            {rows.map((r) => (
              <li key={r.id}>
                {r.name}: now {formatMicros(r.dailyBudgetMicros, r.currency)}
              </li>
            ))}
          </ul>
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" isLoading={isSending}>
              {jumpToConfirm !== null ? 'Set anyway' : 'Set daily budget'}
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
