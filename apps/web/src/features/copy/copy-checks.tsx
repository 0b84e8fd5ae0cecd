import type { CopyFieldView } from './copy-model.ts';
import { countOf } from './copy-model.ts';
import type { CopyCheck, CopyRepair } from './copy-types.ts';

/** A check in words, its severity first: red for what blocks publishing, amber for what a person should look at. */
export function CheckList({ checks, id }: { checks: readonly CopyCheck[]; id?: string | undefined }) {
  if (checks.length === 0) return null;
  return (
    <ul id={id} className="mt-1 space-y-0.5 text-xs">
      {checks.map((check, i) => (
        <li key={`${check.id}-${i}`} className={check.severity === 'block' ? 'text-red-700' : 'text-amber-800'}>
          <span className="font-semibold">{check.severity === 'block' ? 'Blocks publishing: ' : 'Check: '}</span>
          {check.message}
        </li>
      ))}
    </ul>
  );
}

/** "23 / 30" in the platform's counting; red with how many too many when over. */
export function CharCount({ text, field, id }: { text: string; field: CopyFieldView; id?: string }) {
  const { length, over } = countOf(text, field);
  return (
    <span id={id} className={`shrink-0 text-xs tabular-nums ${over > 0 ? 'font-semibold text-red-700' : 'text-gray-500'}`}>
      {length} / {field.max}
      {over > 0 && <span> ({over} too many)</span>}
      {field.countsWide && <span className="sr-only"> characters, double-width counting 2</span>}
      {!field.countsWide && <span className="sr-only"> characters</span>}
    </span>
  );
}

/** What the repair changed: before → after with the reason; a dropped text has no after, an added one no before. */
export function RepairList({ repairs, textLabel }: { repairs: readonly CopyRepair[]; textLabel: (field: string, index: number) => string }) {
  if (repairs.length === 0) return null;
  return (
    <div className="rounded-md bg-amber-50 p-3 ring-1 ring-amber-200 ring-inset">
      <p className="text-xs font-semibold text-amber-900">
        Repaired by the checks ({repairs.length}) <span className="font-normal">— the written text broke a rule, so it was changed before you saw it</span>
      </p>
      <ul className="mt-2 space-y-2 text-xs" aria-label="Repairs">
        {repairs.map((repair, i) => (
          <li key={`${repair.field}-${repair.index}-${i}`} className="text-gray-800">
            <span className="font-medium">{textLabel(repair.field, repair.index)}:</span>{' '}
            {repair.before !== null ? <del className="text-red-800">{repair.before}</del> : <span className="text-gray-500">(none)</span>}
            <span aria-hidden="true"> → </span>
            <span className="sr-only"> became </span>
            {repair.after !== null ? <ins className="text-green-800 no-underline">{repair.after}</ins> : <span className="text-gray-500">(removed)</span>}
            <span className="block text-gray-600">Why: {repair.reason}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
