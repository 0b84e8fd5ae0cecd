import type { PlatformId } from '../../lib/types.ts';
import { PLATFORM_NAMES } from '../connections/health.tsx';
import type { RuleScope } from './rule-types.ts';
import { errorAt, type RuleFieldErrors } from './rule-errors.ts';
import { CheckboxGroup, InlineSelect, InlineText, inputClass, ListText } from './rule-inputs.tsx';
import { LEVELS } from './rule-words.ts';
import { AccountsField } from './rule-accounts-field.tsx';

const PLATFORMS: readonly { id: PlatformId; label: string }[] = (['google_ads', 'meta', 'tiktok'] as const).map((id) => ({ id, label: PLATFORM_NAMES[id] }));
const STATUSES = [
  { id: 'active', label: 'Active' },
  { id: 'paused', label: 'Paused' },
] as const;

/** Which objects the rule looks at: level, platforms, status, name and labels. */
export function ScopeFields({ orgId, scope, onChange, errors }: { orgId: string; scope: RuleScope; onChange: (scope: RuleScope) => void; errors: RuleFieldErrors }) {
  const at = (field: string) => errorAt(errors, `definition.scope.${field}`);
  const set = <K extends keyof RuleScope>(key: K, value: RuleScope[K]) => onChange({ ...scope, [key]: value });
  const setOptional = (key: 'nameContains' | 'nameNotContains' | 'createdAfter' | 'createdBefore', value: string) => {
    const { [key]: _old, ...rest } = scope;
    onChange(value ? { ...rest, [key]: value } : rest);
  };
  return (
    <fieldset className="space-y-3">
      <legend className="text-base font-semibold text-gray-900">For</legend>
      <div className="flex flex-wrap items-center gap-2 text-sm text-gray-700">
        <span>each</span>
        <InlineSelect label="Level" value={scope.level} options={LEVELS.map((l) => ({ id: l.id, label: l.label.toLowerCase() }))} onChange={(level) => set('level', level)} error={at('level')} />
        <span>whose name contains</span>
        <InlineText label="Name contains" value={scope.nameContains ?? ''} onChange={(v) => setOptional('nameContains', v)} placeholder="anything" error={at('nameContains')} />
        <span>and not</span>
        <InlineText label="Name does not contain" value={scope.nameNotContains ?? ''} onChange={(v) => setOptional('nameNotContains', v)} placeholder="—" error={at('nameNotContains')} />
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <CheckboxGroup legend="Platforms" hint="None ticked: every platform." options={PLATFORMS} selected={scope.platforms} onChange={(platforms) => set('platforms', platforms)} />
        <CheckboxGroup legend="Status" options={STATUSES} selected={scope.statuses.filter((s) => s === 'active' || s === 'paused')} onChange={(statuses) => set('statuses', statuses)} />
      </div>
      <div className="flex flex-wrap items-center gap-2 text-sm text-gray-700">
        <span>first seen after</span>
        <input type="date" aria-label="First seen after" value={scope.createdAfter ?? ''} onChange={(e) => setOptional('createdAfter', e.target.value)} className={inputClass} aria-invalid={at('createdAfter') ? true : undefined} />
        <span>and before</span>
        <input type="date" aria-label="First seen before" value={scope.createdBefore ?? ''} onChange={(e) => setOptional('createdBefore', e.target.value)} className={inputClass} aria-invalid={at('createdBefore') ? true : undefined} />
        <span className="text-xs text-gray-500">(optional)</span>
        {(at('createdAfter') ?? at('createdBefore')) && <p className="basis-full text-sm text-red-600">{at('createdAfter') ?? at('createdBefore')}</p>}
      </div>
      <AccountsField orgId={orgId} selected={scope.accountIds} onChange={(accountIds) => set('accountIds', accountIds)} error={at('accountIds')} />
      <div className="flex flex-wrap items-center gap-2 text-sm text-gray-700">
        <span aria-hidden="true">Only objects labelled</span>
        <ListText
          label="Labels (any of, separated by commas)"
          values={scope.labels ?? []}
          onChange={(labels) => {
            const { labels: _old, ...rest } = scope;
            onChange(labels.length ? { ...rest, labels } : rest);
          }}
          placeholder="any label (optional)"
          className="w-72"
          error={at('labels')}
        />
      </div>
      {(at('statuses') ?? at('platforms')) && <p className="text-sm text-red-600">{at('statuses') ?? at('platforms')}</p>}
    </fieldset>
  );
}
