import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';
import { formErrors } from '../../lib/form-errors.ts';
import { keys } from '../../lib/queries.ts';
import type { Connection } from '../../lib/types.ts';
import { Dialog } from '../../components/ui/dialog.tsx';
import { Button } from '../../components/ui/button.tsx';
import { FormError } from '../../components/ui/alert.tsx';
import { ErrorState, LoadingState } from '../../components/ui/states.tsx';
import { PLATFORM_NAMES } from './health.tsx';

const plural = (n: number) => `${n} account${n === 1 ? '' : 's'}`;

/** Which of a connection's granted accounts Adloop mirrors: opened by `?pick=<connectionId>`. */
export function AccountPickerDialog({ orgId, connectionId, onClose }: { orgId: string; connectionId: string; onClose: () => void }) {
  const connection = useQuery({
    queryKey: keys.connection(orgId, connectionId),
    queryFn: () => api.get<Connection>(`/orgs/${orgId}/connections/${connectionId}`),
    staleTime: 0,
  });
  const platform = connection.data ? PLATFORM_NAMES[connection.data.platform] : 'The platform';
  return (
    <Dialog
      open
      onOpenChange={(open) => !open && onClose()}
      title="Choose the accounts to add"
      description={`${platform} gave Adloop access to these accounts. Adloop mirrors and syncs the ones you add; you can change this later with “Manage accounts”.`}
    >
      {connection.isPending ? (
        <LoadingState label="Loading the accounts…" />
      ) : connection.isError ? (
        <div className="space-y-4">
          <ErrorState error={connection.error} orgId={orgId} onRetry={() => void connection.refetch()} />
          <div className="flex justify-end">
            <Button variant="secondary" onClick={onClose}>
              Close
            </Button>
          </div>
        </div>
      ) : (
        <PickerForm orgId={orgId} connection={connection.data} onClose={onClose} />
      )}
    </Dialog>
  );
}

function PickerForm({ orgId, connection, onClose }: { orgId: string; connection: Connection; onClose: () => void }) {
  const queryClient = useQueryClient();
  const alreadySelected = connection.accounts.filter((a) => a.selected && !a.isManager).map((a) => a.id);
  const isFirstPick = alreadySelected.length === 0;
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(alreadySelected));
  const save = useMutation({
    mutationFn: (accountIds: string[]) => api.put<Connection>(`/orgs/${orgId}/connections/${connection.id}/accounts`, { accountIds }),
    onSuccess: async (updated) => {
      queryClient.setQueryData(keys.connection(orgId, connection.id), updated);
      await queryClient.invalidateQueries({ queryKey: keys.connections(orgId), exact: true });
      onClose();
    },
  });
  const errors = formErrors(save.error, []);

  const toggle = (id: string, on: boolean) =>
    setChosen((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    save.mutate([...chosen]);
  };

  const removed = alreadySelected.filter((id) => !chosen.has(id)).length;
  const label = isFirstPick ? `Add ${plural(chosen.size)}` : `Save: ${plural(chosen.size)}`;

  if (connection.accounts.length === 0) {
    return (
      <div className="space-y-4">
        <p className="text-sm text-gray-600">No accounts were shared with Adloop. Disconnect and connect again, ticking the accounts to share on the consent page.</p>
        <div className="flex justify-end">
          <Button variant="secondary" onClick={onClose}>
            Close
          </Button>
        </div>
      </div>
    );
  }

  return (
    <form onSubmit={submit} className="space-y-4">
      <FormError message={errors.form} />
      <fieldset>
        <legend className="sr-only">Accounts</legend>
        <ul className="divide-y divide-gray-100 rounded-md ring-1 ring-gray-200">
          {connection.accounts.map((account) => {
            const id = `pick-${account.id}`;
            return (
              <li key={account.id} className="flex items-start gap-3 px-3 py-2.5">
                <input
                  id={id}
                  type="checkbox"
                  className="mt-0.5 size-4 rounded border-gray-300 text-indigo-600 focus:ring-indigo-600 disabled:opacity-50"
                  checked={chosen.has(account.id)}
                  disabled={account.isManager}
                  onChange={(event) => toggle(account.id, event.currentTarget.checked)}
                  aria-describedby={`${id}-detail`}
                />
                <div className="min-w-0 text-sm">
                  <label htmlFor={id} className={`font-medium ${account.isManager ? 'text-gray-500' : 'text-gray-900'}`}>
                    {account.name}
                  </label>
                  <p id={`${id}-detail`} className="text-xs text-gray-500">
                    {account.isManager ? (
                      <>Manager account: it has no numbers of its own. Add its client accounts instead.</>
                    ) : (
                      <>
                        <span className="font-mono">{account.platformAccountId}</span> · {account.currency} · {account.timeZone}
                        {account.status !== 'active' && ` · ${account.status}`}
                      </>
                    )}
                  </p>
                </div>
              </li>
            );
          })}
        </ul>
      </fieldset>
      {removed > 0 && (
        <p className="text-sm text-amber-800">
          {plural(removed)} you untick stop syncing; the numbers already in Adloop stay.
        </p>
      )}
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onClose}>
          {isFirstPick ? 'Not now' : 'Cancel'}
        </Button>
        <Button type="submit" isLoading={save.isPending} disabled={isFirstPick && chosen.size === 0}>
          {label}
        </Button>
      </div>
    </form>
  );
}
