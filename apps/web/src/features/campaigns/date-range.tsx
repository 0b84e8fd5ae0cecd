import { useEffect, useId, useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';
import { keys } from '../../lib/queries.ts';
import type { Organization } from '../../lib/types.ts';
import { Button } from '../../components/ui/button.tsx';
import { formatRange } from './report-format.ts';
import { daysBetween, isDay, MAX_RANGE_DAYS, presetRange, PRESETS, todayIn, type Preset } from '@adloop/engine';

/** The range as it travels in the URL: a preset (today, yesterday, month, 7, 30, 90) or custom dates. */
export interface RangeSearch {
  range?: string | undefined;
  since?: string | undefined;
  until?: string | undefined;
}

export interface ResolvedRange {
  since: string;
  until: string;
  preset: Preset | 'custom';
}

const DEFAULT_PRESET: Preset = '30';

/**
 * The dates a range search stands for, in the organisation's time zone: a preset (today, yesterday,
 * this month, or the last N complete days), or custom dates when they make a valid range.
 */
export function resolveRange(search: RangeSearch, timeZone: string | undefined, now = new Date()): ResolvedRange {
  const today = todayIn(timeZone, now);
  if (search.range === 'custom' && isDay(search.since) && isDay(search.until) && search.since <= search.until) {
    return { since: search.since, until: search.until, preset: 'custom' };
  }
  const preset = PRESETS.find((p) => p === search.range) ?? DEFAULT_PRESET;
  return { ...presetRange(preset, today), preset };
}

/**
 * The organisation's reporting time zone (undefined while it loads). Falls back to the browser's
 * zone when the server does not say or the details cannot be read.
 */
export function useOrgTimeZone(orgId: string): string | undefined {
  const details = useQuery({ queryKey: keys.org(orgId), queryFn: () => api.get<Organization>(`/orgs/${orgId}`), staleTime: 300_000, retry: false });
  if (details.isPending) return undefined;
  return details.data?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
}

const PRESET_LABELS: Record<Preset, string> = { today: 'Today', yesterday: 'Yesterday', month: 'This month', '7': 'Last 7 days', '30': 'Last 30 days', '90': 'Last 90 days' };
const segment =
  'rounded-md px-3 py-1.5 text-sm font-medium text-gray-700 ring-1 ring-inset ring-gray-300 hover:bg-gray-50 aria-pressed:bg-indigo-600 aria-pressed:text-white aria-pressed:ring-indigo-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600';
const dateInput = 'rounded-md border-0 px-2 py-1.5 text-sm ring-1 ring-inset ring-gray-300 focus:ring-2 focus:ring-indigo-600 aria-[invalid=true]:ring-red-500';

/** The presets and a custom from–to; `resolved` is the range in use. */
export function DateRangePicker({ value, resolved, onChange, timeZone }: { value: RangeSearch; resolved: ResolvedRange | null; onChange: (next: RangeSearch) => void; timeZone: string | undefined }) {
  const id = useId();
  const today = todayIn(timeZone, new Date());
  const [isCustom, setCustom] = useState(value.range === 'custom');
  const [since, setSince] = useState(resolved?.since ?? '');
  const [until, setUntil] = useState(resolved?.until ?? '');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setCustom(value.range === 'custom'), [value.range]);
  // The range resolves once the organisation's time zone has loaded: fill the custom dates then.
  const resolvedSince = resolved?.since;
  const resolvedUntil = resolved?.until;
  useEffect(() => {
    if (resolvedSince) setSince((current) => current || resolvedSince);
    if (resolvedUntil) setUntil((current) => current || resolvedUntil);
  }, [resolvedSince, resolvedUntil]);

  const openCustom = () => {
    setSince(resolved?.since ?? '');
    setUntil(resolved?.until ?? '');
    setError(null);
    setCustom(true);
  };

  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!isDay(since) || !isDay(until)) return setError('Choose both dates');
    if (since > until) return setError('The start date must be on or before the end date');
    if (until > today) return setError('Choose dates up to today');
    if (daysBetween(since, until) > MAX_RANGE_DAYS) return setError(`Choose at most ${MAX_RANGE_DAYS} days`);
    setError(null);
    onChange({ range: 'custom', since, until });
  };

  return (
    <div className="space-y-2">
      <div role="group" aria-label="Date range" className="flex flex-wrap items-center gap-2">
        {PRESETS.map((preset) => (
          <button
            key={preset}
            type="button"
            className={segment}
            aria-pressed={!isCustom && resolved?.preset === preset}
            onClick={() => {
              setCustom(false);
              onChange({ range: preset, since: undefined, until: undefined });
            }}
          >
            {PRESET_LABELS[preset]}
          </button>
        ))}
        <button type="button" className={segment} aria-pressed={isCustom} aria-expanded={isCustom} aria-controls={`${id}-custom`} onClick={openCustom}>
          Custom
        </button>
        {resolved && (
          <span className="text-sm text-gray-600" aria-live="polite">
            {formatRange(resolved)}
          </span>
        )}
      </div>
      {isCustom && (
        <form id={`${id}-custom`} onSubmit={apply} className="flex flex-wrap items-end gap-2" noValidate>
          <div>
            <label htmlFor={`${id}-since`} className="block text-xs font-medium text-gray-700">
              From
            </label>
            <input id={`${id}-since`} type="date" className={dateInput} value={since} max={today} onChange={(e) => setSince(e.currentTarget.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
          </div>
          <div>
            <label htmlFor={`${id}-until`} className="block text-xs font-medium text-gray-700">
              To
            </label>
            <input id={`${id}-until`} type="date" className={dateInput} value={until} max={today} onChange={(e) => setUntil(e.currentTarget.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
          </div>
          <Button type="submit" variant="secondary">
            Apply
          </Button>
          {error && (
            <p id={`${id}-error`} role="alert" className="w-full text-sm text-red-600">
              {error}
            </p>
          )}
        </form>
      )}
    </div>
  );
}
