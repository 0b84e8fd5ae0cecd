import { useQuery } from '@tanstack/react-query';
import type { PlanChangePreview } from '@adloop/contracts';
import { api } from '../../lib/api.ts';
import { Alert, FormError } from '../../components/ui/alert.tsx';
import { Button } from '../../components/ui/button.tsx';

const dollars = (cents: number): string => `$${(cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const day = (iso: string): string => new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
const METRIC_WORDS: Record<PlanChangePreview['overLimits'][number]['metric'], string> = { adAccounts: 'ad accounts', rules: 'rules', users: 'users' };

/** The sentence of a preview: what is paid today and what after, or when a downgrade takes effect. */
export function previewSentence(p: PlanChangePreview): string {
  const per = p.interval === 'month' ? 'per month' : 'per year';
  if (p.direction === 'downgrade') return `You pay nothing today; from ${day(p.effectiveAt)} you will pay ${dollars(p.thenCents)} ${per}.`;
  return `You will pay ${dollars(p.dueTodayCents)} today, then ${dollars(p.thenCents)} ${per}.`;
}

/** The price difference of a plan change, from Stripe's preview, shown before "Confirm". */
export function PlanChangeConfirm({ orgId, planId, planName, interval, onConfirm, onCancel, busy }: { orgId: string; planId: string; planName: string; interval: 'month' | 'year'; onConfirm: () => void; onCancel: () => void; busy: boolean }) {
  const preview = useQuery({
    queryKey: ['orgs', orgId, 'billing', 'preview', planId, interval],
    queryFn: () => api.post<PlanChangePreview>(`/orgs/${orgId}/billing/change/preview`, { planId, interval }),
  });
  if (preview.isPending) return <Alert tone="info">Working out the price of {planName}…</Alert>;
  if (preview.isError) return <FormError message={preview.error.message} />;
  const p = preview.data;
  return (
    <Alert tone="info" title={`Switch to ${planName}?`}>
      <p>{previewSentence(p)}</p>
      {p.lines.length > 0 && <ul className="mt-1 text-xs">{p.lines.map((l, i) => <li key={i}>{l.description}: {dollars(l.amountCents)}</li>)}</ul>}
      {p.overLimits.length > 0 && (
        <p className="mt-1">
          {planName} includes fewer {p.overLimits.map((o) => `${METRIC_WORDS[o.metric]} (${o.used} in use, ${o.limit} included)`).join(', ')}: the extra ones become read-only, never deleted, until you choose what to keep on this page.
        </p>
      )}
      <div className="mt-2 flex gap-2">
        <Button onClick={onConfirm} isLoading={busy}>Confirm</Button>
        <Button variant="secondary" onClick={onCancel}>Cancel</Button>
      </div>
    </Alert>
  );
}
