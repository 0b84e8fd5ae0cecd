import { useId, useState, type FormEvent } from 'react';
import { plural } from '@adloop/contracts/labels';
import { isApiError } from '../../lib/api.ts';
import type { CampaignRow, RequestedChange } from '../../lib/types.ts';
import type { GuardrailId } from '@adloop/contracts';
import { Button } from '../../components/ui/button.tsx';
import { Dialog } from '../../components/ui/dialog.tsx';
import { ConfirmDialog } from '../../components/ui/confirm-dialog.tsx';
import { useChangeTracker } from './changes.tsx';
import { budgetChange, issueMessages, statusChange, withSubject } from './campaign-actions.tsx';
import { scaleBudget } from '@adloop/engine';
import { parsePercent } from './budget-math.ts';
import { useBudgetJump } from './budget-jump.ts';
import { parseAmountToMicros } from './money-input.ts';
import { formatMicros } from './report-format.ts';

/** Bulk actions on the ticked campaigns: pause, enable, set daily budget. */
export function BulkActions({ rows, onDone }: { rows: CampaignRow[]; onDone: () => void }) {
  const tracker = useChangeTracker();
  const [dialog, setDialog] = useState<'pause' | 'enable' | 'budget' | null>(null);
  const toPause = rows.filter((r) => r.status === 'active');
  const toEnable = rows.filter((r) => r.status === 'paused');
  const withDaily = rows.filter((r) => r.lifetimeBudgetMicros === null && (r.status === 'active' || r.status === 'paused'));
  const campaigns = (n: number) => plural(n, 'campaign');

  const send = async (changes: RequestedChange[], confirm?: GuardrailId[]) => {
    await tracker.submit(changes, confirm);
    onDone();
  };

  return (
    <div role="toolbar" aria-label="Bulk actions" className="flex flex-wrap items-center gap-2 rounded-md bg-indigo-50 px-3 py-2 text-sm ring-1 ring-indigo-200">
      <span className="font-medium text-indigo-900">{campaigns(rows.length)} selected</span>
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
        title={`Pause ${campaigns(toPause.length)}?`}
        description={`They stop delivering ads on their platforms right away.${toPause.length < rows.length ? ` ${campaigns(rows.length - toPause.length)} of the selection are not active and stay as they are.` : ''} You can undo this afterwards.`}
        confirmLabel={`Pause ${campaigns(toPause.length)}`}
        onConfirm={() => send(toPause.map((r) => statusChange(r, 'pause')))}
      />
      <ConfirmDialog
        open={dialog === 'enable'}
        onOpenChange={(open) => setDialog(open ? 'enable' : null)}
        title={`Enable ${campaigns(toEnable.length)}?`}
        description={`They start delivering ads and spending their budgets again.${toEnable.length < rows.length ? ` ${campaigns(rows.length - toEnable.length)} of the selection are not paused and stay as they are.` : ''}`}
        confirmLabel={`Enable ${campaigns(toEnable.length)}`}
        tone="primary"
        onConfirm={() => send(toEnable.map((r) => statusChange(r, 'enable')))}
      />
      {dialog === 'budget' && <BulkBudgetDialog rows={withDaily} skipped={rows.length - withDaily.length} onClose={() => setDialog(null)} onSend={send} />}
    </div>
  );
}

type Mode = 'amount' | 'percent';
interface Planned {
  row: CampaignRow;
  micros: number;
}
type Plan = { ok: true; items: Planned[] } | { ok: false; error: string };

const input =
  'block w-full rounded-md border-0 px-3 py-2 text-sm tabular-nums ring-1 ring-inset ring-gray-300 focus:ring-2 focus:ring-indigo-600 aria-[invalid=true]:ring-red-500';

/** The new daily budget of each campaign for what was typed: one amount, or each changed by a percentage. */
function planFor(mode: Mode, text: string, rows: CampaignRow[]): Plan {
  if (mode === 'percent') {
    const parsed = parsePercent(text);
    if (!parsed.ok) return parsed;
    return { ok: true, items: rows.flatMap((row) => (row.dailyBudgetMicros === null ? [] : [{ row, micros: scaleBudget(row.dailyBudgetMicros, parsed.percent, row.currency) }])) };
  }
  const currency = rows[0]?.currency ?? 'USD';
  const parsed = parseAmountToMicros(text, currency);
  if (!parsed.ok) return parsed;
  return { ok: true, items: rows.map((row) => ({ row, micros: parsed.micros })) };
}

/**
 * The daily budget of the ticked campaigns: one amount for all (one currency), or each changed by
 * the same percentage (any currencies, rounded to each currency's smallest unit). A new budget past
 * the organisation's budget-jump limit (5× or 1/5 by default) is shown back once before anything is sent; the platforms' own rules
 * are checked by the server, per campaign.
 */
function BulkBudgetDialog({ rows, skipped, onClose, onSend }: { rows: CampaignRow[]; skipped: number; onClose: () => void; onSend: (changes: RequestedChange[], confirm?: GuardrailId[]) => Promise<void> }) {
  const id = useId();
  const currencies = [...new Set(rows.map((r) => r.currency))];
  const [mode, setMode] = useState<Mode>(currencies.length > 1 ? 'percent' : 'amount');
  const [value, setValue] = useState('');
  const [errors, setErrors] = useState<string[] | null>(null);
  const [isSending, setSending] = useState(false);
  /** The input (mode and text) shown back for a second look: sending it again applies it. */
  const [confirming, setConfirming] = useState<string | null>(null);
  const key = `${mode}:${value}`;
  const plan = value.trim() ? planFor(mode, value, rows) : null;
  const jump = useBudgetJump();
  const jumps = plan?.ok ? plan.items.filter((p) => jump.isJump(p.row.dailyBudgetMicros, p.micros)) : [];
  const isConfirming = confirming === key && jumps.length > 0;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const planned = planFor(mode, value, rows);
    if (!planned.ok) return setErrors([planned.error]);
    if (jumps.length > 0 && confirming !== key) {
      setErrors(null);
      return setConfirming(key);
    }
    const sent = planned.items.filter((p) => p.micros !== p.row.dailyBudgetMicros);
    if (sent.length === 0) return onClose();
    setSending(true);
    setErrors(null);
    try {
      // Seen twice and sent anyway: the server's budget-jump guardrail is confirmed with them.
      await onSend(sent.map((p) => budgetChange(p.row, 'daily', p.micros)), jumps.length > 0 ? ['budget_jump'] : undefined);
      onClose();
    } catch (failure) {
      // Issues name the change by index: "changes.2.amountMicros" is the third one sent.
      if (isApiError(failure) && failure.issues.length > 0) {
        setErrors(
          failure.issues.map((issue) => {
            const index = /^changes\.(\d+)/.exec(issue.field)?.[1];
            const row = index === undefined ? undefined : sent[Number(index)]?.row;
            const message = withSubject('The daily budget', issue.message);
            return row ? `${row.name}: ${message}` : message;
          }),
        );
      } else setErrors(issueMessages(failure, 'The daily budget'));
    } finally {
      setSending(false);
    }
  };

  const switchMode = (next: Mode) => {
    setMode(next);
    setValue('');
    setErrors(null);
    setConfirming(null);
  };
  const isMixedAmount = mode === 'amount' && currencies.length > 1;
  const describedBy = errors ? `${id}-error` : isConfirming ? `${id}-jump` : `${id}-hint`;

  return (
    <Dialog open onOpenChange={(open) => !open && onClose()} title={`Set the daily budget of ${plural(rows.length, 'campaign')}`} description="Give every campaign one amount, or change each budget by the same percentage.">
      <form onSubmit={(e) => void submit(e)} className="space-y-4" noValidate>
        <fieldset>
          <legend className="text-sm font-medium text-gray-800">Change</legend>
          <div className="mt-1 flex gap-4 text-sm">
            <label className="inline-flex items-center gap-2">
              <input type="radio" name={`${id}-mode`} className="accent-indigo-600" checked={mode === 'amount'} onChange={() => switchMode('amount')} />
              To one amount
            </label>
            <label className="inline-flex items-center gap-2">
              <input type="radio" name={`${id}-mode`} className="accent-indigo-600" checked={mode === 'percent'} onChange={() => switchMode('percent')} />
              By a percentage
            </label>
          </div>
        </fieldset>
        {isMixedAmount ? (
          <p id={`${id}-hint`} role="alert" className="text-sm text-red-600">
            The selected campaigns use different currencies ({currencies.join(', ')}). Change them by a percentage, or select campaigns of one currency to give them one amount.
          </p>
        ) : (
          <div className="space-y-1">
            <label htmlFor={id} className="block text-sm font-medium text-gray-800">
              {mode === 'percent' ? 'Change in % (negative lowers)' : `Daily budget in ${currencies[0] ?? ''}`}
            </label>
            <input
              id={id}
              inputMode={mode === 'percent' ? 'text' : 'decimal'}
              autoComplete="off"
              className={input}
              value={value}
              placeholder={mode === 'percent' ? '+10 or -15' : undefined}
              onChange={(e) => {
                setValue(e.currentTarget.value);
                setErrors(null);
              }}
              aria-invalid={errors ? true : undefined}
              aria-describedby={describedBy}
            />
            {errors ? (
              <ul id={`${id}-error`} role="alert" className="space-y-0.5 text-sm text-red-600">
                {errors.map((e) => (
                  <li key={e}>{e}</li>
                ))}
              </ul>
            ) : isConfirming ? (
              <p id={`${id}-jump`} role="alert" className="text-sm text-amber-800">
                {jumps.length === 1 ? `The new budget of “${jumps[0]!.row.name}” is` : `The new budgets of ${plural(jumps.length, 'campaign')} are`} more than {jump.factor}× the current one or less than 1/{jump.factor} of it
                {mode === 'amount' && plan?.ok && plan.items[0] ? ` (${formatMicros(plan.items[0].micros, plan.items[0].row.currency)})` : ''}. Check the amount, then press “Set anyway”.
              </p>
            ) : (
              <p id={`${id}-hint`} className="text-xs text-gray-500">
                {skipped > 0 ? `${plural(skipped, 'selected campaign has', 'selected campaigns have')} a lifetime budget or cannot change and stay as they are.` : 'Applies to every selected campaign, each in its own currency.'}
              </p>
            )}
          </div>
        )}
        <ul className="max-h-40 space-y-0.5 overflow-y-auto text-xs text-gray-600" aria-label="Campaigns to change">
          {rows.map((r) => {
            const next = plan?.ok ? plan.items.find((p) => p.row.id === r.id)?.micros : undefined;
            return (
              <li key={r.id}>
                {r.name}: now {formatMicros(r.dailyBudgetMicros, r.currency)}
                {next !== undefined && next !== r.dailyBudgetMicros ? ` → ${formatMicros(next, r.currency)}` : ''}
              </li>
            );
          })}
        </ul>
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" isLoading={isSending} disabled={isMixedAmount}>
            {isConfirming ? 'Set anyway' : 'Set daily budget'}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
