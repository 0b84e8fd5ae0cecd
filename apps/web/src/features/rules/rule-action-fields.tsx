import { Button } from '../../components/ui/button.tsx';
import type { EntityLevel, RuleAction } from './rule-types.ts';
import { defaultAction } from './rule-draft.ts';
import { errorAt, type RuleFieldErrors } from './rule-errors.ts';
import { InlineSelect, InlineText, inputClass, NumberInput } from './rule-inputs.tsx';
import { ACTION_TYPES } from './rule-words.ts';

const DIRECTIONS = [
  { id: 'raise', label: 'raise' },
  { id: 'lower', label: 'lower' },
] as const;
const UNITS = [
  { id: 'percent', label: '%' },
  { id: 'amount', label: 'in money' },
] as const;
const CHANNELS = [
  { id: 'in_app', label: 'in the app' },
  { id: 'email', label: 'by email' },
  { id: 'slack', label: 'in Slack' },
  { id: 'webhook', label: 'to the webhooks' },
] as const;
const UNTIL = [
  { id: 'tomorrow', label: 'tomorrow (the account’s midnight)' },
  { id: 'time', label: 'a date and time' },
] as const;

/** An ISO time as a datetime-local value in the browser's time zone ("2026-12-24T18:00"). */
function localInput(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  const two = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())}T${two(at.getHours())}:${two(at.getMinutes())}`;
}

/** The rule's "then": actions in order, each a short sentence of its own. */
export function ActionList({ actions, level, onChange, errors }: { actions: readonly RuleAction[]; level: EntityLevel; onChange: (actions: RuleAction[]) => void; errors: RuleFieldErrors }) {
  const types = ACTION_TYPES.filter((t) => level !== 'ad' || t.forAds);
  const setAt = (index: number, next: RuleAction | null) => onChange(actions.flatMap((a, i) => (i === index ? (next ? [next] : []) : [a])));
  const own = errors['definition.then'];
  return (
    <fieldset className="space-y-2">
      <legend className="text-base font-semibold text-gray-900">Then</legend>
      {own && <p className="text-sm text-red-600">{own}</p>}
      <ol className="space-y-2">
        {actions.map((action, index) => (
          <li key={index}>
            <div role="group" aria-label={`Action ${index + 1}`} className="flex flex-wrap items-center gap-2 rounded-md bg-white p-2 text-sm text-gray-700 ring-1 ring-gray-200">
              <InlineSelect label={`What to do, action ${index + 1}`} value={action.type} options={types} onChange={(type) => setAt(index, defaultAction(type))} error={errors[`definition.then.${index}`] ?? errors[`definition.then.${index}.type`]} />
              <ActionDetails action={action} name={`action ${index + 1}`} onChange={(next) => setAt(index, next)} error={(field) => errorAt(errors, `definition.then.${index}.${field}`)} />
              {actions.length > 1 && (
                <Button variant="ghost" className="ml-auto px-2 py-1 text-xs" onClick={() => setAt(index, null)}>
                  Remove<span className="sr-only"> action {index + 1}</span>
                </Button>
              )}
            </div>
          </li>
        ))}
      </ol>
      {actions.length < 10 && (
        <Button variant="secondary" className="px-2 py-1 text-xs" onClick={() => onChange([...actions, defaultAction('notify')])}>
          Add action
        </Button>
      )}
    </fieldset>
  );
}

function ActionDetails({ action, name, onChange, error }: { action: RuleAction; name: string; onChange: (next: RuleAction) => void; error: (field: string) => string | undefined }) {
  switch (action.type) {
    case 'pause':
    case 'enable':
      return null;
    case 'pause_until': {
      const isTime = action.until !== 'tomorrow';
      return (
        <>
          <InlineSelect label={`Until, ${name}`} value={isTime ? 'time' : 'tomorrow'} options={UNTIL} onChange={(v) => onChange({ ...action, until: v === 'tomorrow' ? 'tomorrow' : new Date(Date.now() + 86_400_000).toISOString() })} />
          {isTime && (
            <span className="inline-flex flex-wrap items-center">
              <input
                type="datetime-local"
                aria-label={`Date and time, ${name} (your time)`}
                value={localInput(action.until)}
                onChange={(e) => {
                  const at = new Date(e.target.value);
                  onChange({ ...action, until: Number.isNaN(at.getTime()) ? e.target.value : at.toISOString() });
                }}
                aria-invalid={error('until') ? true : undefined}
                className={inputClass}
              />
              {error('until') && <p className="mt-1 basis-full text-sm text-red-600">{error('until')}</p>}
            </span>
          )}
        </>
      );
    }
    case 'set_budget':
    case 'set_bid':
      return <NumberInput label={`Amount, ${name}`} value={action.amount} onChange={(amount) => onChange({ ...action, amount })} error={error('amount')} />;
    case 'change_budget':
    case 'change_bid':
      return (
        <>
          <InlineSelect label={`Direction, ${name}`} value={action.direction} options={DIRECTIONS} onChange={(direction) => onChange({ ...action, direction })} />
          <span>by</span>
          <NumberInput label={`By how much, ${name}`} value={action.by.value} onChange={(value) => onChange({ ...action, by: { ...action.by, value } })} className="w-20" error={error('by')} />
          <InlineSelect label={`Unit, ${name}`} value={action.by.unit} options={UNITS} onChange={(unit) => onChange({ ...action, by: { ...action.by, unit } })} />
          <span>{action.direction === 'raise' ? 'up to' : 'down to'}</span>
          <NumberInput
            label={`${action.direction === 'raise' ? 'Ceiling' : 'Floor'}, ${name}`}
            value={action.direction === 'raise' ? action.ceiling : action.floor}
            onChange={(value) => {
              const { ceiling: _c, floor: _f, ...rest } = action;
              const bound = Number.isNaN(value) ? {} : action.direction === 'raise' ? { ceiling: value } : { floor: value };
              onChange({ ...rest, ...bound });
            }}
            error={error(action.direction === 'raise' ? 'ceiling' : 'floor')}
          />
          <span className="text-xs text-gray-500">(optional)</span>
        </>
      );
    case 'rename':
      return (
        <>
          <InlineText label={`Prefix, ${name}`} value={action.prefix ?? ''} onChange={(prefix) => onChange({ ...action, prefix })} error={error('prefix')} className="w-32" />
          <span>…name…</span>
          <InlineText label={`Suffix, ${name}`} value={action.suffix ?? ''} onChange={(suffix) => onChange({ ...action, suffix })} error={error('suffix')} className="w-32" />
        </>
      );
    case 'label':
      return <InlineText label={`Label, ${name}`} value={action.label} onChange={(label) => onChange({ ...action, label })} error={error('label')} />;
    case 'notify':
      return (
        <>
          <fieldset className="inline-flex flex-wrap items-center gap-2">
            <legend className="sr-only">How to tell the team, {name}</legend>
            {CHANNELS.map((channel) => (
              <label key={channel.id} className="inline-flex items-center gap-1 text-sm">
                <input
                  type="checkbox"
                  checked={action.channels.includes(channel.id)}
                  onChange={(e) => onChange({ ...action, channels: CHANNELS.map((c) => c.id).filter((id) => (id === channel.id ? e.target.checked : action.channels.includes(id))) })}
                  aria-invalid={error('channels') ? true : undefined}
                  className="size-4 rounded border-gray-300"
                />
                {channel.label}
              </label>
            ))}
            {error('channels') && <span className="basis-full text-sm text-red-600">{error('channels')}</span>}
          </fieldset>
          <InlineText label={`Message, ${name}`} value={action.message ?? ''} onChange={(message) => onChange({ ...action, message })} error={error('message')} className="w-64" placeholder="Message (optional)" />
        </>
      );
  }
}
