import { useId } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';
import { keys } from '../../lib/queries.ts';
import type { ConnectionsOverview, PlatformId } from '../../lib/types.ts';
import { PLATFORM_NAMES } from '../connections/health.tsx';
import { ACTOR_FILTERS, ENTITY_FILTERS, INBOX_STATES, type InboxFilters } from './inbox-filters.ts';

const SELECT = 'mt-1 block rounded-md border-0 bg-white py-1.5 pr-8 pl-2 text-sm text-gray-900 shadow-sm ring-1 ring-gray-300 ring-inset focus:ring-2 focus:ring-indigo-600';

function Choice({ label, value, onChange, options, all }: { label: string; value: string; onChange: (value: string) => void; options: readonly { value: string; label: string }[]; all?: string }) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className="block text-xs font-medium text-gray-700">
        {label}
      </label>
      <select id={id} className={SELECT} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        {all !== undefined && <option value="">{all}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The inbox's filters; each choice applies at once (and lands in the URL). */
export function InboxFilterBar({ orgId, filters, onChange }: { orgId: string; filters: InboxFilters; onChange: (next: InboxFilters) => void }) {
  const overview = useQuery({ queryKey: keys.connections(orgId), queryFn: () => api.get<ConnectionsOverview>(`/orgs/${orgId}/connections`) });
  const allAccounts = (overview.data?.connections ?? []).flatMap((c) => c.accounts.filter((a) => a.selected && !a.isManager));
  const platforms = [...new Set(allAccounts.map((a) => a.platform))];
  const accounts = allAccounts.filter((a) => !filters.platform || a.platform === filters.platform);
  const set = (patch: Partial<InboxFilters>) => onChange({ ...filters, ...patch });
  return (
    <div role="search" aria-label="Filter proposals" className="flex flex-wrap items-end gap-3">
      <Choice label="State" value={filters.state} options={INBOX_STATES} onChange={(v) => set({ state: INBOX_STATES.find((s) => s.value === v)?.value ?? 'waiting' })} />
      <Choice label="Proposed by" value={filters.actorType ?? ''} options={ACTOR_FILTERS} all="Anyone" onChange={(v) => set({ actorType: ACTOR_FILTERS.find((a) => a.value === v)?.value })} />
      <Choice label="Object" value={filters.entityLevel ?? ''} options={ENTITY_FILTERS} all="Any object" onChange={(v) => set({ entityLevel: ENTITY_FILTERS.find((e) => e.value === v)?.value })} />
      <Choice
        label="Platform"
        value={filters.platform ?? ''}
        options={platforms.map((p) => ({ value: p, label: PLATFORM_NAMES[p] }))}
        all="All platforms"
        onChange={(v) => set({ platform: platforms.find((p): p is PlatformId => p === v), adAccountId: undefined })}
      />
      <Choice
        label="Account"
        value={filters.adAccountId ?? ''}
        options={accounts.map((a) => ({ value: a.id, label: filters.platform ? a.name : `${a.name} (${PLATFORM_NAMES[a.platform]})` }))}
        all="All accounts"
        onChange={(v) => set({ adAccountId: v || undefined })}
      />
    </div>
  );
}
