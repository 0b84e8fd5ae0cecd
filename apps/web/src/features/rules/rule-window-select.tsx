import type { RuleWindow } from './rule-types.ts';
import { InlineSelect, NumberInput } from './rule-inputs.tsx';
import { WINDOW_KINDS } from './rule-words.ts';

/** A window of a kind with its usual length (6 hours, 3 days without today). */
export function defaultWindow(kind: RuleWindow['kind']): RuleWindow {
  if (kind === 'last_hours') return { kind, hours: 6 };
  if (kind === 'last_days') return { kind, days: 3, includeToday: false };
  return { kind };
}

/** A period chosen in place: its kind, and its hours or days (with or without today). */
export function WindowSelect({ label, window, onChange, error }: { label: string; window: RuleWindow; onChange: (window: RuleWindow) => void; error: string | undefined }) {
  return (
    <>
      <InlineSelect label={label} value={window.kind} options={WINDOW_KINDS} onChange={(kind) => onChange(defaultWindow(kind))} error={window.kind === 'last_hours' || window.kind === 'last_days' ? undefined : error} />
      {window.kind === 'last_hours' && <NumberInput label={`Hours, ${label.toLowerCase()}`} value={window.hours} onChange={(hours) => onChange({ ...window, hours })} className="w-16" step="1" error={error} />}
      {window.kind === 'last_days' && (
        <>
          <NumberInput label={`Days, ${label.toLowerCase()}`} value={window.days} onChange={(days) => onChange({ ...window, days })} className="w-16" step="1" error={error} />
          <label className="inline-flex items-center gap-1 text-xs text-gray-600">
            <input type="checkbox" checked={window.includeToday} onChange={(e) => onChange({ ...window, includeToday: e.target.checked })} className="size-4 rounded border-gray-300" />
            and today<span className="sr-only">, {label.toLowerCase()}</span>
          </label>
        </>
      )}
    </>
  );
}
