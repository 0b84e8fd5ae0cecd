import { useState, type FormEvent, type ReactNode } from 'react';
import { microsToAmountInput } from '@adloop/engine';
import { Dialog } from '../../components/ui/dialog.tsx';
import { Button } from '../../components/ui/button.tsx';
import { TextField } from '../../components/ui/field.tsx';
import type { CampaignRow } from '../../lib/types.ts';
import { useChangeTracker, type OutgoingChange } from './changes.tsx';
import { issueMessages } from './campaign-actions.tsx';
import { parseAmountToMicros } from './money-input.ts';
import { formatMicros } from './report-format.ts';
import { nameProblem, type ChangeOffer } from './object-offer.ts';
import { bidChange, duplicateChange, endChange, parseTargetRoas, renameChange, roasWords, targetRoasChange } from './object-requests.ts';
import type { EndConfirmation, EndKind } from './end-confirmation.ts';

interface DialogBase {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}

/**
 * A dialog whose form sends one change through the change tracker (pending → applied toast,
 * "Sent for approval", Confirm anyway for soft guardrails); refusals show in it, in the server's words.
 */
function ChangeForm({ build, subject, submitLabel, tone = 'primary', onDone, children }: { build: () => OutgoingChange | string; subject: string; submitLabel: string; tone?: 'primary' | 'danger'; onDone: () => void; children?: ReactNode }) {
  const tracker = useChangeTracker();
  const [errors, setErrors] = useState<string[] | null>(null);
  const [isSending, setSending] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const change = build();
    if (typeof change === 'string') return setErrors([change]);
    setSending(true);
    setErrors(null);
    try {
      await tracker.submit([change]);
      onDone();
    } catch (failure) {
      setErrors(issueMessages(failure, subject));
    } finally {
      setSending(false);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} className="space-y-4" noValidate>
      {children}
      {errors && (
        <p role="alert" className="text-sm text-red-600">
          {errors.join(' ')}
        </p>
      )}
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" variant={tone} isLoading={isSending}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}

export function RenameDialog({ open, onOpenChange, row, offer }: DialogBase & { row: CampaignRow; offer: ChangeOffer }) {
  const [name, setName] = useState(row.name);
  const problem = name === row.name ? null : nameProblem(name, row.name, offer.nameMaxLength);
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={`Rename “${row.name}”`}>
      <ChangeForm subject="The name" submitLabel="Rename" onDone={() => onOpenChange(false)} build={() => nameProblem(name, row.name, offer.nameMaxLength) ?? renameChange('campaign', row, name)}>
        <TextField label="New name" name="name" value={name} autoComplete="off" onChange={(e) => setName(e.currentTarget.value)} error={problem ?? undefined} hint={`At most ${offer.nameMaxLength} characters (${[...name.trim()].length} now).`} />
      </ChangeForm>
    </Dialog>
  );
}

export function DuplicateDialog({ open, onOpenChange, row, offer }: DialogBase & { row: CampaignRow; offer: ChangeOffer }) {
  const suggested = `${row.name} (copy)`.slice(0, offer.nameMaxLength);
  const [name, setName] = useState(suggested);
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={`Duplicate “${row.name}”`} description="The copy has the same ad groups, ads and budget and starts paused: enable it when it is ready.">
      <ChangeForm subject="The name" submitLabel="Duplicate" onDone={() => onOpenChange(false)} build={() => nameProblem(name, row.name, offer.nameMaxLength) ?? duplicateChange(row, name)}>
        <TextField label="Name of the copy" name="name" value={name} autoComplete="off" onChange={(e) => setName(e.currentTarget.value)} hint={`At most ${offer.nameMaxLength} characters.`} />
      </ChangeForm>
    </Dialog>
  );
}

export function EndDialog({ open, onOpenChange, row, kind, words }: DialogBase & { row: CampaignRow; kind: EndKind; words: EndConfirmation }) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={words.title}>
      <ChangeForm subject="The campaign" submitLabel={words.confirmLabel} tone="danger" onDone={() => onOpenChange(false)} build={() => endChange(row, kind)}>
        <div className="space-y-2 text-sm">
          {words.body.map((sentence, index) => (
            <p key={sentence} className={index === 0 && words.isPermanent ? 'rounded-md bg-red-50 p-3 font-medium text-red-800' : 'text-gray-700'}>
              {sentence}
            </p>
          ))}
        </div>
      </ChangeForm>
    </Dialog>
  );
}

/** Bid or target ROAS of a campaign whose strategy takes one there; the strategy itself is shown in words. */
export function BidDialog({ open, onOpenChange, row, offer, bidMicros, targetRoas }: DialogBase & { row: CampaignRow; offer: ChangeOffer; bidMicros: number | null; targetRoas: number | null }) {
  const bidding = offer.bidding;
  const isRoas = bidding?.value === 'target_roas';
  const initial = isRoas ? (targetRoas === null ? '' : String(targetRoas)) : microsToAmountInput(bidMicros, row.currency);
  const [value, setValue] = useState(initial);
  if (!bidding) return null;
  const build = (): OutgoingChange | string => {
    if (isRoas) {
      const parsed = parseTargetRoas(value);
      return parsed.ok ? targetRoasChange(row.id, parsed.value, targetRoas) : parsed.error;
    }
    const parsed = parseAmountToMicros(value, row.currency);
    return parsed.ok ? bidChange('campaign', row.id, parsed.micros, bidMicros) : parsed.error;
  };
  const now = isRoas ? roasWords(targetRoas) : formatMicros(bidMicros, row.currency);
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={isRoas ? 'Target ROAS' : `${bidding.label} amount`} description={`Bid strategy: ${bidding.label}. Now: ${now}.`}>
      <ChangeForm subject={isRoas ? 'The target ROAS' : 'The bid'} submitLabel="Save" onDone={() => onOpenChange(false)} build={build}>
        <TextField
          label={isRoas ? 'Target ROAS (ratio or %)' : `Amount in ${row.currency}`}
          name="value"
          inputMode="decimal"
          autoComplete="off"
          value={value}
          onChange={(e) => setValue(e.currentTarget.value)}
          hint={isRoas ? '3.5 or 350 % means 3.50 of conversion value per 1.00 spent.' : undefined}
        />
      </ChangeForm>
    </Dialog>
  );
}
