import { useMemo } from 'react';
import { SelectField } from '../../components/ui/field.tsx';
import { currencyOptions, proposedCurrency, proposedTimeZone, timeZoneOptions } from './org-defaults.ts';

/** The browser's proposal for a new organisation: its locale's currency and its own time zone. */
export function useOrgProposal(): { currency: string; timeZone: string } {
  return useMemo(() => ({ currency: proposedCurrency(navigator.languages), timeZone: proposedTimeZone() }), []);
}

/**
 * Reporting currency and time zone of a new organisation (form fields `reportingCurrency` and
 * `timeZone`), starting from the browser's proposal.
 */
export function OrgReportingFields({ errors }: { errors: { reportingCurrency?: string | undefined; timeZone?: string | undefined } }) {
  const proposal = useOrgProposal();
  const currencies = useMemo(() => currencyOptions(proposal.currency), [proposal.currency]);
  const zones = useMemo(() => timeZoneOptions(proposal.timeZone), [proposal.timeZone]);
  return (
    <>
      <SelectField
        label="Reporting currency"
        name="reportingCurrency"
        defaultValue={proposal.currency}
        error={errors.reportingCurrency}
        hint="Totals across accounts are shown in this currency. Proposed from your browser’s language and region; you can change it later in Settings."
        options={currencies}
      />
      <SelectField
        label="Time zone"
        name="timeZone"
        defaultValue={proposal.timeZone}
        error={errors.timeZone}
        hint="Days on the dashboard and in reports start at midnight here. Proposed from your device’s time zone."
        options={zones}
      />
    </>
  );
}
