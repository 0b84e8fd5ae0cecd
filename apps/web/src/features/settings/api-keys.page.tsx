import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';
import { formErrors, readForm } from '../../lib/form-errors.ts';
import { canManageOrg, keys } from '../../lib/queries.ts';
import { usePaged } from '../../lib/use-paged.ts';
import { formatDateTime, formatRelative } from '../../lib/format.ts';
import type { ApiKey, CreatedApiKey } from '../../lib/types.ts';
import { Alert, FormError } from '../../components/ui/alert.tsx';
import { Badge, Section } from '../../components/ui/card.tsx';
import { Button } from '../../components/ui/button.tsx';
import { SelectField, TextField } from '../../components/ui/field.tsx';
import { ConfirmDialog } from '../../components/ui/confirm-dialog.tsx';
import { CopyButton } from '../../components/ui/copy-button.tsx';
import { LoadMore } from '../../components/ui/load-more.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/ui/states.tsx';
import { useCurrentOrg } from '../shell/org-context.ts';
import { PageHeader } from './settings-layout.tsx';

const SCOPES = [
  { value: 'read', label: 'Read only' },
  { value: 'read_write', label: 'Read and write' },
];
const scopeLabel = (scope: string) => SCOPES.find((s) => s.value === scope)?.label ?? scope;

export function ApiKeysPage() {
  const { org } = useCurrentOrg();
  return (
    <>
      <PageHeader title="API keys" description="Keys let scripts and other tools use the Adloop API for this organisation: send them as Authorization: Bearer <key>." />
      {canManageOrg(org.role) ? (
        <>
          <CreateKeySection />
          <KeyListSection />
        </>
      ) : (
        <Alert tone="info">Only owners and admins can manage API keys.</Alert>
      )}
    </>
  );
}

function CreateKeySection() {
  const { org } = useCurrentOrg();
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: (body: { name: string; scope: string }) => api.post<CreatedApiKey>(`/orgs/${org.id}/api-keys`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.apiKeys(org.id) }),
  });
  const errors = formErrors(create.error, ['name', 'scope']);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const values = readForm(form);
    create.mutate({ name: values.name ?? '', scope: values.scope ?? 'read' }, { onSuccess: () => form.reset() });
  };

  return (
    <Section title="Create an API key">
      {create.data && (
        <div className="mb-5 space-y-3">
          <Alert tone="warning" title={`Copy the secret of “${create.data.apiKey.name}” now`}>
            This is the only time it is shown. Store it in a password manager or your deployment&apos;s secrets; anyone holding it can use the API as this organisation.
          </Alert>
          <div className="flex flex-wrap items-end gap-2">
            <div className="min-w-0 flex-1">
              <TextField label="New API key secret" name="secret" readOnly value={create.data.secret} className="font-mono" onFocus={(event) => event.currentTarget.select()} />
            </div>
            <CopyButton text={create.data.secret} label="Copy secret" />
            <Button variant="ghost" onClick={() => create.reset()}>
              Done
            </Button>
          </div>
        </div>
      )}
      <form onSubmit={submit} className="grid items-start gap-3 sm:grid-cols-[1fr_12rem_auto]" noValidate>
        <TextField label="Key name" name="name" required placeholder="e.g. Reporting script" error={errors.fields.name} />
        <SelectField label="Scope" name="scope" defaultValue="read" options={SCOPES} error={errors.fields.scope} />
        <Button type="submit" className="sm:mt-6" isLoading={create.isPending}>
          Create key
        </Button>
      </form>
      <div className="mt-3">
        <FormError message={errors.form} />
      </div>
    </Section>
  );
}

function KeyListSection() {
  const { org } = useCurrentOrg();
  const queryClient = useQueryClient();
  const apiKeys = usePaged<ApiKey>(keys.apiKeys(org.id), `/orgs/${org.id}/api-keys`);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const revoke = async () => {
    if (!revoking) return;
    await api.delete(`/orgs/${org.id}/api-keys/${revoking.id}`);
    await queryClient.invalidateQueries({ queryKey: keys.apiKeys(org.id) });
  };

  let body: React.ReactNode;
  if (apiKeys.isPending) body = <LoadingState label="Loading API keys…" />;
  else if (apiKeys.isError) body = <ErrorState error={apiKeys.error} orgId={org.id} onRetry={() => void apiKeys.refetch()} />;
  else if (apiKeys.items.length === 0) body = <EmptyState title="No API keys yet">Create one above to use the API from a script.</EmptyState>;
  else
    body = (
      <>
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Active API keys</caption>
            <thead className="text-xs text-gray-500 uppercase">
              <tr>
                <th scope="col" className="py-2 pr-4 font-medium">Name</th>
                <th scope="col" className="py-2 pr-4 font-medium">Key</th>
                <th scope="col" className="py-2 pr-4 font-medium">Scope</th>
                <th scope="col" className="py-2 pr-4 font-medium">Created</th>
                <th scope="col" className="py-2 pr-4 font-medium">Last used</th>
                <th scope="col" className="py-2 font-medium"><span className="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-gray-100">
              {apiKeys.items.map((key) => (
                <tr key={key.id}>
                  <td className="py-3 pr-4 font-medium text-gray-900">{key.name}</td>
                  <td className="py-3 pr-4 font-mono text-xs text-gray-600">{key.prefix}…</td>
                  <td className="py-3 pr-4"><Badge tone={key.scope === 'read_write' ? 'amber' : 'gray'}>{scopeLabel(key.scope)}</Badge></td>
                  <td className="py-3 pr-4 text-gray-600">{formatDateTime(key.createdAt)}</td>
                  <td className="py-3 pr-4 text-gray-600">{key.lastUsedAt ? formatRelative(key.lastUsedAt) : 'Never'}</td>
                  <td className="py-3 text-right">
                    <Button variant="secondary" onClick={() => setRevoking(key)} aria-label={`Revoke API key ${key.name}`}>
                      Revoke
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <LoadMore hasNextPage={apiKeys.hasNextPage} isFetchingNextPage={apiKeys.isFetchingNextPage} fetchNextPage={apiKeys.fetchNextPage} />
      </>
    );

  return (
    <Section title="Active keys">
      {body}
      <ConfirmDialog
        open={revoking !== null}
        onOpenChange={(open) => !open && setRevoking(null)}
        title={`Revoke “${revoking?.name ?? ''}”?`}
        description="Anything using this key stops working at once. This cannot be undone."
        confirmLabel="Revoke key"
        onConfirm={revoke}
      />
    </Section>
  );
}
