import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { microsToAmountInput } from '@adloop/engine';
import { parseAmountToMicros, understoodAs } from '../campaigns/money-input.ts';
import { Button } from '../../components/ui/button.tsx';

/**
 * Edits a proposed budget before approving it: typed in the campaign's currency, checked the way
 * the budget editor checks it; the server checks it again like any new change.
 */
export function ValueEditor({ currency, initialMicros, label, onSave, onCancel }: { currency: string; initialMicros: number | null; label: string; onSave: (micros: number) => void; onCancel: () => void }) {
  const id = useId();
  const [value, setValue] = useState(microsToAmountInput(initialMicros, currency));
  const [error, setError] = useState<string | null>(null);
  const parsed = value.trim() ? parseAmountToMicros(value, currency) : null;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = parseAmountToMicros(value, currency);
    if (!result.ok) return setError(result.error);
    if (result.micros === 0) return setError('Enter an amount above zero');
    onSave(result.micros);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    onCancel();
  };
  return (
    <form onSubmit={submit} className="flex flex-wrap items-start gap-2" noValidate>
      <div>
        <label htmlFor={id} className="sr-only">
          {label} in {currency}
        </label>
        <input
          id={id}
          autoFocus
          inputMode="decimal"
          className="w-32 rounded-md border-0 px-2 py-1 text-sm ring-1 ring-gray-300 ring-inset focus:ring-2 focus:ring-indigo-600 aria-[invalid=true]:ring-red-500"
          value={value}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-note`}
          onChange={(e) => {
            setValue(e.currentTarget.value);
            setError(null);
          }}
          onKeyDown={onKeyDown}
        />
        <p id={`${id}-note`} className={`mt-0.5 text-xs ${error ? 'text-red-600' : 'text-gray-500'}`} aria-live="polite">
          {error ?? (parsed?.ok ? understoodAs(parsed.micros, currency) : currency)}
        </p>
      </div>
      <Button type="submit" variant="secondary" className="px-2 py-1 text-xs">
        Use this value
      </Button>
      <Button variant="ghost" className="px-2 py-1 text-xs" onClick={onCancel}>
        Cancel
      </Button>
    </form>
  );
}
