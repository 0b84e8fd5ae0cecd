import { useState, type FormEvent } from 'react';
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
import { DataTable, type DataColumn } from '../../components/ui/data-table.tsx';
import { ACTION_FILTERS, ACTOR_LABELS, actionText, TARGET_LABELS, targetText } from './audit-labels.ts';
import { ActorLabel } from '../approvals/actor-label.tsx';

const ACTOR_TYPES = [{ value: '', label: 'Anyone' }, ...Object.entries(ACTOR_LABELS).map(([value, label]) => ({ value, label }))];
const TARGET_TYPES = [{ value: '', label: 'Anything' }, ...Object.entries(TARGET_LABELS).map(([value, label]) => ({ value, label }))];
/** The filter's current value stays choosable even when it is not one of the listed ones (typed into the URL). */
const withCurrent = (options: { value: string; label: string }[], current: string | undefined) => (current && !options.some((o) => o.value === current) ? [...options, { value: current, label: current }] : options);

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
    <div className="space-y-6" data-full-width>
      <PageHeader title="Audit log" description="Everything people, API keys and Adloop itself changed in this organisation, newest first." />
      <Section title="Filters">
        <form key={JSON.stringify(filters)} onSubmit={applyFilters} className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5" aria-label="Audit log filters">
          <SelectField label="Action" name="action" defaultValue={filters.action ?? ''} options={withCurrent([...ACTION_FILTERS], filters.action)} />
          <SelectField label="Who" name="actorType" defaultValue={filters.actorType ?? ''} options={ACTOR_TYPES} />
          <SelectField label="On" name="targetType" defaultValue={filters.targetType ?? ''} options={withCurrent(TARGET_TYPES, filters.targetType)} />
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
    </div>
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
  const columns: DataColumn<AuditEntry>[] = [
    { id: 'time', size: 170, header: 'Time', cell: ({ row }) => <span className="whitespace-nowrap text-gray-600">{formatDateTime(row.original.createdAt)}</span> },
    {
      id: 'actor',
      size: 220,
      header: 'Who',
      cell: ({ row }) => (
        <span className="block break-words">
          <ActorLabel type={row.original.actorType} label={row.original.actorLabel} className="text-gray-900" />
        </span>
      ),
    },
    { id: 'action', size: 240, header: 'What', meta: { isRowHeader: true, className: 'font-normal' }, cell: ({ row }) => <span className="block break-words text-gray-900" title={row.original.action}>{actionText(row.original)}</span> },
    { id: 'target', size: 260, header: 'On', cell: ({ row }) => <span className="block break-words text-gray-600">{targetText(row.original)}</span> },
    { id: 'ip', size: 130, header: 'IP address', cell: ({ row }) => <span className="text-xs break-all text-gray-600">{row.original.ip ?? '—'}</span> },
    {
      id: 'details',
      size: 110,
      enableResizing: false,
      meta: { align: 'right' },
      header: () => <span className="sr-only">Details</span>,
      cell: ({ row }) => {
        const entry = row.original;
        const isOpen = open.has(entry.id);
        if (entry.before == null && entry.after == null) return null;
        return (
          <Button variant="ghost" aria-expanded={isOpen} aria-controls={`audit-${entry.id}`} onClick={() => toggle(entry.id)} aria-label={`${isOpen ? 'Hide' : 'Show'} the changes of “${actionText(entry)}”`}>
            {isOpen ? 'Hide' : 'Changes'}
          </Button>
        );
      },
    },
  ];
  return (
    <DataTable
      rows={entries}
      columns={columns}
      getRowId={(entry) => entry.id}
      caption="Audit log events"
      pinEnd={['details']}
      renderExpanded={(entry) =>
        open.has(entry.id) ? (
          <div id={`audit-${entry.id}`}>
            <AuditDiff before={entry.before} after={entry.after} />
          </div>
        ) : null
      }
    />
  );
}
