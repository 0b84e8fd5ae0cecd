import { NOTIFICATION_KINDS, type NotificationKind } from '@adloop/contracts';

const ALL = Object.keys(NOTIFICATION_KINDS) as NotificationKind[];
const GROUPS = [...new Set(ALL.map((kind) => NOTIFICATION_KINDS[kind].group))];

/** Checkboxes for the kinds of events an endpoint receives, grouped as in the catalogue. */
export function KindsField({ value, onChange, error }: { value: string[]; onChange: (kinds: string[]) => void; error?: string | undefined }) {
  const toggle = (kind: string, on: boolean) => onChange(on ? [...value, kind] : value.filter((k) => k !== kind));
  return (
    <fieldset aria-describedby={error ? 'webhook-kinds-error' : undefined} className="space-y-3">
      <legend className="text-sm font-medium text-gray-900">Events to send</legend>
      <div className="flex gap-2 text-sm">
        <button type="button" className="text-indigo-700 underline" onClick={() => onChange(ALL)}>Select all</button>
        <button type="button" className="text-indigo-700 underline" onClick={() => onChange([])}>Clear</button>
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        {GROUPS.map((group) => (
          <div key={group}>
            <p className="text-xs font-medium tracking-wide text-gray-500 uppercase">{group}</p>
            {ALL.filter((kind) => NOTIFICATION_KINDS[kind].group === group).map((kind) => (
              <label key={kind} className="mt-1 flex items-start gap-2 text-sm text-gray-700">
                <input type="checkbox" className="mt-0.5" checked={value.includes(kind)} onChange={(event) => toggle(kind, event.currentTarget.checked)} />
                <span>
                  {NOTIFICATION_KINDS[kind].label} <code className="text-xs text-gray-500">{kind}</code>
                </span>
              </label>
            ))}
          </div>
        ))}
      </div>
      {error && <p id="webhook-kinds-error" className="text-sm text-red-700">{error}</p>}
    </fieldset>
  );
}
