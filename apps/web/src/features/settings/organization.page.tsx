import type { FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';
import { formErrors, readForm } from '../../lib/form-errors.ts';
import { canManageOrg, keys } from '../../lib/queries.ts';
import type { Organization } from '../../lib/types.ts';
import { Alert, FormError } from '../../components/ui/alert.tsx';
import { SelectField, TextField } from '../../components/ui/field.tsx';
import { Button } from '../../components/ui/button.tsx';
import { Section } from '../../components/ui/card.tsx';
import { ErrorState, LoadingState } from '../../components/ui/states.tsx';
import { useCurrentOrg } from '../shell/org-context.ts';
import { PageHeader } from './settings-layout.tsx';
import { UtmTemplateSection } from './utm-template-section.tsx';

export function OrganizationPage() {
  const { org } = useCurrentOrg();
  const details = useQuery({ queryKey: keys.org(org.id), queryFn: () => api.get<Organization>(`/orgs/${org.id}`) });

  let body: React.ReactNode;
  if (!canManageOrg(org.role)) body = <Alert tone="info">Only owners and admins can change the organisation settings.</Alert>;
  else if (details.isPending) body = <LoadingState />;
  else if (details.isError) body = <ErrorState error={details.error} orgId={org.id} onRetry={() => void details.refetch()} />;
  else
    body = (
      <>
        <OrganizationForm organization={details.data} />
        <UtmTemplateSection orgId={org.id} />
      </>
    );

  return (
    <>
      <PageHeader title="Organisation" description="The name your team sees, the rules every member signs in with, and how numbers are reported." />
      {body}
    </>
  );
}

/** Every code the browser knows, with the current value kept even when it does not know it. */
function supported(kind: 'currency' | 'timeZone', current: string | undefined, fallback: string[]): string[] {
  let values: string[];
  try {
    values = Intl.supportedValuesOf(kind);
  } catch {
    values = fallback;
  }
  const all = new Set(values);
  if (kind === 'timeZone') all.add('UTC');
  if (current) all.add(current);
  return [...all].sort();
}

const currencyNames = (() => {
  try {
    return new Intl.DisplayNames(undefined, { type: 'currency' });
  } catch {
    return null;
  }
})();

function OrganizationForm({ organization }: { organization: Organization }) {
  const queryClient = useQueryClient();
  // Servers before the reporting settings do not send them: the form then leaves them out.
  const hasReporting = organization.reportingCurrency !== undefined && organization.timeZone !== undefined;
  const update = useMutation({
    mutationFn: (body: { name: string; requireMfa: boolean; reportingCurrency?: string; timeZone?: string }) => api.patch<Organization>(`/orgs/${organization.id}`, body),
    onSuccess: async (saved) => {
      queryClient.setQueryData(keys.org(organization.id), saved);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: keys.me }),
        // Totals are converted to the reporting currency, and ranges are days in the time zone.
        queryClient.invalidateQueries({ queryKey: keys.dashboard(organization.id) }),
        queryClient.invalidateQueries({ queryKey: keys.campaignList(organization.id) }),
      ]);
    },
  });
  const errors = formErrors(update.error, ['name', 'requireMfa', 'reportingCurrency', 'timeZone']);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const values = readForm(event.currentTarget);
    update.mutate({
      name: values.name ?? '',
      requireMfa: values.requireMfa === 'on',
      ...(hasReporting && values.reportingCurrency ? { reportingCurrency: values.reportingCurrency } : {}),
      ...(hasReporting && values.timeZone ? { timeZone: values.timeZone } : {}),
    });
  };

  return (
    <Section title="General">
      <form onSubmit={submit} className="max-w-md space-y-5" noValidate>
        <FormError message={errors.form} />
        {update.isSuccess && <Alert tone="success">Organisation settings saved.</Alert>}
        <TextField label="Organisation name" name="name" required defaultValue={organization.name} error={errors.fields.name} />
        <div className="flex items-start gap-3">
          <input id="require-mfa" name="requireMfa" type="checkbox" defaultChecked={organization.requireMfa} className="mt-1 size-4 rounded border-gray-300 accent-indigo-600" aria-describedby="require-mfa-hint" />
          <div>
            <label htmlFor="require-mfa" className="text-sm font-medium text-gray-800">
              Require two-factor authentication
            </label>
            <p id="require-mfa-hint" className="text-xs text-gray-500">
              Members without it are asked to set it up before they can use this organisation.
            </p>
            {errors.fields.requireMfa && <p className="text-sm text-red-600">{errors.fields.requireMfa}</p>}
          </div>
        </div>
        {hasReporting && (
          <>
            <SelectField
              label="Reporting currency"
              name="reportingCurrency"
              defaultValue={organization.reportingCurrency}
              error={errors.fields.reportingCurrency}
              hint="Dashboard and campaign totals are converted to it with each day’s exchange rate. Campaigns keep their own currency."
              options={supported('currency', organization.reportingCurrency, ['USD', 'EUR', 'GBP', 'JPY']).map((code) => ({ value: code, label: `${code} · ${currencyNames?.of(code) ?? code}` }))}
            />
            <SelectField
              label="Time zone"
              name="timeZone"
              defaultValue={organization.timeZone}
              error={errors.fields.timeZone}
              hint="Ranges like “last 7 days” are whole days in this time zone."
              options={supported('timeZone', organization.timeZone, ['UTC']).map((zone) => ({ value: zone, label: zone.replace(/_/g, ' ') }))}
            />
          </>
        )}
        <Button type="submit" isLoading={update.isPending}>
          Save changes
        </Button>
      </form>
    </Section>
  );
}
