import { useMemo, useState, type FormEvent } from 'react';
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
import { AccountPickerList } from './account-picker-list.tsx';
import { accountsLabel, groupAccounts, initialChoice } from './picker-model.ts';

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
  const groups = useMemo(() => groupAccounts(connection.accounts), [connection.accounts]);
  const [initial] = useState(() => initialChoice(connection.accounts));
  const { isFirstPick } = initial;
  const [chosen, setChosen] = useState<Set<string>>(initial.chosen);
  const save = useMutation({
    mutationFn: (accountIds: string[]) => api.put<Connection>(`/orgs/${orgId}/connections/${connection.id}/accounts`, { accountIds }),
    onSuccess: async (updated) => {
      queryClient.setQueryData(keys.connection(orgId, connection.id), updated);
      await queryClient.invalidateQueries({ queryKey: keys.connections(orgId), exact: true });
      onClose();
    },
  });
  const errors = formErrors(save.error, []);

  const toggle = (ids: readonly string[], on: boolean) =>
    setChosen((current) => {
      const next = new Set(current);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    save.mutate([...chosen]);
  };

  const removed = isFirstPick ? 0 : [...initial.chosen].filter((id) => !chosen.has(id)).length;
  const label = isFirstPick ? `Add ${accountsLabel(chosen.size)}` : `Save: ${accountsLabel(chosen.size)}`;

  if (groups.selectable.length === 0) {
    return (
      <div className="space-y-4">
        <p className="text-sm text-gray-600">No ad accounts were shared with Adloop. Disconnect and connect again, ticking the accounts to share on the consent page.</p>
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
      {isFirstPick && chosen.size > 0 && <p className="text-sm text-gray-600">The accounts you ticked on the consent page are ticked here too.</p>}
      <AccountPickerList groups={groups} chosen={chosen} onToggle={toggle} />
      {removed > 0 && (
        <p className="text-sm text-amber-800">
          {accountsLabel(removed)} you untick stop syncing; the numbers already in Adloop stay.
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
