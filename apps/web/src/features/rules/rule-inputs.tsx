import { useId, useState, type ReactNode } from 'react';

export const inputClass =
  'rounded-md border-0 bg-white px-2 py-1.5 text-sm text-gray-900 shadow-sm ring-1 ring-inset ring-gray-300 focus:ring-2 focus:ring-inset focus:ring-indigo-600 aria-[invalid=true]:ring-red-500';

/** The error under a control, linked to it by id. */
export function InlineError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} className="mt-1 basis-full text-sm text-red-600">
      {message}
    </p>
  );
}

/**
 * A number typed in place: keeps what the person types ("1." on the way to "1.5"), reports the number
 * (NaN while empty or not a number, which the server then names as the field to fix).
 */
export function NumberInput({ label, value, onChange, error, className = 'w-24', min, step = 'any', suffix }: { label: string; value: number | undefined; onChange: (value: number) => void; error?: string | undefined; className?: string; min?: number; step?: string; suffix?: ReactNode }) {
  const id = useId();
  const [text, setText] = useState(value === undefined || Number.isNaN(value) ? '' : String(value));
  const shown = Number(text) === value || (text === '' && (value === undefined || Number.isNaN(value))) ? text : value === undefined ? '' : String(value);
  return (
    <span className="inline-flex flex-wrap items-center gap-1">
      <input
        id={id}
        type="number"
        inputMode="decimal"
        aria-label={label}
        value={shown}
        step={step}
        {...(min !== undefined ? { min } : {})}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => {
          setText(e.target.value);
          onChange(e.target.value.trim() === '' ? Number.NaN : Number(e.target.value));
        }}
        className={`${inputClass} ${className}`}
      />
      {suffix}
      <InlineError id={`${id}-error`} message={error} />
    </span>
  );
}

/** A select labelled for screen readers, sitting inline in a sentence. */
export function InlineSelect<T extends string>({ label, value, options, onChange, error, className = '' }: { label: string; value: T; options: readonly { id: T; label: string }[]; onChange: (value: T) => void; error?: string | undefined; className?: string }) {
  const id = useId();
  return (
    <span className="inline-flex flex-wrap items-center">
      <select
        id={id}
        aria-label={label}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => {
          const next = options.find((o) => o.id === e.target.value);
          if (next) onChange(next.id);
        }}
        className={`${inputClass} pr-8 ${className}`}
      >
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.label}
          </option>
        ))}
      </select>
      <InlineError id={`${id}-error`} message={error} />
    </span>
  );
}

/** A text input labelled for screen readers, inline. */
export function InlineText({ label, value, onChange, error, className = 'w-40', placeholder }: { label: string; value: string; onChange: (value: string) => void; error?: string | undefined; className?: string; placeholder?: string }) {
  const id = useId();
  return (
    <span className="inline-flex flex-wrap items-center">
      <input
        id={id}
        type="text"
        aria-label={label}
        value={value}
        placeholder={placeholder}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => onChange(e.target.value)}
        className={`${inputClass} ${className}`}
      />
      <InlineError id={`${id}-error`} message={error} />
    </span>
  );
}

/** A group of checkboxes with a visible legend. */
export function CheckboxGroup<T extends string>({ legend, options, selected, onChange, hint }: { legend: string; options: readonly { id: T; label: string }[]; selected: readonly T[]; onChange: (next: T[]) => void; hint?: string }) {
  return (
    <fieldset className="space-y-1">
      <legend className="text-sm font-medium text-gray-800">{legend}</legend>
      {hint && <p className="text-xs text-gray-500">{hint}</p>}
      <div className="flex flex-wrap gap-x-4 gap-y-1">
        {options.map((o) => (
          <label key={o.id} className="inline-flex items-center gap-1.5 text-sm text-gray-700">
            <input
              type="checkbox"
              checked={selected.includes(o.id)}
              onChange={(e) => onChange(e.target.checked ? [...selected, o.id] : selected.filter((s) => s !== o.id))}
              className="size-4 rounded border-gray-300 text-indigo-600 focus:ring-indigo-600"
            />
            {o.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** A list typed as text separated by commas; keeps what is typed, reports the items. */
export function ListText({ label, values, onChange, error, className = 'w-56', placeholder }: { label: string; values: readonly string[]; onChange: (values: string[]) => void; error?: string | undefined; className?: string; placeholder?: string }) {
  const [text, setText] = useState(values.join(', '));
  const items = (raw: string) => raw.split(',').map((s) => s.trim()).filter(Boolean);
  const shown = items(text).join('|') === values.join('|') ? text : values.join(', ');
  return (
    <InlineText
      label={label}
      value={shown}
      onChange={(raw) => {
        setText(raw);
        onChange(items(raw));
      }}
      error={error}
      className={className}
      {...(placeholder ? { placeholder } : {})}
    />
  );
}
