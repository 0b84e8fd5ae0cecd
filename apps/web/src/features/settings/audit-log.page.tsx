import { Fragment, useState, type FormEvent } from 'react';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { keys } from '../../lib/queries.ts';
import { usePaged } from '../../lib/use-paged.ts';
import { readForm } from '../../lib/form-errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import type { AuditEntry } from '../../lib/types.ts';
import { Section } from '../../components/ui/card.tsx';
import { Button } from '../../components/ui/button.tsx';
import { SelectField, TextField } from '../../components/ui/field.tsx';
import { LoadMore } from '../../components/ui/load-more.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/ui/states.tsx';
import { useCurrentOrg } from '../shell/org-context.ts';
import { PageHeader } from './settings-layout.tsx';
import { AuditDiff } from './audit-diff.tsx';

const ACTOR_TYPES = [
  { value: '', label: 'Anyone' },
  { value: 'user', label: 'Person' },
  { value: 'api_key', label: 'API key' },
  { value: 'system', label: 'System' },
];

/** A yyyy-mm-dd date from a date input, as the ISO instant of local midnight (plus `days`). */
function dayStart(day: string | undefined, days = 0): string | undefined {
  if (!day) return undefined;
  const [y, m, d] = day.split('-').map(Number);
  if (!y || !m || !d) return undefined;
  return new Date(y, m - 1, d + days).toISOString();
}

export function AuditLogPage() {
  const { org } = useCurrentOrg();
  const filters = useSearch({ from: '/orgs/$orgId/settings/audit-log' });
  const navigate = useNavigate({ from: '/orgs/$orgId/settings/audit-log' });
  const query = {
    action: filters.action,
    actorType: filters.actorType,
    targetType: filters.targetType,
    from: dayStart(filters.from),
    // The API's `to` is exclusive: the end of the chosen day is the start of the next one.
    to: dayStart(filters.to, 1),
  };
  const entries = usePaged<AuditEntry>(keys.audit(org.id, query), `/orgs/${org.id}/audit-log`, query, { limit: 50 });

  const applyFilters = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const values = readForm(event.currentTarget);
    const pick = (name: string) => values[name]?.trim() || undefined;
    void navigate({ search: { action: pick('action'), actorType: pick('actorType'), targetType: pick('targetType'), from: pick('from'), to: pick('to') } });
  };
  const hasFilters = Object.values(filters).some(Boolean);

  let body: React.ReactNode;
  if (entries.isPending) body = <LoadingState label="Loading the audit log…" />;
  else if (entries.isError) body = <ErrorState error={entries.error} orgId={org.id} onRetry={() => void entries.refetch()} />;
  else if (entries.items.length === 0) body = <EmptyState title={hasFilters ? 'No events match these filters' : 'No events yet'} />;
  else
    body = (
      <>
        <AuditTable entries={entries.items} />
        <LoadMore hasNextPage={entries.hasNextPage} isFetchingNextPage={entries.isFetchingNextPage} fetchNextPage={entries.fetchNextPage} />
      </>
    );

  return (
    <>
      <PageHeader title="Audit log" description="Everything people, API keys and Adloop itself changed in this organisation, newest first." />
      <Section title="Filters">
        <form key={JSON.stringify(filters)} onSubmit={applyFilters} className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5" aria-label="Audit log filters">
          <TextField label="Action" name="action" defaultValue={filters.action} placeholder="member.*" hint="Exact, or a prefix ending in .*" />
          <SelectField label="Actor type" name="actorType" defaultValue={filters.actorType ?? ''} options={ACTOR_TYPES} />
          <TextField label="Target type" name="targetType" defaultValue={filters.targetType} placeholder="api_key" />
          <TextField label="From" name="from" type="date" defaultValue={filters.from} />
          <TextField label="To" name="to" type="date" defaultValue={filters.to} />
          <div className="flex gap-2 sm:col-span-2 lg:col-span-5">
            <Button type="submit">Apply filters</Button>
            {hasFilters && (
              <Button variant="ghost" onClick={() => void navigate({ search: {} })}>
                Clear filters
              </Button>
            )}
          </div>
        </form>
      </Section>
      <Section title="Events">{body}</Section>
    </>
  );
}

function AuditTable({ entries }: { entries: AuditEntry[] }) {
  const [open, setOpen] = useState<Set<string>>(new Set());
  const toggle = (id: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Audit log events</caption>
        <thead className="text-xs text-gray-500 uppercase">
          <tr>
            <th scope="col" className="py-2 pr-4 font-medium">Time</th>
            <th scope="col" className="py-2 pr-4 font-medium">Actor</th>
            <th scope="col" className="py-2 pr-4 font-medium">Action</th>
            <th scope="col" className="py-2 pr-4 font-medium">Target</th>
            <th scope="col" className="py-2 pr-4 font-medium">IP</th>
            <th scope="col" className="py-2 font-medium"><span className="sr-only">Details</span></th>
          </tr>
        </thead>
        <tbody className="divide-y divide-gray-100">
          {entries.map((entry) => {
            const isOpen = open.has(entry.id);
            const hasChanges = entry.before != null || entry.after != null;
            return (
              <Fragment key={entry.id}>
                <tr>
                  <td className="py-2 pr-4 whitespace-nowrap text-gray-600">{formatDateTime(entry.createdAt)}</td>
                  <td className="py-2 pr-4">
                    <span className="text-gray-900">{entry.actorLabel}</span>
                    <span className="block text-xs text-gray-500">{entry.actorType.replace('_', ' ')}</span>
                  </td>
                  <td className="py-2 pr-4 font-mono text-xs text-gray-900">{entry.action}</td>
                  <td className="py-2 pr-4 text-xs text-gray-600">
                    {entry.targetType ?? '—'}
                    {entry.targetId && <span className="block max-w-40 truncate font-mono" title={entry.targetId}>{entry.targetId}</span>}
                  </td>
                  <td className="py-2 pr-4 text-xs text-gray-600">{entry.ip ?? '—'}</td>
                  <td className="py-2 text-right">
                    {hasChanges && (
                      <Button variant="ghost" aria-expanded={isOpen} aria-controls={`audit-${entry.id}`} onClick={() => toggle(entry.id)} aria-label={`${isOpen ? 'Hide' : 'Show'} changes of ${entry.action}`}>
                        {isOpen ? 'Hide' : 'Changes'}
                      </Button>
                    )}
                  </td>
                </tr>
                {isOpen && (
                  <tr id={`audit-${entry.id}`}>
                    <td colSpan={6} className="bg-gray-50 px-3 py-3">
                      <AuditDiff before={entry.before} after={entry.after} />
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
