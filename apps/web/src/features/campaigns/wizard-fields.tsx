import { useId, useState, type KeyboardEvent, type ReactNode } from 'react';
import { Button } from '../../components/ui/button.tsx';
import { RemovableChip } from '../../components/ui/chip.tsx';
import { adTextLength } from '@adloop/contracts/ad-text';
import { type Draft, countryName } from './wizard-model.ts';
import { matchCountries } from './wizard-countries.ts';

export type Setter = <K extends keyof Draft>(field: K, value: Draft[K]) => void;

export function ChoiceList({ legend, error, children }: { legend: string; error?: string | undefined; children: ReactNode }) {
  const id = useId();
  return (
    <fieldset aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="text-sm font-medium text-gray-800">{legend}</legend>
      <div className="mt-2 space-y-2">{children}</div>
      {error && (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-600">
          {error}
        </p>
      )}
    </fieldset>
  );
}

export function Choice({ name, value, checked, disabled, onChange, label, detail }: { name: string; value: string; checked: boolean; disabled?: boolean; onChange: () => void; label: ReactNode; detail?: ReactNode }) {
  const id = useId();
  return (
    <div className={`flex items-start gap-3 rounded-md px-3 py-2.5 ring-1 ${checked ? 'bg-indigo-50 ring-indigo-300' : 'ring-gray-200'} ${disabled ? 'bg-gray-50 text-gray-600' : ''}`}>
      <input id={id} type="radio" name={name} value={value} checked={checked} disabled={disabled} onChange={onChange} className="mt-0.5 size-4 accent-indigo-600" aria-describedby={detail ? `${id}-detail` : undefined} />
      <div className="min-w-0 text-sm">
        <label htmlFor={id} className="font-medium text-gray-900">
          {label}
        </label>
        {detail && (
          <div id={`${id}-detail`} className="text-xs text-gray-500">
            {detail}
          </div>
        )}
      </div>
    </div>
  );
}

/** Countries by name: type part of a name (or a code), pick from the list with the arrows and Enter or a click. */
export function CountriesInput({ value, countries, onChange, error }: { value: string[]; countries: readonly string[]; onChange: (countries: string[]) => void; error?: string | undefined }) {
  const id = useId();
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const matches = matchCountries(countries, text, value);
  const open = matches.length > 0;
  const noMatch = text.trim() !== '' && matches.length === 0;
  const shownError = noMatch ? `No country matches “${text.trim()}”` : error;

  const add = (code: string) => {
    onChange([...value, code]);
    setText('');
    setActive(0);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' && open) {
      event.preventDefault();
      setActive((a) => (a + 1) % matches.length);
    } else if (event.key === 'ArrowUp' && open) {
      event.preventDefault();
      setActive((a) => (a - 1 + matches.length) % matches.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const code = matches[active] ?? matches[0];
      if (code) add(code);
    } else if (event.key === 'Escape') {
      setText('');
    } else if (event.key === 'Backspace' && text === '' && value.length > 0) {
      onChange(value.slice(0, -1));
    }
  };

  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-gray-800">
        Countries
      </label>
      {value.length > 0 && (
        <ul className="flex flex-wrap gap-1.5" aria-label="Chosen countries">
          {value.map((code) => (
            <RemovableChip key={code} label={countryName(code)} onRemove={() => onChange(value.filter((c) => c !== code))} />
          ))}
        </ul>
      )}
      <div className="relative">
        <input
          id={id}
          role="combobox"
          aria-expanded={open}
          aria-controls={`${id}-list`}
          aria-autocomplete="list"
          aria-activedescendant={open ? `${id}-opt-${active}` : undefined}
          className="block w-full rounded-md border-0 px-3 py-2 text-sm ring-1 ring-inset ring-gray-300 focus:ring-2 focus:ring-indigo-600 aria-[invalid=true]:ring-red-500"
          value={text}
          placeholder="Type a country, like Germany"
          autoComplete="off"
          onChange={(e) => {
            setText(e.currentTarget.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
          aria-invalid={shownError ? true : undefined}
          aria-describedby={shownError ? `${id}-error` : `${id}-hint`}
        />
        <ul id={`${id}-list`} role="listbox" aria-label="Matching countries" className={open ? 'absolute z-10 mt-1 max-h-64 w-full overflow-auto rounded-md bg-white py-1 text-sm shadow-lg ring-1 ring-gray-200' : 'hidden'}>
          {matches.map((code, i) => (
            <li
              key={code}
              id={`${id}-opt-${i}`}
              role="option"
              aria-selected={i === active}
              className={`cursor-pointer px-3 py-1.5 ${i === active ? 'bg-indigo-50 text-indigo-900' : 'text-gray-800'}`}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => add(code)}
            >
              {countryName(code)}
            </li>
          ))}
        </ul>
      </div>
      {shownError ? (
        <p id={`${id}-error`} className="text-sm text-red-600">
          {shownError}
        </p>
      ) : (
        <p id={`${id}-hint`} className="text-xs text-gray-500">
          Type part of a name and press Enter, or pick from the list.
        </p>
      )}
    </div>
  );
}

/** A text input with a live character counter against the platform's limit. */
export function CountedField({
  label,
  value,
  max,
  countsWide,
  optional,
  multiline,
  error,
  onChange,
  onRemove,
}: {
  label: string;
  value: string;
  max: number;
  countsWide: boolean;
  optional: boolean;
  multiline?: boolean | undefined;
  error?: string | undefined;
  onChange: (text: string) => void;
  onRemove?: (() => void) | undefined;
}) {
  const id = useId();
  const count = adTextLength(value, countsWide);
  const over = count > max;
  const invalid = over || Boolean(error);
  const inputClass = 'block w-full rounded-md border-0 px-3 py-2 text-sm ring-1 ring-inset ring-gray-300 focus:ring-2 focus:ring-inset focus:ring-indigo-600 aria-[invalid=true]:ring-red-500';
  const shared = {
    id,
    value,
    className: inputClass,
    'aria-invalid': invalid ? true : undefined,
    'aria-describedby': `${id}-count${error && !over ? ` ${id}-error` : ''}`,
    'aria-required': !optional || undefined,
  } as const;
  return (
    <div className="space-y-1">
      <div className="flex items-baseline justify-between gap-2">
        <label htmlFor={id} className="block text-sm font-medium text-gray-800">
          {label}
          {optional && <span className="font-normal text-gray-500"> (optional)</span>}
        </label>
        <span id={`${id}-count`} className={`text-xs tabular-nums ${over ? 'font-semibold text-red-600' : 'text-gray-500'}`}>
          {count} / {max}
          <span className="sr-only"> characters{countsWide ? ', double-width characters count 2' : ''}</span>
          {over && ` · ${count - max} too many`}
        </span>
      </div>
      <div className="flex items-start gap-2">
        {multiline ? <textarea rows={3} {...shared} onChange={(e) => onChange(e.currentTarget.value)} /> : <input autoComplete="off" {...shared} onChange={(e) => onChange(e.currentTarget.value)} />}
        {onRemove && (
          <Button variant="ghost" className="px-2" onClick={onRemove}>
            Remove<span className="sr-only"> {label.toLowerCase()}</span>
          </Button>
        )}
      </div>
      <p className="sr-only" aria-live="polite">
        {over ? `${label} is ${count - max} characters too long` : ''}
      </p>
      {error && !over && (
        <p id={`${id}-error`} className="text-sm text-red-600">
          {error}
        </p>
      )}
    </div>
  );
}

/** The headlines (or descriptions) of the ad: one field, or as many as the platform's ad takes. */
