import { canSkipLastDay, skipsLastDay } from '@adloop/engine';
import { Button } from '../../components/ui/button.tsx';
import type { RuleCondition, RuleConditionGroup, RuleWindow } from './rule-types.ts';
import { addTo, conditionPath, isGroup, MAX_DEPTH, newCondition, updateAt, withMetric, withOperator, type TreeNode } from './rule-draft.ts';
import { errorAt, type RuleFieldErrors } from './rule-errors.ts';
import { InlineSelect, NumberInput } from './rule-inputs.tsx';
import { ComparisonFields } from './rule-comparison-fields.tsx';
import { defaultWindow } from './rule-window-select.tsx';
import { isSettingMetric, METRICS, operatorsFor, WINDOW_KINDS } from './rule-words.ts';

const GROUP_KINDS = [
  { id: 'all', label: 'all' },
  { id: 'any', label: 'any' },
] as const;

/** "condition 2.1": the node's number as people count. */
const numberOf = (path: readonly number[]) => path.map((i) => i + 1).join('.');


/** The rule's "when": an AND / OR tree of conditions, each a sentence (CPA in the last 3 days is more than 40). */
export function ConditionTree({ root, onChange, errors }: { root: RuleConditionGroup; onChange: (root: RuleConditionGroup) => void; errors: RuleFieldErrors }) {
  return (
    <fieldset className="space-y-2">
      <legend className="text-base font-semibold text-gray-900">When</legend>
      <GroupEditor group={root} path={[]} root={root} onChange={onChange} errors={errors} />
    </fieldset>
  );
}

function GroupEditor({ group, path, root, onChange, errors }: { group: RuleConditionGroup; path: number[]; root: RuleConditionGroup; onChange: (root: RuleConditionGroup) => void; errors: RuleFieldErrors }) {
  const label = path.length === 0 ? 'the rule' : `group ${numberOf(path)}`;
  const update = (at: number[], fn: (node: TreeNode) => TreeNode | null) => onChange(updateAt(root, at, fn));
  const own = errors[path.length === 0 ? 'definition.when' : conditionPath(path)] ?? errors[`${path.length === 0 ? 'definition.when' : conditionPath(path)}.conditions`];
  return (
    <div className={path.length > 0 ? 'space-y-2 rounded-md border border-gray-200 bg-gray-50 p-3' : 'space-y-2'}>
      <div className="flex flex-wrap items-center gap-2 text-sm text-gray-700">
        <InlineSelect label={`Match all or any, ${label}`} value={group.kind} options={GROUP_KINDS} onChange={(kind) => update(path, (g) => (isGroup(g) ? { ...g, kind } : g))} />
        <span>of these hold:</span>
        {path.length > 0 && (
          <Button variant="ghost" className="ml-auto px-2 py-1 text-xs" onClick={() => update(path, () => null)}>
            Remove group<span className="sr-only"> {numberOf(path)}</span>
          </Button>
        )}
      </div>
      {own && <p className="text-sm text-red-600">{own}</p>}
      <ol className="space-y-2">
        {group.conditions.map((child, index) => {
          const childPath = [...path, index];
          return (
            <li key={index}>
              {isGroup(child) ? (
                <GroupEditor group={child} path={childPath} root={root} onChange={onChange} errors={errors} />
              ) : (
                <ConditionRow condition={child} path={childPath} onChange={(next) => update(childPath, () => next)} onRemove={group.conditions.length > 1 ? () => update(childPath, () => null) : undefined} errors={errors} />
              )}
            </li>
          );
        })}
      </ol>
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" className="px-2 py-1 text-xs" onClick={() => onChange(addTo(root, path, newCondition('cpa')))}>
          Add condition{path.length > 0 && <span className="sr-only"> to group {numberOf(path)}</span>}
        </Button>
        {path.length < MAX_DEPTH - 1 && (
          <Button variant="secondary" className="px-2 py-1 text-xs" onClick={() => onChange(addTo(root, path, { kind: group.kind === 'all' ? 'any' : 'all', conditions: [newCondition('cpa')] }))}>
            Add group{path.length > 0 && <span className="sr-only"> to group {numberOf(path)}</span>}
          </Button>
        )}
      </div>
    </div>
  );
}

function ConditionRow({ condition, path, onChange, onRemove, errors }: { condition: RuleCondition; path: number[]; onChange: (next: RuleCondition) => void; onRemove: (() => void) | undefined; errors: RuleFieldErrors }) {
  const name = `condition ${numberOf(path)}`;
  const base = conditionPath(path);
  const at = (field: string) => errorAt(errors, `${base}.${field}`);
  const window = condition.window;
  const setWindow = (next: RuleWindow) => onChange({ ...condition, window: next });
  return (
    <div role="group" aria-label={`Condition ${numberOf(path)}`} className="flex flex-wrap items-center gap-2 rounded-md bg-white p-2 text-sm text-gray-700 ring-1 ring-gray-200">
      <InlineSelect label={`Metric, ${name}`} value={condition.metric} options={METRICS.map((m) => ({ id: m.id, label: m.label }))} onChange={(metric) => onChange(withMetric(condition, metric))} error={at('metric')} />
      {!isSettingMetric(condition.metric) && (
        <>
          <InlineSelect label={`Period, ${name}`} value={window.kind} options={WINDOW_KINDS} onChange={(kind) => setWindow(defaultWindow(kind))} error={window.kind === 'last_hours' || window.kind === 'last_days' ? undefined : at('window')} />
          {window.kind === 'last_hours' && <NumberInput label={`Hours, ${name}`} value={window.hours} onChange={(hours) => setWindow({ ...window, hours })} className="w-16" step="1" error={at('window')} />}
          {window.kind === 'last_days' && (
            <>
              <NumberInput label={`Days, ${name}`} value={window.days} onChange={(days) => setWindow({ ...window, days })} className="w-16" step="1" error={at('window')} />
              <label className="inline-flex items-center gap-1 text-xs text-gray-600">
                <input type="checkbox" checked={window.includeToday} onChange={(e) => setWindow({ ...window, includeToday: e.target.checked })} className="size-4 rounded border-gray-300" />
                and today
              </label>
            </>
          )}
          {canSkipLastDay(window) && condition.metric !== 'budget_pacing' && (
            <label className="inline-flex items-center gap-1 text-xs text-gray-600" title="Conversions arrive late: yesterday's are not all counted yet.">
              <input type="checkbox" checked={skipsLastDay(condition)} onChange={(e) => onChange({ ...condition, skipLastDay: e.target.checked })} className="size-4 rounded border-gray-300" />
              without the last day<span className="sr-only">, {name} (its late conversions are not all counted yet)</span>
            </label>
          )}
        </>
      )}
      <InlineSelect label={`Comparison, ${name}`} value={condition.operator} options={operatorsFor(condition.metric)} onChange={(operator) => onChange(withOperator(condition, operator))} error={at('operator')} />
      <ComparisonFields condition={condition} name={name} onChange={(compare) => onChange({ ...condition, compare })} error={at('compare')} />
      {onRemove && (
        <Button variant="ghost" className="ml-auto px-2 py-1 text-xs" onClick={onRemove}>
          Remove<span className="sr-only"> {name}</span>
        </Button>
      )}
      {errors[base] && <p className="basis-full text-sm text-red-600">{errors[base]}</p>}
    </div>
  );
}
