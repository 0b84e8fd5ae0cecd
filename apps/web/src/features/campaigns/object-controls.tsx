import { useState } from 'react';
import { microsToAmountInput } from '@adloop/engine';
import { Button } from '../../components/ui/button.tsx';
import { Dialog } from '../../components/ui/dialog.tsx';
import { TextField } from '../../components/ui/field.tsx';
import type { EntityStatus } from '../../lib/types.ts';
import { useChangeTracker } from './changes.tsx';
import { issueMessages } from './campaign-actions.tsx';
import { parseAmountToMicros } from './money-input.ts';
import { formatMicros } from './report-format.ts';
import { adGroupBudgetChange, bidChange, objectStatusChange } from './object-requests.ts';
import type { EntityLevel } from './object-offer.ts';

/** An ad group / ad set or ad as the detail page lists it. */
export interface ObjectRow {
  id: string;
  name: string;
  status: EntityStatus;
}

/** Pause / Enable for an ad group or ad, through the change tracker like the campaign's. */
export function ObjectStatusToggle({ level, row, campaignId }: { level: EntityLevel; row: ObjectRow; campaignId: string }) {
  const tracker = useChangeTracker();
  const [isSending, setSending] = useState(false);
  if (row.status !== 'active' && row.status !== 'paused') return null;
  const action = row.status === 'active' ? 'pause' : 'enable';
  const run = async () => {
    setSending(true);
    try {
      await tracker.submit([objectStatusChange(level, row, action)]);
    } catch (error) {
      tracker.showError(`Could not ${action} “${row.name}”`, error);
    } finally {
      setSending(false);
    }
  };
  return (
    <Button variant="secondary" className="px-2 py-1 text-xs" onClick={() => void run()} isLoading={isSending} disabled={tracker.pendingFor(campaignId) !== undefined}>
      {action === 'pause' ? 'Pause' : 'Enable'}
      <span className="sr-only"> {row.name}</span>
    </Button>
  );
}

/**
 * An ad group's daily budget or bid with an Edit button opening a small dialog. While the ad group is
 * learning the dialog says that a big budget step is held back (the server's guardrail decides and
 * its message shows in the toast, with Confirm anyway where a person may go past it).
 */
export function AdGroupAmount({ kind, row, amount, currency, isLearning, bidName }: { kind: 'budget' | 'bid'; row: ObjectRow; amount: number | null; currency: string; isLearning: boolean; bidName?: string }) {
  const tracker = useChangeTracker();
  const [isOpen, setOpen] = useState(false);
  const [value, setValue] = useState('');
  const [errors, setErrors] = useState<string[] | null>(null);
  const [isSending, setSending] = useState(false);
  const what = kind === 'budget' ? 'daily budget' : 'bid';
  const open = () => {
    setValue(microsToAmountInput(amount, currency));
    setErrors(null);
    setOpen(true);
  };
  const save = async () => {
    const parsed = parseAmountToMicros(value, currency);
    if (!parsed.ok) return setErrors([parsed.error]);
    if (parsed.micros === amount) return setOpen(false);
    setSending(true);
    setErrors(null);
    try {
      await tracker.submit([kind === 'budget' ? adGroupBudgetChange(row.id, parsed.micros, amount) : bidChange('ad_group', row.id, parsed.micros, amount)]);
      setOpen(false);
    } catch (failure) {
      setErrors(issueMessages(failure, `The ${what}`));
    } finally {
      setSending(false);
    }
  };
  const isLive = row.status === 'active' || row.status === 'paused';
  return (
    <span className="inline-flex items-center justify-end gap-1">
      <span className="tabular-nums">{formatMicros(amount, currency)}</span>
      {isLive && (
        <Button variant="ghost" className="px-1.5 py-0.5 text-xs" onClick={open} aria-label={`Edit the ${what} of ${row.name}`}>
          Edit
        </Button>
      )}
      {isOpen && (
        <Dialog open onOpenChange={setOpen} title={`The ${what} of “${row.name}”`} description={bidName ? `On the platform: ${bidName}.` : undefined}>
          <form
            className="space-y-4"
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              void save();
            }}
          >
            <TextField label={`${what.charAt(0).toUpperCase()}${what.slice(1)} in ${currency}`} name="amount" inputMode="decimal" autoComplete="off" value={value} onChange={(e) => setValue(e.currentTarget.value)} />
            {isLearning && kind === 'budget' && (
              <p className="rounded-md bg-amber-50 p-3 text-sm text-amber-900">This one is still in its learning phase: a large budget step restarts learning, so Adloop holds it back and asks you to confirm.</p>
            )}
            {errors && (
              <p role="alert" className="text-sm text-red-600">
                {errors.join(' ')}
              </p>
            )}
            <div className="flex justify-end gap-2">
              <Button variant="secondary" onClick={() => setOpen(false)}>
                Cancel
              </Button>
              <Button type="submit" isLoading={isSending}>
                Save
              </Button>
            </div>
          </form>
        </Dialog>
      )}
    </span>
  );
}
