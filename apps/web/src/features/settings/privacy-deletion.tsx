import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DeletionStatus } from '@adloop/contracts';
import { api } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { formErrors } from '../../lib/form-errors.ts';
import { Alert, FormError } from '../../components/ui/alert.tsx';
import { Button } from '../../components/ui/button.tsx';
import { Section } from '../../components/ui/card.tsx';
import { ConfirmDialog } from '../../components/ui/confirm-dialog.tsx';
import { TextField } from '../../components/ui/field.tsx';
import { LoadingState } from '../../components/ui/states.tsx';

/** Days between asking for a deletion and the purge (the server's grace). */
export const GRACE_DAYS = 30;

interface Subject {
  /** `/me` or `/orgs/:orgId`: the deletion routes hang under it. */
  base: string;
  /** The organisation's name (typed to confirm), or null for the person's own account. */
  orgName: string | null;
}

/** While a deletion is scheduled: when the purge happens, and "Restore". */
function ScheduledBanner({ subject, status }: { subject: Subject; status: NonNullable<DeletionStatus['scheduled']> }) {
  const queryClient = useQueryClient();
  const restore = useMutation({
    mutationFn: () => api.post<DeletionStatus>(`${subject.base}/deletion/restore`, {}),
    onSuccess: (data) => queryClient.setQueryData(['deletion', subject.base], data),
  });
  const what = subject.orgName ? `${subject.orgName} is` : 'Your account is';
  return (
    <div role="status" className="space-y-3 rounded-md border border-red-200 bg-red-50 p-4" data-testid="deletion-banner">
      <p className="text-sm text-red-800">
        {what} scheduled for deletion. Everything will be purged for good on <strong>{formatDateTime(status.purgeAfter)}</strong>; until then it can be restored.
      </p>
      <FormError message={restore.isError ? formErrors(restore.error, []).form : null} />
      <Button variant="secondary" onClick={() => restore.mutate()} isLoading={restore.isPending}>
        Restore
      </Button>
    </div>
  );
}

/** "Delete my account" or "Delete organisation": a confirmation, then the 30-day grace shown as a banner with Restore. */
export function DeletionSection({ subject }: { subject: Subject }) {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const status = useQuery({ queryKey: ['deletion', subject.base], queryFn: () => api.get<DeletionStatus>(`${subject.base}/deletion`) });
  const isOrg = subject.orgName !== null;
  const title = isOrg ? 'Delete organisation' : 'Delete my account';
  const description = isOrg
    ? `Deletes ${subject.orgName}: its ad accounts, rules, reports and history. Members keep their own accounts. You have ${GRACE_DAYS} days to restore it, then it is purged for good; the audit log keeps its events without personal data.`
    : `Deletes your account and everything about you. You have ${GRACE_DAYS} days to restore it, then it is purged for good. If you are the only owner of an organisation, hand it over to someone else or delete it first.`;

  let body: React.ReactNode;
  if (status.isPending) body = <LoadingState />;
  else if (status.isError) body = <FormError message={formErrors(status.error, []).form} />;
  else if (status.data.scheduled) body = <ScheduledBanner subject={subject} status={status.data.scheduled} />;
  else
    body = (
      <Button variant="danger" onClick={() => setOpen(true)}>
        {title}
      </Button>
    );

  return (
    <Section title={title} description={description}>
      {body}
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title={isOrg ? `Delete ${subject.orgName}?` : 'Delete your account?'}
        description={
          isOrg
            ? `Type the organisation's name to confirm. It is purged ${GRACE_DAYS} days from now unless you restore it.`
            : `Your account is purged ${GRACE_DAYS} days from now unless you restore it. The only owner of an organisation cannot delete their account.`
        }
        confirmLabel={title}
        fieldNames={isOrg ? ['confirmName'] : []}
        onConfirm={async (form) => {
          const data = new FormData(form);
          const body = isOrg ? { confirmName: String(data.get('confirmName') ?? '') } : {};
          const result = await api.post<DeletionStatus>(`${subject.base}/deletion`, body);
          queryClient.setQueryData(['deletion', subject.base], result);
        }}
      >
        {(errors) =>
          isOrg ? (
            <TextField label={`Organisation name (${subject.orgName})`} name="confirmName" autoComplete="off" required error={errors.confirmName} />
          ) : (
            <Alert tone="warning">You will still be able to sign in and restore your account until the purge.</Alert>
          )
        }
      </ConfirmDialog>
    </Section>
  );
}
