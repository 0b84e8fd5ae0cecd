import { useState, type FormEvent } from 'react';
import { Link } from '@tanstack/react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button } from '../../components/ui/button.tsx';
import { FormError } from '../../components/ui/alert.tsx';
import { Badge, Section } from '../../components/ui/card.tsx';
import { TextField } from '../../components/ui/field.tsx';
import { isApiError } from '../../lib/api.ts';
import { opsApi } from './ops-api.ts';
import { useOpsSession } from './ops-session.ts';

/** Find a tenant by member email, organisation name or id; admins also see deletion requests. */
export function TenantsPage() {
  const { areas } = useOpsSession();
  const [q, setQ] = useState('');
  const results = useQuery({ queryKey: ['ops', 'tenants', q], queryFn: () => opsApi.searchTenants(q), enabled: q.length > 0 && areas.includes('tenants:read') });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setQ(String(new FormData(event.currentTarget).get('q') ?? '').trim());
  };
  if (!areas.includes('tenants:read')) return <p>Your role does not include tenants. Use the pages in the header.</p>;
  return (
    <div className="space-y-6">
      <Section title="Find a tenant" level={2}>
        <form onSubmit={submit} role="search" className="flex items-end gap-2">
          <TextField label="Email, organisation name or id" name="q" className="min-w-80" />
          <Button type="submit">Search</Button>
        </form>
        {results.data && (
          <ul className="mt-4 divide-y divide-gray-200" aria-label="Tenants found">
            {results.data.items.length === 0 && <li className="py-2 text-sm text-gray-600">No tenant matches.</li>}
            {results.data.items.map((tenant) => (
              <li key={tenant.id} className="flex items-center gap-3 py-2 text-sm">
                <Link to="/ops/tenants/$orgId" params={{ orgId: tenant.id }} className="font-medium text-indigo-700 underline">{tenant.name}</Link>
                <span className="text-gray-600">{tenant.ownerEmail ?? 'no owner'}</span>
                {tenant.suspended && <Badge tone="red">Suspended</Badge>}
              </li>
            ))}
          </ul>
        )}
      </Section>
      {areas.includes('tenants:manage') && <DeletionRequests />}
    </div>
  );
}

function DeletionRequests() {
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: ['ops', 'deletions'], queryFn: opsApi.deletionRequests });
  const decide = useMutation({
    mutationFn: ({ id, approve }: { id: string; approve: boolean }) => (approve ? opsApi.approveDeletion(id) : opsApi.cancelDeletion(id)),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['ops'] }),
  });
  const pending = list.data?.items.filter((r) => r.state === 'pending') ?? [];
  return (
    <Section title="Deletion requests waiting for a second operator" level={2}>
      {pending.length === 0 ? (
        <p className="text-sm text-gray-600">None waiting.</p>
      ) : (
        <ul className="divide-y divide-gray-200">
          {pending.map((r) => (
            <li key={r.id} className="flex flex-wrap items-center gap-3 py-2 text-sm">
              <span className="font-medium">{r.orgName}</span>
              <span className="text-gray-600">asked by {r.requestedByEmail}: {r.reason}</span>
              <Button onClick={() => decide.mutate({ id: r.id, approve: true })}>Approve deletion</Button>
              <Button variant="secondary" onClick={() => decide.mutate({ id: r.id, approve: false })}>Cancel</Button>
            </li>
          ))}
        </ul>
      )}
      <FormError message={decide.error ? (isApiError(decide.error) ? decide.error.message : 'Could not decide') : null} />
    </Section>
  );
}
