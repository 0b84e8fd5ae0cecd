import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { WebhookDelivery, WebhookEndpoint, WebhookEndpoints, WebhookEndpointWithSecret } from '@adloop/contracts';
import { api } from '../../lib/api.ts';
import { formErrors } from '../../lib/form-errors.ts';
import { canManageOrg } from '../../lib/queries.ts';
import { formatRelative } from '../../lib/format.ts';
import { Alert, FormError } from '../../components/ui/alert.tsx';
import { Badge, Section } from '../../components/ui/card.tsx';
import { Button } from '../../components/ui/button.tsx';
import { TextField } from '../../components/ui/field.tsx';
import { ConfirmDialog } from '../../components/ui/confirm-dialog.tsx';
import { CopyButton } from '../../components/ui/copy-button.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/ui/states.tsx';
import { useCurrentOrg } from '../shell/org-context.ts';
import { PageHeader } from '../settings/settings-layout.tsx';
import { DeliveryLog, deliveriesKey } from './webhook-deliveries.tsx';
import { KindsField } from './webhook-kinds.tsx';

const webhooksKey = (orgId: string) => ['orgs', orgId, 'webhooks'] as const;

/** Settings › Webhooks: endpoints that receive the organisation's events as signed JSON. */
export function WebhooksPage() {
  const { org } = useCurrentOrg();
  return (
    <>
      <PageHeader title="Webhooks" description="Adloop POSTs the events you choose to your endpoints as JSON, signed with the endpoint's secret (the Adloop-Signature header; see docs/webhooks.md for the check). Failed requests are retried with backoff." />
      {canManageOrg(org.role) ? <Endpoints orgId={org.id} /> : <Alert tone="info">Only owners and admins can manage webhooks.</Alert>}
    </>
  );
}

function SecretOnce({ created, onDone }: { created: WebhookEndpointWithSecret; onDone: () => void }) {
  return (
    <div className="space-y-3">
      <Alert tone="warning" title={`Copy the signing secret of ${created.url} now`}>
        This is the only time it is shown. Your endpoint needs it to check that requests come from Adloop.
      </Alert>
      <div className="flex flex-wrap items-end gap-2">
        <div className="min-w-0 flex-1">
          <TextField label="Signing secret" name="secret" readOnly value={created.secret} className="font-mono" onFocus={(event) => event.currentTarget.select()} />
        </div>
        <CopyButton text={created.secret} label="Copy secret" />
        <Button variant="ghost" onClick={onDone}>Done</Button>
      </div>
    </div>
  );
}

function Endpoints({ orgId }: { orgId: string }) {
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: webhooksKey(orgId), queryFn: () => api.get<WebhookEndpoints>(`/orgs/${orgId}/webhooks`), refetchInterval: 5_000 });
  const [kinds, setKinds] = useState<string[]>([]);
  const [shown, setShown] = useState<WebhookEndpointWithSecret | null>(null);
  const create = useMutation({
    mutationFn: (body: { url: string; description: string; kinds: string[] }) => api.post<WebhookEndpointWithSecret>(`/orgs/${orgId}/webhooks`, body),
    onSuccess: (created) => {
      setShown(created);
      void queryClient.invalidateQueries({ queryKey: webhooksKey(orgId) });
    },
  });
  const errors = formErrors(create.error, ['url', 'description', 'kinds']);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    create.mutate({ url: String(data.get('url') ?? ''), description: String(data.get('description') ?? ''), kinds }, {
      onSuccess: () => {
        form.reset();
        setKinds([]);
      },
    });
  };
  return (
    <>
      <Section title="Add an endpoint">
        {shown ? <SecretOnce created={shown} onDone={() => setShown(null)} /> : (
          <form onSubmit={submit} className="space-y-4" noValidate aria-label="Add a webhook endpoint">
            <TextField label="Endpoint URL" name="url" type="url" required placeholder="https://example.com/adloop-events" error={errors.fields.url}
              hint={list.data?.allowsPrivateNetworks ? 'Sandbox mode: local addresses (such as the sandbox webhook receiver) are allowed.' : 'Must be https:// and reachable from the internet.'} />
            <TextField label="Description (optional)" name="description" maxLength={200} error={errors.fields.description} />
            <KindsField value={kinds} onChange={setKinds} error={errors.fields.kinds} />
            <FormError message={errors.form} />
            <Button type="submit" isLoading={create.isPending}>Add endpoint</Button>
          </form>
        )}
      </Section>
      <Section title="Endpoints">
        {list.isPending ? <LoadingState label="Loading endpoints…" />
          : list.isError ? <ErrorState error={list.error} orgId={orgId} onRetry={() => void list.refetch()} />
          : list.data.items.length === 0 ? <EmptyState title="No endpoints yet">Add one above to receive events.</EmptyState>
          : <ul className="space-y-4">{list.data.items.map((e) => <EndpointCard key={e.id} orgId={orgId} endpoint={e} />)}</ul>}
      </Section>
    </>
  );
}

function EndpointCard({ orgId, endpoint }: { orgId: string; endpoint: WebhookEndpoint }) {
  const queryClient = useQueryClient();
  const [deleting, setDeleting] = useState(false);
  const [rotating, setRotating] = useState(false);
  const [rotated, setRotated] = useState<WebhookEndpointWithSecret | null>(null);
  const [showLog, setShowLog] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: webhooksKey(orgId) });
  const toggle = useMutation({ mutationFn: (enabled: boolean) => api.patch<WebhookEndpoint>(`/orgs/${orgId}/webhooks/${endpoint.id}`, { enabled }), onSuccess: refresh });
  const test = useMutation({
    mutationFn: () => api.post<WebhookDelivery>(`/orgs/${orgId}/webhooks/${endpoint.id}/test`),
    onSuccess: () => {
      setShowLog(true);
      void queryClient.invalidateQueries({ queryKey: deliveriesKey(orgId, endpoint.id) });
    },
  });
  const failure = toggle.error ?? test.error;
  return (
    <li className="rounded-lg border border-gray-200 p-4" aria-label={`Endpoint ${endpoint.url}`}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <p className="font-mono text-sm break-all text-gray-900">{endpoint.url}</p>
          {endpoint.description && <p className="text-sm text-gray-600">{endpoint.description}</p>}
          <p className="mt-1 text-xs text-gray-500">
            {endpoint.kinds.length} kinds · secret …{endpoint.secretHint}
            {endpoint.lastDelivery ? ` · last delivery ${endpoint.lastDelivery.state} ${formatRelative(endpoint.lastDelivery.at)}` : ' · nothing sent yet'}
          </p>
        </div>
        {endpoint.enabled ? <Badge tone="green">On</Badge> : <Badge tone="red">Off</Badge>}
      </div>
      {endpoint.disabledReason && <div className="mt-2"><Alert tone="warning" title="Adloop turned this endpoint off">{endpoint.disabledReason}. Fix the endpoint, then turn it on again.</Alert></div>}
      {rotated && <div className="mt-3"><SecretOnce created={rotated} onDone={() => setRotated(null)} /></div>}
      <div className="mt-3 flex flex-wrap gap-2">
        <Button variant="secondary" isLoading={test.isPending} onClick={() => test.mutate()}>Send test event</Button>
        <Button variant="secondary" isLoading={toggle.isPending} onClick={() => toggle.mutate(!endpoint.enabled)}>{endpoint.enabled ? 'Turn off' : 'Turn on'}</Button>
        <Button variant="secondary" aria-expanded={showLog} onClick={() => setShowLog((v) => !v)}>{showLog ? 'Hide delivery log' : 'Delivery log'}</Button>
        <Button variant="secondary" onClick={() => setRotating(true)}>Rotate secret</Button>
        <Button variant="secondary" onClick={() => setDeleting(true)} aria-label={`Delete endpoint ${endpoint.url}`}>Delete</Button>
      </div>
      {test.isSuccess && <p role="status" className="mt-2 text-sm text-green-700">Test event queued.</p>}
      <FormError message={failure ? (failure as Error).message : null} />
      {showLog && <div className="mt-4"><h3 className="mb-2 text-sm font-semibold text-gray-900">Delivery log</h3><DeliveryLog orgId={orgId} endpoint={endpoint} /></div>}
      <ConfirmDialog open={deleting} onOpenChange={setDeleting} title={`Delete the endpoint ${endpoint.url}?`}
        description="Events stop going to it at once and its delivery log is deleted. This cannot be undone." confirmLabel="Delete endpoint"
        onConfirm={async () => { await api.delete(`/orgs/${orgId}/webhooks/${endpoint.id}`); await refresh(); }} />
      <ConfirmDialog open={rotating} onOpenChange={setRotating} tone="danger" title="Rotate the signing secret?"
        description="A new secret signs every request from now on; your endpoint rejects them until it has the new secret." confirmLabel="Rotate secret"
        onConfirm={async () => { setRotated(await api.post<WebhookEndpointWithSecret>(`/orgs/${orgId}/webhooks/${endpoint.id}/rotate-secret`)); await refresh(); }} />
    </li>
  );
}
