import { useState, type FormEvent } from 'react';
import { useParams } from '@tanstack/react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button } from '../../components/ui/button.tsx';
import { Alert, FormError } from '../../components/ui/alert.tsx';
import { Badge, Section } from '../../components/ui/card.tsx';
import { SelectField, TextField } from '../../components/ui/field.tsx';
import { LoadingState } from '../../components/ui/states.tsx';
import { isApiError } from '../../lib/api.ts';
import { opsApi, type TenantDetailDto } from './ops-api.ts';
import { useOpsSession } from './ops-session.ts';

const money = (micros: number) => `$${(micros / 1_000_000).toFixed(2)}`;
const bytes = (n: number) => (n >= 1_048_576 ? `${(n / 1_048_576).toFixed(1)} MB` : `${Math.ceil(n / 1024)} kB`);
const errorText = (error: unknown) => (error ? (isApiError(error) ? error.message : 'Something went wrong') : null);

/** A tenant: who they are, what they use, and the actions the operator's role allows. */
export function TenantPage() {
  const { orgId } = useParams({ from: '/ops/tenants/$orgId' });
  const tenant = useQuery({ queryKey: ['ops', 'tenant', orgId], queryFn: () => opsApi.tenant(orgId) });
  if (tenant.isPending) return <LoadingState />;
  if (tenant.isError) return <Alert tone="error">{errorText(tenant.error)}</Alert>;
  return <TenantView tenant={tenant.data} />;
}

function TenantView({ tenant }: { tenant: TenantDetailDto }) {
  const { areas } = useOpsSession();
  return (
    <div className="space-y-6">
      <h1 className="flex items-center gap-3 text-xl font-semibold">
        {tenant.name} {tenant.suspension && <Badge tone="red">Suspended</Badge>}
      </h1>
      {tenant.suspension && <Alert tone="warning" title="Suspended">{tenant.suspension.reason} (by {tenant.suspension.suspendedBy})</Alert>}
      <Section title="Usage" level={2}>
        <dl className="grid grid-cols-2 gap-x-6 gap-y-1 text-sm sm:grid-cols-4">
          <dt>Plan</dt><dd>{tenant.plan.name ?? 'none'} ({tenant.subscription.status ?? 'no subscription'})</dd>
          <dt>Ad accounts</dt><dd>{tenant.usage.adAccounts}</dd>
          <dt>Campaigns</dt><dd>{tenant.usage.campaigns}</dd>
          <dt>Users</dt><dd>{tenant.usage.users}</dd>
          <dt>Rules</dt><dd>{tenant.usage.rules}</dd>
          <dt>AI this month</dt><dd>{tenant.ai.calls} calls, {money(tenant.ai.costMicros)}</dd>
          <dt>API keys</dt><dd>{tenant.api.keys}{tenant.api.lastUsedAt ? `, last used ${new Date(tenant.api.lastUsedAt).toLocaleString()}` : ''}</dd>
          <dt>Storage (rough)</dt><dd>{bytes(tenant.storageBytes)}</dd>
        </dl>
        <ul className="mt-3 text-sm text-gray-700">{tenant.members.map((m) => <li key={m.email}>{m.email} · {m.role}</li>)}</ul>
      </Section>
      {areas.includes('impersonate') && <ImpersonateForm orgId={tenant.id} canWrite={areas.includes('tenants:manage')} />}
      {areas.includes('tenants:manage') && <ManageTenant tenant={tenant} />}
    </div>
  );
}

function ImpersonateForm({ orgId, canWrite }: { orgId: string; canWrite: boolean }) {
  const start = useMutation({
    mutationFn: (body: { reason: string; mode: 'read_only' | 'read_write' }) => opsApi.impersonate(orgId, body),
    onSuccess: () => window.location.assign(`/orgs/${orgId}/dashboard`),
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    start.mutate({ reason: String(form.get('reason')), mode: form.get('mode') === 'read_write' ? 'read_write' : 'read_only' });
  };
  return (
    <Section title="Look at the tenant’s app" level={2} description="Opens their app as the owner for up to an hour; they see it in their audit log.">
      <form onSubmit={submit} className="flex flex-wrap items-end gap-2">
        <TextField label="Reason (the ticket)" name="reason" required minLength={3} />
        {canWrite && <SelectField label="Mode" name="mode" options={[{ value: 'read_only', label: 'Read-only' }, { value: 'read_write', label: 'Read and write' }]} />}
        <Button type="submit" isLoading={start.isPending}>Impersonate</Button>
      </form>
      <FormError message={errorText(start.error)} />
    </Section>
  );
}

function ManageTenant({ tenant }: { tenant: TenantDetailDto }) {
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['ops'] });
  const act = useMutation({
    mutationFn: async (action: 'suspend' | 'unsuspend' | 'delete'): Promise<void> => {
      if (action === 'suspend') await opsApi.suspend(tenant.id, reason);
      else if (action === 'unsuspend') await opsApi.unsuspend(tenant.id, reason);
      else await opsApi.requestDeletion(tenant.id, reason);
    },
    onSuccess: () => { setReason(''); void refresh(); },
  });
  return (
    <Section title="Suspend or delete" level={2}>
      <div className="flex flex-wrap items-end gap-2">
        <TextField label="Reason" name="reason" value={reason} onChange={(e) => setReason(e.target.value)} />
        {tenant.suspension ? (
          <Button onClick={() => act.mutate('unsuspend')}>Unsuspend</Button>
        ) : (
          <Button variant="danger" onClick={() => act.mutate('suspend')}>Suspend</Button>
        )}
        {!tenant.deletion && <Button variant="danger" onClick={() => act.mutate('delete')}>Ask to delete</Button>}
      </div>
      {tenant.deletion && (
        <p className="mt-2 text-sm">
          Deletion {tenant.deletion.state}: asked by {tenant.deletion.requestedByEmail} ({tenant.deletion.reason})
          {tenant.deletion.state === 'pending' ? '. Another operator must approve it.' : `. ${tenant.deletion.outcome ?? ''}`}
        </p>
      )}
      <FormError message={errorText(act.error)} />
    </Section>
  );
}
