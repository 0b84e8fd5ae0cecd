import { useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { PLATFORM_LABELS } from '@adloop/contracts/labels';
import { api } from '../../lib/api.ts';
import { formErrors, type FormErrors } from '../../lib/form-errors.ts';
import { keys } from '../../lib/queries.ts';
import type { AdAccount, ConnectionsOverview, Member } from '../../lib/types.ts';
import { Dialog } from '../../components/ui/dialog.tsx';
import { Button } from '../../components/ui/button.tsx';
import { FormError } from '../../components/ui/alert.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/ui/states.tsx';

const checkbox = 'mt-0.5 size-4 shrink-0 rounded border-gray-300 text-indigo-600 focus:ring-indigo-600';

/**
 * The accounts a member can be given: those added to Adloop (managers run no ads of their own),
 * plus any the member still holds, so an account removed from Adloop can be taken away too.
 */
function assignableAccounts(overview: ConnectionsOverview, held: ReadonlySet<string>): AdAccount[] {
  return overview.connections.flatMap((c) => c.accounts).filter((a) => (a.selected && !a.isManager) || held.has(a.id));
}

/** Chooses the ad accounts a member works on, as a checkbox list saved with one PUT. */
export function MemberAccountsDialog({ orgId, member, onClose }: { orgId: string; member: Member | null; onClose: () => void }) {
  return (
    <Dialog
      open={member !== null}
      onOpenChange={(open) => !open && onClose()}
      title={`Ad accounts of ${member?.name || member?.email || ''}`}
      description="A member sees and works on these accounts only: their campaigns, numbers and changes. Nothing of the others shows anywhere."
    >
      {member && <AccountsForm key={member.userId} orgId={orgId} member={member} onClose={onClose} />}
    </Dialog>
  );
}

function AccountsForm({ orgId, member, onClose }: { orgId: string; member: Member; onClose: () => void }) {
  const queryClient = useQueryClient();
  const overview = useQuery({ queryKey: keys.connections(orgId), queryFn: () => api.get<ConnectionsOverview>(`/orgs/${orgId}/connections`) });
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set(member.adAccountIds ?? []));
  const [isBusy, setBusy] = useState(false);
  const [error, setError] = useState<FormErrors | null>(null);

  if (overview.isPending) return <LoadingState label="Loading ad accounts…" />;
  if (overview.isError) return <ErrorState error={overview.error} orgId={orgId} onRetry={() => void overview.refetch()} />;
  const accounts = assignableAccounts(overview.data, new Set(member.adAccountIds ?? []));
  if (accounts.length === 0) {
    return (
      <EmptyState
        title="No ad accounts to assign yet"
        action={
          <Link to="/orgs/$orgId/connections" params={{ orgId }} className="text-sm font-medium text-indigo-700 hover:underline">
            Go to Connections
          </Link>
        }
      >
        Connect an ad platform and add its accounts to Adloop first.
      </EmptyState>
    );
  }

  const toggle = (id: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(id);
    else next.delete(id);
    setChosen(next);
  };
  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.put(`/orgs/${orgId}/members/${member.userId}/ad-accounts`, { adAccountIds: [...chosen] });
      await queryClient.invalidateQueries({ queryKey: keys.members(orgId) });
      onClose();
    } catch (failure) {
      setError(formErrors(failure, []));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={save} className="space-y-4">
      <FormError message={error?.form} />
      <fieldset>
        <legend className="sr-only">Ad accounts</legend>
        <ul className="divide-y divide-gray-100 rounded-md ring-1 ring-gray-200">
          {accounts.map((account) => (
            <li key={account.id}>
              <label className="flex cursor-pointer items-start gap-3 px-3 py-2.5">
                <input type="checkbox" className={checkbox} checked={chosen.has(account.id)} onChange={(event) => toggle(account.id, event.currentTarget.checked)} />
                <span className="min-w-0 text-sm">
                  <span className="block font-medium text-gray-900">{account.name}</span>
                  <span className="block text-xs text-gray-500">
                    {PLATFORM_LABELS[account.platform]} · <span className="font-mono">{account.platformAccountId}</span>
                    {!account.selected && ' · no longer added to Adloop'}
                  </span>
                </span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <div className="flex items-center justify-between gap-2">
        <p className="text-xs text-gray-500" aria-live="polite">
          {chosen.size} of {accounts.length} chosen
        </p>
        <div className="flex gap-2">
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" isLoading={isBusy}>
            Save ad accounts
          </Button>
        </div>
      </div>
    </form>
  );
}
