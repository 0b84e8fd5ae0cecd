import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button } from '../../components/ui/button.tsx';
import { FormError } from '../../components/ui/alert.tsx';
import { Section } from '../../components/ui/card.tsx';
import { TextField } from '../../components/ui/field.tsx';
import { isApiError } from '../../lib/api.ts';
import { opsApi, type OperatorAccountDto } from './ops-api.ts';
import { useOpsSession } from './ops-session.ts';

const ROLE_LABELS: Record<string, string> = { platform_admin: 'Platform Admin', support: 'Support', finance: 'Finance', on_call: 'On-Call' };

/** Platform Admin: the operator accounts, and disabling another one (they cannot sign in, their sessions end). */
export function OperatorsPage() {
  const operators = useQuery({ queryKey: ['ops', 'operators'], queryFn: opsApi.operators });
  return (
    <Section title="Operators" level={2} description="Accounts are created with `adloop operators add`. A disabled operator cannot sign in; their open sessions end at once.">
      <table className="w-full text-left text-sm">
        <thead><tr><th>Email</th><th>Role</th><th>Created</th><th>State</th><th /></tr></thead>
        <tbody>
          {operators.data?.items.map((operator) => <OperatorRow key={operator.id} operator={operator} />)}
        </tbody>
      </table>
    </Section>
  );
}

function OperatorRow({ operator }: { operator: OperatorAccountDto }) {
  const session = useOpsSession();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [isAsking, setAsking] = useState(false);
  const disable = useMutation({
    mutationFn: () => opsApi.disableOperator(operator.id, reason),
    onSuccess: () => setAsking(false),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['ops', 'operators'] }),
  });
  const state = operator.disabledAt ? `Disabled ${new Date(operator.disabledAt).toLocaleDateString()}` : operator.passwordChangeRequired ? 'Not signed in yet' : 'Active';
  return (
    <tr className="align-top">
      <td>{operator.email}</td>
      <td>{ROLE_LABELS[operator.role] ?? operator.role}</td>
      <td>{new Date(operator.createdAt).toLocaleDateString()}</td>
      <td>{state}</td>
      <td>
        {!operator.disabledAt && operator.id !== session.operator.id && !isAsking && (
          <Button variant="secondary" onClick={() => setAsking(true)}>Disable</Button>
        )}
        {isAsking && (
          <form className="space-y-2" onSubmit={(event) => { event.preventDefault(); disable.mutate(); }}>
            <TextField label={`Reason for disabling ${operator.email}`} name="reason" value={reason} onChange={(event) => setReason(event.target.value)} required minLength={3} />
            <div className="flex gap-2">
              <Button type="submit" variant="danger" isLoading={disable.isPending}>Disable {operator.email}</Button>
              <Button variant="secondary" onClick={() => setAsking(false)}>Cancel</Button>
            </div>
            <FormError message={disable.error ? (isApiError(disable.error) ? disable.error.message : 'Could not disable the operator') : null} />
          </form>
        )}
      </td>
    </tr>
  );
}
