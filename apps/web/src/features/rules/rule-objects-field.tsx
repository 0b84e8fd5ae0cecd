import { useDeferredValue, useId, useState, type KeyboardEvent } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';
import { RemovableChip } from '../../components/ui/chip.tsx';
import { PLATFORM_NAMES } from '../connections/health.tsx';
import type { EntityLevel, RuleObjectChoice } from './rule-types.ts';
import { ruleKeys, rulesPath } from './rules-api.ts';
import { LEVELS } from './rule-words.ts';

/** Names shown for a saved list: the API answers up to this many ids at once. */
const NAMED = 100;
/** The contract's longest fixed list. */
const MAX_PICKED = 1000;

const choiceWords = (o: RuleObjectChoice) => `${o.name} · ${o.level === 'campaign' ? o.accountName : o.campaignName} (${PLATFORM_NAMES[o.platform]})`;

/**
 * A fixed list of objects for the rule (`scope.entityIds`): found by name, picked with the arrows and
 * Enter or a click, each removable. The names of a saved list are read back by id.
 */
export function ObjectPicker({ orgId, level, picked, onChange, error }: { orgId: string; level: EntityLevel; picked: readonly string[]; onChange: (ids: string[]) => void; error: string | undefined }) {
  const id = useId();
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const [isOpen, setOpen] = useState(false);
  const q = useDeferredValue(text.trim());
  const plural = LEVELS.find((l) => l.id === level)?.plural ?? 'objects';
  const named = picked.slice(0, NAMED);
  const names = useQuery({
    queryKey: [...ruleKeys.objects(orgId), level, 'ids', named],
    queryFn: () => api.get<{ items: RuleObjectChoice[] }>(`${rulesPath(orgId)}/objects`, { level, ids: named.join(',') }),
    enabled: named.length > 0,
    placeholderData: keepPreviousData,
  });
  const found = useQuery({
    queryKey: [...ruleKeys.objects(orgId), level, 'q', q],
    queryFn: () => api.get<{ items: RuleObjectChoice[] }>(`${rulesPath(orgId)}/objects`, { level, q: q || undefined, limit: 20 }),
    enabled: isOpen,
    placeholderData: keepPreviousData,
  });
  const known = new Map((names.data?.items ?? []).map((o) => [o.id, o]));
  const matches = (found.data?.items ?? []).filter((o) => !picked.includes(o.id));
  const open = isOpen && matches.length > 0;
  const noMatch = isOpen && q !== '' && found.isSuccess && !found.isPlaceholderData && matches.length === 0;
  const isFull = picked.length >= MAX_PICKED;

  const add = (choice: RuleObjectChoice) => {
    if (isFull) return;
    onChange([...picked, choice.id]);
    setText('');
    setActive(0);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setOpen(true);
      if (matches.length > 0) setActive((a) => (a + 1) % matches.length);
    } else if (event.key === 'ArrowUp' && open) {
      event.preventDefault();
      setActive((a) => (a - 1 + matches.length) % matches.length);
    } else if (event.key === 'Enter') {
      // Enter picks; it never submits the rule from here.
      event.preventDefault();
      const choice = matches[active] ?? matches[0];
      if (open && choice) add(choice);
    } else if (event.key === 'Escape' && (isOpen || text)) {
      event.preventDefault();
      setOpen(false);
      setText('');
    } else if (event.key === 'Backspace' && text === '' && picked.length > 0) {
      onChange(picked.slice(0, -1));
    }
  };
  // What is typed comes first; the server's word on the list (none picked) holds until one is picked.
  const message = noMatch ? `No ${LEVELS.find((l) => l.id === level)?.label.toLowerCase() ?? 'object'} name contains “${q}”` : picked.length === 0 ? error : undefined;

  return (
    <div className="space-y-1.5">
      {picked.length > 0 ? (
        <ul className="flex flex-wrap gap-1.5" aria-label={`Picked ${plural}`}>
          {picked.map((objectId, index) => {
            const choice = known.get(objectId);
            const name = choice?.name ?? (index >= NAMED ? `Picked object ${index + 1}` : names.isPending ? 'Loading…' : 'An object no longer in Adloop');
            return <RemovableChip key={objectId} label={name} title={choice ? choiceWords(choice) : objectId} onRemove={() => onChange(picked.filter((p) => p !== objectId))} />;
          })}
        </ul>
      ) : (
        <p className="text-xs text-gray-600">None picked yet.</p>
      )}
      <div className="relative max-w-xl">
        <input
          id={id}
          role="combobox"
          aria-label={`Find ${plural} by name`}
          aria-expanded={open}
          aria-controls={`${id}-list`}
          aria-autocomplete="list"
          aria-activedescendant={open ? `${id}-opt-${active}` : undefined}
          aria-invalid={message ? true : undefined}
          aria-describedby={message ? `${id}-error` : `${id}-hint`}
          className="block w-full rounded-md border-0 px-3 py-1.5 text-sm ring-1 ring-gray-300 ring-inset focus:ring-2 focus:ring-indigo-600 focus:ring-inset aria-[invalid=true]:ring-red-500"
          value={text}
          placeholder={`Type part of a name to add ${plural}`}
          autoComplete="off"
          disabled={isFull}
          onChange={(e) => {
            setText(e.currentTarget.value);
            setActive(0);
            setOpen(true);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setOpen(false)}
          onKeyDown={onKeyDown}
        />
        <ul id={`${id}-list`} role="listbox" aria-label={`Matching ${plural}`} className={open ? 'absolute z-10 mt-1 max-h-64 w-full overflow-auto rounded-md bg-white py-1 text-sm shadow-lg ring-1 ring-gray-200' : 'hidden'}>
          {matches.map((choice, i) => (
            <li
              key={choice.id}
              id={`${id}-opt-${i}`}
              role="option"
              aria-selected={i === active}
              className={`cursor-pointer px-3 py-1.5 ${i === active ? 'bg-indigo-50 text-indigo-900' : 'text-gray-800'}`}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => add(choice)}
            >
              <span className="block font-medium">{choice.name}</span>
              <span className="block text-xs text-gray-600">
                {choice.level === 'campaign' ? choice.accountName : `in ${choice.campaignName}`} · {PLATFORM_NAMES[choice.platform]} · {choice.status}
              </span>
            </li>
          ))}
        </ul>
      </div>
      {message ? (
        <p id={`${id}-error`} className="text-sm text-red-600">
          {message}
        </p>
      ) : (
        <p id={`${id}-hint`} className="text-xs text-gray-500">
          {isFull ? `At most ${MAX_PICKED} ${plural}: remove one to add another.` : `Arrows and Enter pick from the list; Backspace in the empty box removes the last one. ${picked.length} picked.`}
        </p>
      )}
    </div>
  );
}
