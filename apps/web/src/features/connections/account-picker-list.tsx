import { useEffect, useRef } from 'react';
import type { AdAccount } from '../../lib/types.ts';
import { accountStatusLabel, type PickerGroups } from './picker-model.ts';

const checkbox = 'mt-0.5 size-4 shrink-0 rounded border-gray-300 text-indigo-600 focus:ring-indigo-600';

interface ListProps {
  groups: PickerGroups;
  chosen: ReadonlySet<string>;
  onToggle: (ids: readonly string[], on: boolean) => void;
}

/** The accounts of a connection as checkboxes, a select-all above, clients grouped under their manager. */
export function AccountPickerList({ groups, chosen, onToggle }: ListProps) {
  const all = groups.selectable.map((a) => a.id);
  const ticked = all.filter((id) => chosen.has(id)).length;
  return (
    <fieldset className="space-y-2">
      <legend className="sr-only">Accounts</legend>
      {all.length > 1 && <SelectAll total={all.length} ticked={ticked} onChange={(on) => onToggle(all, on)} />}
      {groups.direct.length > 0 && (
        <ul className="divide-y divide-gray-100 rounded-md ring-1 ring-gray-200">
          {groups.direct.map((account) => (
            <AccountOption key={account.id} account={account} isChecked={chosen.has(account.id)} onToggle={onToggle} />
          ))}
        </ul>
      )}
      {groups.managers.map(({ manager, clients }) => (
        <div key={manager.id} className="rounded-md ring-1 ring-gray-200">
          <p className="bg-gray-50 px-3 py-2 text-xs text-gray-600">
            Through the manager account <span className="font-medium text-gray-900">{manager.name}</span> (<span className="font-mono">{manager.platformAccountId}</span>). A manager has
            no numbers of its own, so it is not added itself.
          </p>
          {clients.length === 0 ? (
            <p className="px-3 py-2.5 text-sm text-gray-500">It gave access to no client accounts.</p>
          ) : (
            <ul className="divide-y divide-gray-100" aria-label={`Client accounts of ${manager.name}`}>
              {clients.map((account) => (
                <AccountOption key={account.id} account={account} isChecked={chosen.has(account.id)} onToggle={onToggle} />
              ))}
            </ul>
          )}
        </div>
      ))}
    </fieldset>
  );
}

function SelectAll({ total, ticked, onChange }: { total: number; ticked: number; onChange: (on: boolean) => void }) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = ticked > 0 && ticked < total;
  }, [ticked, total]);
  return (
    <label className="flex items-center gap-3 px-3 py-1 text-sm font-medium text-gray-900">
      <input ref={ref} type="checkbox" className={checkbox} checked={ticked === total} onChange={(event) => onChange(event.currentTarget.checked)} />
      Select all {total} accounts
    </label>
  );
}

function AccountOption({ account, isChecked, onToggle }: { account: AdAccount; isChecked: boolean; onToggle: ListProps['onToggle'] }) {
  const id = `pick-${account.id}`;
  return (
    <li className="flex items-start gap-3 px-3 py-2.5">
      <input
        id={id}
        type="checkbox"
        className={checkbox}
        checked={isChecked}
        onChange={(event) => onToggle([account.id], event.currentTarget.checked)}
        aria-describedby={`${id}-detail`}
      />
      <div className="min-w-0 text-sm">
        <label htmlFor={id} className="font-medium text-gray-900">
          {account.name}
        </label>
        <p id={`${id}-detail`} className="text-xs break-words text-gray-600">
          <span className="font-mono">{account.platformAccountId}</span> · {account.currency} · {account.timeZone}
          {account.status !== 'active' && ` · ${accountStatusLabel(account.status)}`}
        </p>
      </div>
    </li>
  );
}
