import type { ReactNode } from 'react';

/** One picked value in a list of chips, with a button that removes it (named "Remove <label>"). */
export function RemovableChip({ label, title, children, onRemove }: { label: string; title?: string; children?: ReactNode; onRemove: () => void }) {
  return (
    <li className="inline-flex max-w-full items-center gap-1 rounded-full bg-indigo-50 py-0.5 pr-1 pl-2.5 text-xs text-indigo-900 ring-1 ring-indigo-200">
      <span className="truncate" title={title}>
        {children ?? label}
      </span>
      <button type="button" className="rounded-full p-0.5 hover:bg-indigo-100 focus-visible:outline-2 focus-visible:outline-indigo-600" aria-label={`Remove ${label}`} onClick={onRemove}>
        <svg viewBox="0 0 20 20" className="size-3" aria-hidden="true">
          <path d="M5 5l10 10M15 5L5 15" stroke="currentColor" strokeWidth="2" />
        </svg>
      </button>
    </li>
  );
}
