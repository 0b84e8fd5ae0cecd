import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';
import { keys } from '../../lib/queries.ts';
import type { Organization } from '../../lib/types.ts';
import { Alert } from '../../components/ui/alert.tsx';
import { ErrorState, LoadingState } from '../../components/ui/states.tsx';
import { useCurrentOrg } from '../shell/org-context.ts';
import { useChangeSettings } from '../approvals/approvals-api.ts';
import { canEditChangeSettings } from '../approvals/permissions.ts';
import { PageHeader } from './settings-layout.tsx';
import { KillSwitchSection } from './kill-switch-section.tsx';
import { ChangeSettingsSections } from './change-settings-sections.tsx';

/** Settings › Automation safety: the kill switch, which changes wait for approval, and the guardrails' limits. */
export function AutomationSafetyPage() {
  const { org } = useCurrentOrg();
  const settings = useChangeSettings(org.id);
  const details = useQuery({ queryKey: keys.org(org.id), queryFn: () => api.get<Organization>(`/orgs/${org.id}`) });
  const canEdit = canEditChangeSettings(org.role);

  let body: React.ReactNode;
  if (settings.isPending || details.isPending) body = <LoadingState label="Loading the automation settings…" />;
  else if (settings.isError) body = <ErrorState error={settings.error} orgId={org.id} onRetry={() => void settings.refetch()} />;
  else if (details.isError) body = <ErrorState error={details.error} orgId={org.id} onRetry={() => void details.refetch()} />;
  else
    body = (
      <>
        <KillSwitchSection orgId={org.id} role={org.role} automation={settings.data.automation} />
        {!canEdit && <Alert tone="info">Only owners and admins can change these settings.</Alert>}
        <ChangeSettingsSections orgId={org.id} settings={settings.data} currency={details.data.reportingCurrency ?? 'USD'} canEdit={canEdit} />
      </>
    );

  return (
    <>
      <PageHeader title="Automation safety" description="What waits for a person’s approval, the limits every change must stay within, and the switch that stops all automated changes." />
      {body}
    </>
  );
}
