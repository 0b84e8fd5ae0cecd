import { Badge } from '../../components/ui/card.tsx';
import { cellKey, PERSON_CHANNELS, type CatalogueEntry } from './notification-settings-api.ts';

const SEVERITY_TONE = { info: 'gray', warning: 'amber', critical: 'red' } as const;

/**
 * The kind × channel matrix: one checkbox per cell, grouped by area. `value` gives a cell's state,
 * `note` what it would be otherwise (the organisation's default); locked cells cannot be turned off.
 */
export function NotificationMatrix({ caption, kinds, value, note, disabled, onToggle }: { caption: string; kinds: CatalogueEntry[]; value: (kind: string, channel: string) => boolean; note?: (kind: string, channel: string) => string | null; disabled?: boolean; onToggle: (kind: string, channel: string, enabled: boolean) => void }) {
  const groups = [...new Set(kinds.map((k) => k.group))];
  return (
    <div className="overflow-x-auto" role="region" aria-label={caption} tabIndex={0}>
      <table className="min-w-full text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-gray-200 text-left text-xs font-medium tracking-wide text-gray-500 uppercase">
            <th scope="col" className="py-2 pr-4">Notification</th>
            {PERSON_CHANNELS.map((c) => (
              <th key={c.channel} scope="col" className="px-3 py-2 text-center">{c.label}</th>
            ))}
          </tr>
        </thead>
        {groups.map((group) => (
          <tbody key={group}>
            <tr>
              <th scope="colgroup" colSpan={PERSON_CHANNELS.length + 1} className="pt-4 pb-1 text-left text-xs font-semibold text-gray-700">{group}</th>
            </tr>
            {kinds.filter((k) => k.group === group).map((k) => (
              <tr key={k.kind} className="border-b border-gray-100">
                <th scope="row" className="py-2 pr-4 text-left font-normal text-gray-900">
                  <span>{k.label}</span> <Badge tone={SEVERITY_TONE[k.severity]}>{k.severity}</Badge>
                </th>
                {PERSON_CHANNELS.map(({ channel, label }) => {
                  const locked = k.alwaysOn.includes(channel);
                  const hint = locked ? 'Always on' : (note?.(k.kind, channel) ?? null);
                  const id = `cell-${cellKey(k.kind, channel).replace(/[^\w-]/g, '-')}-${caption.length}`;
                  return (
                    <td key={channel} className="px-3 py-2 text-center">
                      <input
                        id={id}
                        type="checkbox"
                        className="size-4 rounded border-gray-300 text-indigo-600 focus:ring-indigo-600"
                        checked={locked || value(k.kind, channel)}
                        disabled={disabled || locked}
                        aria-label={`${k.label}: ${label}`}
                        aria-describedby={hint ? `${id}-hint` : undefined}
                        onChange={(e) => onToggle(k.kind, channel, e.currentTarget.checked)}
                      />
                      {hint && (
                        <span id={`${id}-hint`} className="block text-xs text-gray-500">{hint}</span>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        ))}
      </table>
    </div>
  );
}
