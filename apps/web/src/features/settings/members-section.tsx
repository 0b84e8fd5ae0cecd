import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { api } from '../../lib/api.ts';
import { canManageOrg, keys, meQuery } from '../../lib/queries.ts';
import { usePaged } from '../../lib/use-paged.ts';
import { formatDateTime, roleLabel } from '../../lib/format.ts';
import type { Member } from '../../lib/types.ts';
import { Badge, Section } from '../../components/ui/card.tsx';
import { Button } from '../../components/ui/button.tsx';
import { SelectField } from '../../components/ui/field.tsx';
import { ConfirmDialog } from '../../components/ui/confirm-dialog.tsx';
import { LoadMore } from '../../components/ui/load-more.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/ui/states.tsx';
import { useCurrentOrg } from '../shell/org-context.ts';
import { assignableRoles, canAssignAccounts } from './roles.ts';
import { RoleGuide } from './role-guide.tsx';
import { MemberAccountsDialog } from './member-accounts-dialog.tsx';

type Pending = { kind: 'role' | 'remove' | 'leave'; member: Member };

/** "2 ad accounts" for a member; nothing for roles that see every account. */
function accountsLabel(member: Member): string | null {
  if (member.adAccountIds === null) return null;
  const count = member.adAccountIds.length;
  return count === 0 ? 'No ad accounts' : `${count} ad account${count === 1 ? '' : 's'}`;
}

export function MembersSection() {
  const { me, org } = useCurrentOrg();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const members = usePaged<Member>(keys.members(org.id), `/orgs/${org.id}/members`);
  const [pending, setPending] = useState<Pending | null>(null);
  const [assigning, setAssigning] = useState<Member | null>(null);
  const canManage = canManageOrg(org.role);

  const refresh = () => queryClient.invalidateQueries({ queryKey: keys.members(org.id) });
  const changeRole = async (form: HTMLFormElement) => {
    if (!pending) return;
    const role = new FormData(form).get('role');
    await api.patch(`/orgs/${org.id}/members/${pending.member.userId}`, { role });
    await Promise.all([refresh(), queryClient.invalidateQueries({ queryKey: keys.me })]);
  };
  const remove = async () => {
    if (!pending) return;
    await api.delete(`/orgs/${org.id}/members/${pending.member.userId}`);
    if (pending.kind === 'leave') {
      await queryClient.fetchQuery({ ...meQuery, staleTime: 0 });
      void navigate({ to: '/' });
      return;
    }
    await refresh();
  };

  let body: React.ReactNode;
  if (members.isPending) body = <LoadingState label="Loading members…" />;
  else if (members.isError) body = <ErrorState error={members.error} orgId={org.id} onRetry={() => void members.refetch()} />;
  else if (members.items.length === 0) body = <EmptyState title="No members" />;
  else
    body = (
      <>
        <ul className="divide-y divide-gray-100" aria-label="Members">
          {members.items.map((member) => {
            const isSelf = member.userId === me.user.id;
            const canChange = canManage && !isSelf && (member.role !== 'owner' || org.role === 'owner');
            const accounts = accountsLabel(member);
            return (
              <li key={member.userId} className="flex flex-wrap items-center justify-between gap-3 py-3">
                <div className="min-w-0">
                  <p className="flex flex-wrap items-center gap-2 text-sm font-medium text-gray-900">
                    {member.name || member.email}
                    {isSelf && <Badge tone="indigo">You</Badge>}
                    <Badge>{roleLabel(member.role)}</Badge>
                    {member.mfaEnabled && <Badge tone="green">2FA</Badge>}
                    {accounts && <Badge tone={member.adAccountIds?.length ? 'gray' : 'amber'}>{accounts}</Badge>}
                  </p>
                  <p className="text-xs text-gray-500">
                    {member.email} · joined {formatDateTime(member.joinedAt)}
                  </p>
                </div>
                <div className="flex flex-wrap gap-2">
                  {member.role === 'member' && canAssignAccounts(org.role) && (
                    <Button variant="secondary" onClick={() => setAssigning(member)} aria-label={`Ad accounts of ${member.email}`}>
                      Ad accounts
                    </Button>
                  )}
                  {canChange && (
                    <>
                      <Button variant="secondary" onClick={() => setPending({ kind: 'role', member })} aria-label={`Change role of ${member.email}`}>
                        Change role
                      </Button>
                      <Button variant="secondary" onClick={() => setPending({ kind: 'remove', member })} aria-label={`Remove ${member.email}`}>
                        Remove
                      </Button>
                    </>
                  )}
                  {isSelf && (
                    <Button variant="secondary" onClick={() => setPending({ kind: 'leave', member })}>
                      Leave organisation
                    </Button>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
        <LoadMore hasNextPage={members.hasNextPage} isFetchingNextPage={members.isFetchingNextPage} fetchNextPage={members.fetchNextPage} />
      </>
    );

  const target = pending?.member;
  return (
    <Section title="Team members">
      {body}
      <ConfirmDialog
        open={pending?.kind === 'role'}
        onOpenChange={(open) => !open && setPending(null)}
        title={`Change the role of ${target?.name || target?.email}`}
        description="Leaving the member role also clears the ad accounts assigned to them."
        confirmLabel="Change role"
        tone="primary"
        onConfirm={changeRole}
        fieldNames={['role']}
      >
        {(errors) => (
          <>
            <SelectField
              label="New role"
              name="role"
              defaultValue={target?.role}
              error={errors.role}
              options={assignableRoles(org.role).map((role) => ({ value: role, label: roleLabel(role) }))}
            />
            <RoleGuide roles={assignableRoles(org.role)} />
          </>
        )}
      </ConfirmDialog>
      <ConfirmDialog
        open={pending?.kind === 'remove'}
        onOpenChange={(open) => !open && setPending(null)}
        title={`Remove ${target?.name || target?.email}?`}
        description="They lose access to this organisation at once. You can invite them again later."
        confirmLabel="Remove member"
        onConfirm={remove}
      />
      <ConfirmDialog
        open={pending?.kind === 'leave'}
        onOpenChange={(open) => !open && setPending(null)}
        title={`Leave ${org.name}?`}
        description="You lose access at once. Someone will have to invite you again to come back."
        confirmLabel="Leave organisation"
        onConfirm={remove}
      />
      <MemberAccountsDialog orgId={org.id} member={assigning} onClose={() => setAssigning(null)} />
    </Section>
  );
}
