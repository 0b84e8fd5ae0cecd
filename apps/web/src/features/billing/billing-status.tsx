import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { BillingOverview, PlanList } from '@adloop/contracts';
import { api } from '../../lib/api.ts';
import { Alert, FormError } from '../../components/ui/alert.tsx';
import { Button } from '../../components/ui/button.tsx';
import { billingDate } from './dunning-words.ts';

const date = billingDate;

/** The dunning banner: a failed payment (still working, the date it stops) or read-only (what is paused), with the way to fix the card. */
export function DunningBanner({ overview, onFixCard, busy }: { overview: BillingOverview; onFixCard?: (() => void) | undefined; busy?: boolean }) {
  if (overview.billingState === 'ok') return null;
  const fix = onFixCard ? <Button className="mt-2" onClick={onFixCard} isLoading={busy}>Update card</Button> : <p className="mt-1">Ask an owner or admin to update the card in Settings › Billing.</p>;
  if (overview.billingState === 'read_only') {
    return (
      <Alert tone="error" title="Your organisation is read-only">
        The invoice has been unpaid since {overview.pastDueSince ? date(overview.pastDueSince) : 'more than 14 days'}: rules and scheduled changes are paused and edits are refused. Nothing is deleted. Update the card and everything is restored at once.
        {fix}
      </Alert>
    );
  }
  return (
    <Alert tone="error" title="Your last payment failed">
      Everything keeps working until {overview.readOnlyAt ? date(overview.readOnlyAt) : 'the invoice is 14 days overdue'}; after that the organisation becomes read-only until the invoice is paid. Update the card: the invoice is retried at once.
      {fix}
    </Alert>
  );
}

/** "Changes to Starter on 1 Jan", with the way to keep the current plan. */
export function ScheduledChange({ orgId, overview, plans, canManage }: { orgId: string; overview: BillingOverview; plans: PlanList['plans']; canManage: boolean }) {
  const queryClient = useQueryClient();
  const cancel = useMutation({
    mutationFn: () => api.delete(`/orgs/${orgId}/billing/scheduled-change`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['orgs', orgId, 'billing'] }),
  });
  const change = overview.scheduledChange;
  if (!change) return null;
  const name = plans.find((p) => p.id === change.planId)?.name ?? change.planId;
  return (
    <Alert tone="info" title={`Changes to ${name} on ${date(change.at)}`}>
      You keep {overview.plan.name} until then; {name} is billed {change.interval === 'month' ? 'monthly' : 'yearly'} from that date.
      {canManage && <div className="mt-2"><Button variant="secondary" onClick={() => cancel.mutate()} isLoading={cancel.isPending}>Keep {overview.plan.name}</Button></div>}
      <FormError message={cancel.error instanceof Error ? cancel.error.message : null} />
    </Alert>
  );
}

/** What cancelling means for the data (it is kept). */
export function CancellationNote() {
  return (
    <p className="mt-2 text-xs text-gray-600">
      Cancelling keeps your data: at the end of the paid period the organisation moves to the Free plan, and campaigns, rules, reports and history stay for the retention window. Nothing is deleted unless you delete the organisation.
    </p>
  );
}
