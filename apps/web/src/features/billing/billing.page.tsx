import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BillingOverview, InvoiceList, Plan, PlanChangeResult, PlanList, UsageItem } from '@adloop/contracts';
import { api, isApiError } from '../../lib/api.ts';
import { forgetReferral, rememberedReferral } from '../../lib/referral.ts';
import { canManageOrg } from '../../lib/queries.ts';
import { Alert, FormError } from '../../components/ui/alert.tsx';
import { Badge, Section } from '../../components/ui/card.tsx';
import { Button } from '../../components/ui/button.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/ui/states.tsx';
import { useCurrentOrg } from '../shell/org-context.ts';
import { PageHeader } from '../settings/settings-layout.tsx';
import { CancellationNote, DunningBanner, ScheduledChange } from './billing-status.tsx';
import { ReferralsSection } from './referrals.section.tsx';
import { OverLimitSection } from './over-limit.section.tsx';
import { PlanChangeConfirm } from './plan-change.confirm.tsx';
import { billingOverviewQuery } from './dunning-words.ts';

const dollars = (cents: number): string => `$${(cents / 100).toLocaleString('en-US', { minimumFractionDigits: cents % 100 ? 2 : 0, maximumFractionDigits: 2 })}`;
const STATUS_WORDS: Record<BillingOverview['status'], string> = {
  none: 'Free plan', trialing: 'Trial', active: 'Active', past_due: 'Payment failed', canceled: 'Canceled', unpaid: 'Unpaid',
  incomplete: 'Awaiting payment', incomplete_expired: 'Payment expired', paused: 'Paused',
};

function UsageBar({ item }: { item: UsageItem }) {
  const percent = item.limit === null ? 0 : Math.min(100, item.limit === 0 ? 100 : Math.round((item.used / item.limit) * 100));
  const tone = item.overLimit ? 'bg-red-600' : item.atLimit ? 'bg-amber-500' : 'bg-indigo-600';
  return (
    <li>
      <div className="flex justify-between text-sm">
        <span className="font-medium text-gray-900">{item.label}</span>
        <span className="text-gray-600">{item.limit === null ? `${item.used} (unlimited)` : `${item.used} of ${item.limit}`}</span>
      </div>
      {item.limit !== null && (
        <div role="progressbar" aria-label={item.label} aria-valuemin={0} aria-valuemax={item.limit} aria-valuenow={Math.min(item.used, item.limit)} aria-valuetext={`${item.used} of ${item.limit}`} className="mt-1 h-2 rounded-full bg-gray-100">
          <div className={`h-2 rounded-full ${tone}`} style={{ width: `${percent}%` }} />
        </div>
      )}
      {item.overLimit && <p className="mt-1 text-xs text-red-700">Over the plan's limit: nothing is deleted; upgrade to add more.</p>}
    </li>
  );
}

function PlanCard({ plan, current, interval, canBuy, onChoose, busy, verb = 'Choose' }: { plan: Plan; current: boolean; interval: 'month' | 'year'; canBuy: boolean; onChoose: () => void; busy: boolean; verb?: string }) {
  const price = interval === 'month' ? plan.monthlyPriceCents : plan.annualPriceCents;
  return (
    <li className={`rounded-lg p-4 ring-1 ${current ? 'ring-2 ring-indigo-600' : 'ring-gray-200'}`}>
      <h3 className="text-sm font-semibold text-gray-900">{plan.name} {current && <Badge tone="indigo">Current plan</Badge>}</h3>
      <p className="mt-2 text-lg font-semibold">{plan.custom || price === null ? 'Custom pricing' : price === 0 ? 'Free' : `${dollars(price)} / ${interval === 'month' ? 'month' : 'year'}`}</p>
      <ul className="mt-2 space-y-1 text-xs text-gray-600">
        <li>{plan.limits.adAccounts ?? 'Unlimited'} ad accounts</li>
        <li>{plan.limits.campaigns ?? 'Unlimited'} campaigns</li>
        <li>{plan.limits.aiGenerationsPerMonth?.toLocaleString('en-US') ?? 'Unlimited'} AI generations / month</li>
        <li>{plan.limits.users ?? 'Unlimited'} users</li>
        <li>{plan.limits.rules ?? 'Unlimited'} automation rules</li>
      </ul>
      {canBuy && !current && !plan.custom && (price ?? 0) > 0 && (
        <Button className="mt-3" onClick={onChoose} isLoading={busy} aria-label={`${verb} ${plan.name}`}>
          {verb} {plan.name}
        </Button>
      )}
      {plan.custom && <p className="mt-3 text-xs text-gray-600">Contact sales for a quote.</p>}
    </li>
  );
}

function Invoices({ orgId }: { orgId: string }) {
  const invoices = useQuery({ queryKey: ['orgs', orgId, 'billing', 'invoices'], queryFn: () => api.get<InvoiceList>(`/orgs/${orgId}/billing/invoices`) });
  if (invoices.isPending) return <LoadingState label="Loading invoices…" />;
  if (invoices.isError) return <ErrorState error={invoices.error} onRetry={() => void invoices.refetch()} />;
  if (!invoices.data.invoices.length) return <EmptyState title="No invoices yet" />;
  return (
    <table className="min-w-full text-sm">
      <caption className="sr-only">Invoices</caption>
      <thead><tr className="text-left text-gray-600"><th scope="col">Number</th><th scope="col">Date</th><th scope="col">Total</th><th scope="col">Status</th><th scope="col">PDF</th></tr></thead>
      <tbody>
        {invoices.data.invoices.map((i) => (
          <tr key={i.id} className="border-t border-gray-100">
            <td>{i.hostedUrl ? <a className="text-indigo-700 underline" href={i.hostedUrl}>{i.number}</a> : i.number}</td>
            <td>{new Date(i.created).toLocaleDateString()}</td>
            <td>{dollars(i.totalCents)}</td>
            <td>{i.status}</td>
            <td>{i.pdfUrl && <a className="text-indigo-700 underline" href={i.pdfUrl}>Download<span className="sr-only"> invoice {i.number} as PDF</span></a>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Settings › Billing: the plan, usage against its limits, trial days left, upgrade through Stripe Checkout, the portal, invoices. */
/** Checkout with the referral code remembered from a referral link; a code the server refuses never stops the purchase. */
async function checkout(orgId: string, planId: string, interval: 'month' | 'year'): Promise<{ url: string }> {
  const referralCode = rememberedReferral();
  const body = { planId, interval };
  if (!referralCode) return api.post<{ url: string }>(`/orgs/${orgId}/billing/checkout`, body);
  try {
    const started = await api.post<{ url: string }>(`/orgs/${orgId}/billing/checkout`, { ...body, referralCode });
    forgetReferral();
    return started;
  } catch (error) {
    if (!isApiError(error) || !error.message.includes('referralCode')) throw error;
    forgetReferral();
    return api.post<{ url: string }>(`/orgs/${orgId}/billing/checkout`, body);
  }
}

export function BillingPage() {
  const { org } = useCurrentOrg();
  const canBuy = canManageOrg(org.role);
  const [interval, setInterval] = useState<'month' | 'year'>('month');
  const overview = useQuery(billingOverviewQuery(org.id));
  const plans = useQuery({ queryKey: ['billing', 'plans'], queryFn: () => api.get<PlanList>('/billing/plans') });
  const go = useMutation({
    mutationFn: (to: { kind: 'checkout'; planId: string } | { kind: 'portal' }) =>
      to.kind === 'checkout' ? checkout(org.id, to.planId, interval) : api.post<{ url: string }>(`/orgs/${org.id}/billing/portal`, {}),
    onSuccess: (res) => window.location.assign(res.url),
  });
  const queryClient = useQueryClient();
  // A plan change is confirmed after its price difference is shown (Stripe's preview).
  const [confirming, setConfirming] = useState<string | null>(null);
  // A dearer plan applies now (the prorated difference is invoiced); a cheaper one at the period end.
  const change = useMutation({
    mutationFn: (planId: string) => api.post<PlanChangeResult>(`/orgs/${org.id}/billing/change`, { planId, interval }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['orgs', org.id, 'billing'] }),
  });
  const search = new URLSearchParams(window.location.search);
  const returned = search.get('checkout');
  // The link in the payment-failed emails: straight to the portal's card form.
  const fixCard = search.get('fix') === 'card' && canBuy;
  useEffect(() => {
    if (fixCard && !go.isPending && !go.isSuccess && !go.isError) go.mutate({ kind: 'portal' });
  }, [fixCard, go]);

  if (overview.isPending || plans.isPending) return <LoadingState label="Loading billing…" />;
  if (overview.isError) return <ErrorState error={overview.error} orgId={org.id} onRetry={() => void overview.refetch()} />;
  if (plans.isError) return <ErrorState error={plans.error} onRetry={() => void plans.refetch()} />;
  const o = overview.data;
  const subscribed = o.status !== 'none' && o.status !== 'canceled' && o.status !== 'incomplete_expired';
  return (
    <>
      <PageHeader title="Billing" description="Your plan, what you use of it, and your invoices. Payments are handled by Stripe." />
      {returned === 'complete' && o.status === 'none' && <Alert tone="info">Payment received: your plan updates as soon as Stripe confirms it.</Alert>}
      <DunningBanner overview={o} onFixCard={canBuy ? () => go.mutate({ kind: 'portal' }) : undefined} busy={go.isPending} />
      <ScheduledChange orgId={org.id} overview={o} plans={plans.data.plans} canManage={canBuy} />
      <Section title="Current plan" actions={canBuy && subscribed ? <Button variant="secondary" onClick={() => go.mutate({ kind: 'portal' })} isLoading={go.isPending}>Manage payment method or cancel</Button> : undefined}>
        <p className="text-sm">
          <strong>{o.plan.name}</strong> <Badge tone={o.status === 'past_due' ? 'red' : o.status === 'trialing' ? 'amber' : 'green'}>{STATUS_WORDS[o.status]}</Badge>
          {o.trialDaysLeft !== null && <span className="ml-2">{o.trialDaysLeft} trial days left</span>}
          {o.cancelAtPeriodEnd && o.currentPeriodEnd && <span className="ml-2">Ends on {new Date(o.currentPeriodEnd).toLocaleDateString()}</span>}
        </p>
        <p className="mt-1 text-sm text-gray-600">Managed ad spend, last 30 days: {(o.managedSpendMicros30d / 1_000_000).toLocaleString('en-US', { maximumFractionDigits: 0 })}</p>
        <ul className="mt-4 space-y-3" aria-label="Usage against your plan">{o.usage.map((u) => <UsageBar key={u.metric} item={u} />)}</ul>
        {subscribed && <CancellationNote />}
      </Section>
      <Section title="Plans" description={o.trialAvailable ? 'Start with a 14-day free trial, no card needed.' : undefined} actions={
        <fieldset className="flex gap-3 text-sm"><legend className="sr-only">Billing period</legend>
          <label><input type="radio" name="interval" checked={interval === 'month'} onChange={() => setInterval('month')} /> Monthly</label>
          <label><input type="radio" name="interval" checked={interval === 'year'} onChange={() => setInterval('year')} /> Annual (20 % off)</label>
        </fieldset>
      }>
        <FormError message={go.error instanceof Error ? go.error.message : null} />
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
          {plans.data.plans.map((p) => (
            <PlanCard key={p.id} plan={p} current={p.id === o.plan.id} interval={interval} canBuy={canBuy} verb={subscribed ? 'Switch to' : 'Choose'}
              busy={subscribed ? change.isPending && change.variables === p.id : go.isPending && go.variables.kind === 'checkout' && go.variables.planId === p.id}
              onChoose={() => (subscribed ? setConfirming(p.id) : go.mutate({ kind: 'checkout', planId: p.id }))} />
          ))}
        </ul>
        {confirming && (
          <PlanChangeConfirm orgId={org.id} planId={confirming} planName={plans.data.plans.find((p) => p.id === confirming)?.name ?? confirming} interval={interval} busy={change.isPending}
            onConfirm={() => change.mutate(confirming, { onSuccess: () => setConfirming(null) })} onCancel={() => setConfirming(null)} />
        )}
        <FormError message={change.error instanceof Error ? change.error.message : null} />
        {change.data?.kind === 'upgraded' && <Alert tone="success">Upgraded: the prorated difference is on a new invoice.</Alert>}
        {subscribed && canBuy && <p className="mt-3 text-sm text-gray-600">Upgrades apply at once and the rest of this period is prorated on an invoice; downgrades apply at the end of the period you paid for.</p>}
      </Section>
      <OverLimitSection orgId={org.id} canManage={canBuy} />
      {canBuy && <Section title="Invoices"><Invoices orgId={org.id} /></Section>}
      {canBuy && <ReferralsSection orgId={org.id} />}
    </>
  );
}
