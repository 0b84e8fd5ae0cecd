import type { RuleDefinition, RuleLimits, RuleSchedule } from './rule-types.ts';
import { errorAt, type RuleFieldErrors } from './rule-errors.ts';
import { InlineSelect, InlineText, NumberInput } from './rule-inputs.tsx';
import { WindowSelect } from './rule-window-select.tsx';

const FREQUENCIES = [
  { id: 'every_15_minutes', label: 'every 15 minutes' },
  { id: 'hourly', label: 'every hour' },
  { id: 'daily', label: 'once a day' },
] as const;

type OptionalLimit = 'minSpend' | 'minImpressions' | 'minConversions' | 'maxMoneyPerDay';

/** Limits, schedule and currency: how often, how much, and when the rule keeps its hands off. */
export function LimitFields({ definition, onChange, errors }: { definition: RuleDefinition; onChange: (next: RuleDefinition) => void; errors: RuleFieldErrors }) {
  const { limits, schedule } = definition;
  const at = (field: string) => errorAt(errors, `definition.limits.${field}`);
  const setLimits = (next: RuleLimits) => onChange({ ...definition, limits: next });
  const setOptional = (key: OptionalLimit, value: number) => {
    const { [key]: _old, ...rest } = limits;
    setLimits(Number.isNaN(value) ? rest : { ...rest, [key]: value });
  };
  const setSchedule = (next: RuleSchedule) => onChange({ ...definition, schedule: next });
  return (
    <fieldset className="space-y-3 text-sm text-gray-700">
      <legend className="text-base font-semibold text-gray-900">Limits</legend>
      <div className="flex flex-wrap items-center gap-2">
        <span>Check</span>
        <InlineSelect label="How often" value={schedule.frequency} options={FREQUENCIES} onChange={(frequency) => setSchedule(frequency === 'daily' ? { frequency, at: '08:00' } : { frequency })} error={errorAt(errors, 'definition.schedule')} />
        {schedule.frequency === 'daily' && (
          <>
            <span>at</span>
            <InlineText label="Time of day (HH:MM)" value={schedule.at} onChange={(value) => setSchedule({ frequency: 'daily', at: value })} className="w-20" error={errorAt(errors, 'definition.schedule.at')} />
          </>
        )}
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <span>Act only once an object has spent at least</span>
        <NumberInput label="Minimum spend" value={limits.minSpend} onChange={(v) => setOptional('minSpend', v)} error={at('minSpend')} />
        <span>or has</span>
        <NumberInput label="Minimum impressions" value={limits.minImpressions} onChange={(v) => setOptional('minImpressions', v)} step="1" error={at('minImpressions')} />
        <span>impressions,</span>
        <NumberInput label="Minimum conversions" value={limits.minConversions} onChange={(v) => setOptional('minConversions', v)} error={at('minConversions')} />
        <span>conversions</span>
        <WindowSelect label="Period of the minimums" window={limits.minimumsWindow} onChange={(minimumsWindow) => setLimits({ ...limits, minimumsWindow })} error={at('minimumsWindow')} />
        <span>(empty: no minimum).</span>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <span>Wait</span>
        <NumberInput label="Cooldown in hours" value={limits.cooldownHours} onChange={(cooldownHours) => setLimits({ ...limits, cooldownHours })} className="w-20" error={at('cooldownHours')} />
        <span>hours before acting on the same object again; at most</span>
        <NumberInput label="Changes per run" value={limits.maxActionsPerRun} onChange={(maxActionsPerRun) => setLimits({ ...limits, maxActionsPerRun })} step="1" className="w-20" error={at('maxActionsPerRun')} />
        <span>changes per run and</span>
        <NumberInput label="Changes per day" value={limits.maxActionsPerDay} onChange={(maxActionsPerDay) => setLimits({ ...limits, maxActionsPerDay })} step="1" className="w-20" error={at('maxActionsPerDay')} />
        <span>per day; move at most</span>
        <NumberInput label="Money moved per day" value={limits.maxMoneyPerDay} onChange={(v) => setOptional('maxMoneyPerDay', v)} error={at('maxMoneyPerDay')} />
        <span>of budget a day.</span>
      </div>
      <ActiveHoursFields limits={limits} onChange={setLimits} error={at('activeHours')} />
      <div className="flex flex-wrap items-center gap-2">
        <label className="inline-flex items-center gap-1.5">
          <input type="checkbox" checked={limits.skipLearning} onChange={(e) => setLimits({ ...limits, skipLearning: e.target.checked })} className="size-4 rounded border-gray-300" />
          Leave objects in the learning phase alone
        </label>
        <span>; after a person changes what the rule changed, leave it for</span>
        <NumberInput label="Hands-off hours after a manual change" value={limits.overrideHours} onChange={(overrideHours) => setLimits({ ...limits, overrideHours })} className="w-20" error={at('overrideHours')} />
        <span>hours.</span>
      </div>
    </fieldset>
  );
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

/** Days of the week and hours (account time) the rule may act in; off: any time. */
function ActiveHoursFields({ limits, onChange, error }: { limits: RuleLimits; onChange: (next: RuleLimits) => void; error: string | undefined }) {
  const hours = limits.activeHours;
  const { activeHours: _old, ...rest } = limits;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <label className="inline-flex items-center gap-1.5">
        <input
          type="checkbox"
          checked={hours !== undefined}
          onChange={(e) => onChange(e.target.checked ? { ...rest, activeHours: { days: [1, 2, 3, 4, 5], from: '08:00', to: '20:00' } } : rest)}
          className="size-4 rounded border-gray-300"
        />
        Act only on certain days and hours
      </label>
      {hours && (
        <>
          <fieldset className="inline-flex flex-wrap gap-2">
            <legend className="sr-only">Active days</legend>
            {DAYS.map((day, index) => (
              <label key={day} className="inline-flex items-center gap-1 text-xs">
                <input
                  type="checkbox"
                  checked={hours.days.includes(index)}
                  onChange={(e) => onChange({ ...rest, activeHours: { ...hours, days: e.target.checked ? [...hours.days, index].sort((a, b) => a - b) : hours.days.filter((d) => d !== index) } })}
                  className="size-4 rounded border-gray-300"
                />
                {day}
              </label>
            ))}
          </fieldset>
          <span>from</span>
          <InlineText label="Active from (HH:MM)" value={hours.from} onChange={(from) => onChange({ ...rest, activeHours: { ...hours, from } })} className="w-20" />
          <span>to</span>
          <InlineText label="Active until (HH:MM)" value={hours.to} onChange={(to) => onChange({ ...rest, activeHours: { ...hours, to } })} className="w-20" />
          <span className="text-xs text-gray-500">in each account’s time zone</span>
        </>
      )}
      {error && <p className="basis-full text-sm text-red-600">{error}</p>}
    </div>
  );
}
