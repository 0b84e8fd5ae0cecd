import type { PlatformId } from '../../lib/types.ts';
import { PLATFORM_NAMES } from '../connections/health.tsx';
import type { RuleScope } from './rule-types.ts';
import { errorAt, type RuleFieldErrors } from './rule-errors.ts';
import { CheckboxGroup, InlineSelect, InlineText, inputClass, ListText } from './rule-inputs.tsx';
import { LEVELS } from './rule-words.ts';
import { AccountsField } from './rule-accounts-field.tsx';
import { ObjectPicker } from './rule-objects-field.tsx';
import { useScopeOptions } from './rules-api.ts';

const PLATFORMS: readonly { id: PlatformId; label: string }[] = (['google_ads', 'meta', 'tiktok'] as const).map((id) => ({ id, label: PLATFORM_NAMES[id] }));
const STATUSES = [
  { id: 'active', label: 'Active' },
  { id: 'paused', label: 'Paused' },
  { id: 'archived', label: 'Archived' },
  { id: 'removed', label: 'Removed' },
] as const;
const CHOICES = [
  { id: 'filters', label: 'Every one the filters below match' },
  { id: 'picked', label: 'Only the ones I pick' },
] as const;

/**
 * Which objects the rule looks at: level, platforms and accounts, then either the filters (name,
 * status, objective, labels, first seen) or a fixed list picked by name.
 */
export function ScopeFields({ orgId, scope, onChange, errors }: { orgId: string; scope: RuleScope; onChange: (scope: RuleScope) => void; errors: RuleFieldErrors }) {
  const at = (field: string) => errorAt(errors, `definition.scope.${field}`);
  const set = <K extends keyof RuleScope>(key: K, value: RuleScope[K]) => onChange({ ...scope, [key]: value });
  const setOptional = (key: 'nameContains' | 'nameNotContains' | 'createdAfter' | 'createdBefore', value: string) => {
    const { [key]: _old, ...rest } = scope;
    onChange(value ? { ...rest, [key]: value } : rest);
  };
  const isPicked = scope.entityIds !== undefined;
  const level = LEVELS.find((l) => l.id === scope.level) ?? LEVELS[0];
  const choose = (choice: (typeof CHOICES)[number]['id']) => {
    const { entityIds: _old, ...rest } = scope;
    onChange(choice === 'picked' ? { ...rest, entityIds: [] } : rest);
  };
  return (
    <fieldset className="space-y-3">
      <legend className="text-base font-semibold text-gray-900">For</legend>
      <div className="flex flex-wrap items-center gap-2 text-sm text-gray-700">
        <span>each</span>
        {/* Picked objects are ids of one level: another level starts an empty list. */}
        <InlineSelect label="Level" value={scope.level} options={LEVELS.map((l) => ({ id: l.id, label: l.label.toLowerCase() }))} onChange={(next) => onChange({ ...scope, level: next, ...(isPicked ? { entityIds: [] } : {}) })} error={at('level')} />
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <CheckboxGroup legend="Platforms" hint="None ticked: every platform." options={PLATFORMS} selected={scope.platforms} onChange={(platforms) => set('platforms', platforms)} />
        <AccountsField orgId={orgId} selected={scope.accountIds} onChange={(accountIds) => set('accountIds', accountIds)} error={at('accountIds')} />
      </div>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-gray-800">Which {level?.plural ?? 'objects'}</legend>
        <div className="flex flex-wrap gap-x-4 gap-y-1">
          {CHOICES.map((c) => (
            <label key={c.id} className="inline-flex items-center gap-1.5 text-sm text-gray-700">
              <input type="radio" name="rule-scope-choice" value={c.id} checked={(isPicked ? 'picked' : 'filters') === c.id} onChange={() => choose(c.id)} className="size-4 border-gray-300 text-indigo-600 focus:ring-indigo-600" />
              {c.label}
            </label>
          ))}
        </div>
        {isPicked ? (
          <ObjectPicker orgId={orgId} level={scope.level} picked={scope.entityIds ?? []} onChange={(entityIds) => set('entityIds', entityIds)} error={at('entityIds')} />
        ) : (
          <ScopeFilters orgId={orgId} scope={scope} onChange={onChange} setOptional={setOptional} at={at} />
        )}
      </fieldset>
      {(at('statuses') ?? at('platforms')) && <p className="text-sm text-red-600">{at('statuses') ?? at('platforms')}</p>}
    </fieldset>
  );
}

/** The filters that choose the objects when no fixed list is picked. */
function ScopeFilters({ orgId, scope, onChange, setOptional, at }: { orgId: string; scope: RuleScope; onChange: (scope: RuleScope) => void; setOptional: (key: 'nameContains' | 'nameNotContains' | 'createdAfter' | 'createdBefore', value: string) => void; at: (field: string) => string | undefined }) {
  const options = useScopeOptions(orgId);
  const objectives = options.data?.objectives ?? [];
  // An objective saved earlier that no campaign has now stays visible, so it can be unticked.
  const objectiveChoices = [
    ...objectives.map((o) => ({ id: o.id, label: `${o.label} (${o.platforms.map((p) => PLATFORM_NAMES[p]).join(', ')})` })),
    ...(scope.objectives ?? []).filter((id) => !objectives.some((o) => o.id === id)).map((id) => ({ id, label: id })),
  ];
  const labelsInUse = options.data?.labels ?? [];
  const setList = (key: 'objectives' | 'labels', values: string[]) => {
    const { [key]: _old, ...rest } = scope;
    onChange(values.length ? { ...rest, [key]: values } : rest);
  };
  return (
    <div className="space-y-3 rounded-md bg-gray-50 p-3">
      <div className="flex flex-wrap items-center gap-2 text-sm text-gray-700">
        <span>whose name contains</span>
        <InlineText label="Name contains" value={scope.nameContains ?? ''} onChange={(v) => setOptional('nameContains', v)} placeholder="anything" error={at('nameContains')} />
        <span>and not</span>
        <InlineText label="Name does not contain" value={scope.nameNotContains ?? ''} onChange={(v) => setOptional('nameNotContains', v)} placeholder="—" error={at('nameNotContains')} />
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <CheckboxGroup legend="Status" hint="None ticked: any status." options={STATUSES} selected={scope.statuses} onChange={(statuses) => onChange({ ...scope, statuses })} />
        {objectiveChoices.length > 0 ? (
          <div>
            <CheckboxGroup legend="Campaign objective" hint="None ticked: any objective." options={objectiveChoices} selected={scope.objectives ?? []} onChange={(values) => setList('objectives', values)} />
            {at('objectives') && <p className="text-sm text-red-600">{at('objectives')}</p>}
          </div>
        ) : (
          options.isSuccess && <p className="text-xs text-gray-500">No campaign has an objective yet: the rule looks at every objective.</p>
        )}
      </div>
      <div className="flex flex-wrap items-center gap-2 text-sm text-gray-700">
        <span>first seen after</span>
        <input type="date" aria-label="First seen after" value={scope.createdAfter ?? ''} onChange={(e) => setOptional('createdAfter', e.target.value)} className={inputClass} aria-invalid={at('createdAfter') ? true : undefined} />
        <span>and before</span>
        <input type="date" aria-label="First seen before" value={scope.createdBefore ?? ''} onChange={(e) => setOptional('createdBefore', e.target.value)} className={inputClass} aria-invalid={at('createdBefore') ? true : undefined} />
        <span className="text-xs text-gray-500">(optional)</span>
        {(at('createdAfter') ?? at('createdBefore')) && <p className="basis-full text-sm text-red-600">{at('createdAfter') ?? at('createdBefore')}</p>}
      </div>
      <div className="flex flex-wrap items-center gap-2 text-sm text-gray-700">
        <span aria-hidden="true">Only objects labelled</span>
        <ListText label="Labels (any of, separated by commas)" values={scope.labels ?? []} onChange={(labels) => setList('labels', labels)} placeholder="any label (optional)" className="w-72" error={at('labels')} />
        {labelsInUse.length > 0 && <span className="basis-full text-xs text-gray-500">In use: {labelsInUse.slice(0, 12).join(', ')}{labelsInUse.length > 12 ? ', …' : ''}</span>}
      </div>
    </div>
  );
}
