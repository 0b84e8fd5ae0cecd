import { humanize } from '../settings/audit-labels.ts';

const number = new Intl.NumberFormat(undefined, { maximumFractionDigits: 4 });

function show(value: unknown): string {
  if (typeof value === 'number') return number.format(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (value === null || value === undefined) return '—';
  return JSON.stringify(value);
}

/** The numbers a proposer gave for its proposal, as the proposer named them. */
export function Evidence({ id, evidence }: { id: string; evidence: Record<string, unknown> }) {
  const entries = Object.entries(evidence);
  if (entries.length === 0) return <p className="text-sm text-gray-500">No evidence was given.</p>;
  return (
    <dl id={id} className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
      {entries.map(([key, value]) => (
        <div key={key} className="contents">
          <dt className="text-gray-500">{humanize(key)}</dt>
          <dd className="break-words text-gray-900">{show(value)}</dd>
        </div>
      ))}
    </dl>
  );
}
