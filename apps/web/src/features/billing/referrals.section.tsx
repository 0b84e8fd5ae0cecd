import { useQuery } from '@tanstack/react-query';
import type { ReferralOverview } from '@adloop/contracts';
import { api } from '../../lib/api.ts';
import { Section } from '../../components/ui/card.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/ui/states.tsx';

const money = (cents: number, currency = 'usd'): string => (cents / 100).toLocaleString('en-US', { style: 'currency', currency: currency.toUpperCase() });

/** Billing › Referrals: the organisation's code and link, who signed up with it, and the commissions earned (CSV for the payout). */
export function ReferralsSection({ orgId }: { orgId: string }) {
  const referrals = useQuery({ queryKey: ['orgs', orgId, 'billing', 'referrals'], queryFn: () => api.get<ReferralOverview>(`/orgs/${orgId}/billing/referrals`) });
  return (
    <Section title="Referrals" description="Share your link: you earn a commission on the first payments of every organisation that subscribes with it.">
      {referrals.isPending && <LoadingState label="Loading referrals…" />}
      {referrals.isError && <ErrorState error={referrals.error} onRetry={() => void referrals.refetch()} />}
      {referrals.data && (
        <>
          <dl className="grid gap-2 text-sm sm:grid-cols-2">
            <div><dt className="text-gray-600">Your code</dt><dd className="font-mono font-semibold">{referrals.data.code}</dd></div>
            <div><dt className="text-gray-600">Your link</dt><dd className="break-all"><a className="text-indigo-700 underline" href={referrals.data.link}>{referrals.data.link}</a></dd></div>
            <div><dt className="text-gray-600">Commission</dt><dd>{referrals.data.commissionPercent} % of each payment for {referrals.data.commissionMonths} months</dd></div>
            <div><dt className="text-gray-600">Earned so far</dt><dd className="font-semibold">{money(referrals.data.totalCommissionCents)}</dd></div>
          </dl>
          {referrals.data.referred.length === 0 ? <EmptyState title="No referred organisations yet" /> : (
            <table className="mt-4 min-w-full text-sm">
              <caption className="sr-only">Referred organisations</caption>
              <thead><tr className="text-left text-gray-600"><th scope="col">Organisation</th><th scope="col">Since</th><th scope="col">Commission</th></tr></thead>
              <tbody>
                {referrals.data.referred.map((r) => (
                  <tr key={r.orgId} className="border-t border-gray-100"><td>{r.name}</td><td>{new Date(r.since).toLocaleDateString()}</td><td>{money(r.commissionCents)}</td></tr>
                ))}
              </tbody>
            </table>
          )}
          {referrals.data.commissions.length > 0 && (
            <p className="mt-3 text-sm"><a className="text-indigo-700 underline" href={`/api/v1/orgs/${orgId}/billing/referrals/commissions.csv`} download>Download commissions (CSV) for payout</a></p>
          )}
        </>
      )}
    </Section>
  );
}
