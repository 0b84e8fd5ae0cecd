import type { FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import type { CreateOrgBody } from '@adloop/contracts';
import { api } from '../../lib/api.ts';
import { formErrors, readForm } from '../../lib/form-errors.ts';
import { meQuery } from '../../lib/queries.ts';
import type { Organization } from '../../lib/types.ts';
import { FormError } from '../../components/ui/alert.tsx';
import { TextField } from '../../components/ui/field.tsx';
import { Button } from '../../components/ui/button.tsx';
import { OrgReportingFields, useOrgProposal } from './org-reporting-fields.tsx';

const FIELDS = ['name', 'reportingCurrency', 'timeZone'] as const;

/**
 * Creates an organisation (the caller becomes its owner) and opens it. Its reporting currency and
 * time zone are asked for, proposed from the browser's locale and zone.
 */
export function CreateOrgForm({ onCreated, onCancel }: { onCreated?: () => void; onCancel?: () => void }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const proposal = useOrgProposal();
  const create = useMutation({
    mutationFn: (body: CreateOrgBody) => api.post<Organization>('/orgs', body),
    onSuccess: async (org) => {
      await queryClient.fetchQuery({ ...meQuery, staleTime: 0 });
      onCreated?.();
      void navigate({ to: '/orgs/$orgId/dashboard', params: { orgId: org.id } });
    },
  });
  const errors = formErrors(create.error, FIELDS);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const values = readForm(event.currentTarget);
    create.mutate({ name: values.name ?? '', reportingCurrency: values.reportingCurrency ?? proposal.currency, timeZone: values.timeZone ?? proposal.timeZone });
  };

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <FormError message={errors.form} />
      <TextField label="Organisation name" name="name" autoComplete="organization" required autoFocus error={errors.fields.name} />
      <OrgReportingFields errors={errors.fields} />
      <div className="flex justify-end gap-2">
        {onCancel && (
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        )}
        <Button type="submit" isLoading={create.isPending}>
          Create organisation
        </Button>
      </div>
    </form>
  );
}
