import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';
import { keys } from '../../lib/queries.ts';
import type { ConnectionsOverview, Organization } from '../../lib/types.ts';
import type { RuleDefinition, RuleScope } from './rule-types.ts';

type Basis = RuleDefinition['currencyBasis'];

/**
 * Which currency the rule's amounts are in (thresholds, budgets, bids, limits), chosen explicitly:
 * each account's own, or the organisation's reporting currency converted per account. Warns when
 * the accounts in scope bill in more than one currency and the amounts would mean different sums.
 */
export function CurrencyBasisField({ orgId, basis, scope, onChange }: { orgId: string; basis: Basis; scope: Pick<RuleScope, 'platforms' | 'accountIds'>; onChange: (basis: Basis) => void }) {
  const org = useQuery({ queryKey: keys.org(orgId), queryFn: () => api.get<Organization>(`/orgs/${orgId}`) });
  const overview = useQuery({ queryKey: keys.connections(orgId), queryFn: () => api.get<ConnectionsOverview>(`/orgs/${orgId}/connections`) });
  // The accounts in the rule's scope, as the server reads them for the rule's sentence.
  const { platforms, accountIds } = scope;
  const accounts = (overview.data?.connections ?? []).flatMap((c) => c.accounts.filter((a) => a.selected && (platforms.length === 0 || platforms.includes(a.platform)) && (accountIds.length === 0 || accountIds.includes(a.id))));
  const currencies = [...new Set(accounts.map((a) => a.currency))].sort();
  const reporting = org.data?.reportingCurrency;
  const choices: { id: Basis; label: string; detail: string }[] = [
    {
      id: 'account',
      label: 'Each ad account’s own currency',
      detail: currencies.length > 0 ? `40 means 40 in the currency the account bills in (${currencies.join(', ')}).` : '40 means 40 in the currency each account bills in.',
    },
    {
      id: 'organization',
      label: `The organisation’s reporting currency${reporting ? ` (${reporting})` : ''}`,
      detail: 'Converted into each account’s currency at the day’s exchange rate.',
    },
  ];
  return (
    <fieldset className="space-y-2">
      <legend className="text-base font-semibold text-gray-900">Amounts are in</legend>
      <div className="grid gap-2 sm:grid-cols-2">
        {choices.map((c) => (
          <label key={c.id} className={`flex cursor-pointer gap-2 rounded-md p-3 text-sm ring-1 ${basis === c.id ? 'bg-indigo-50 ring-indigo-400' : 'bg-white ring-gray-200'}`}>
            <input type="radio" name="currencyBasis" value={c.id} checked={basis === c.id} onChange={() => onChange(c.id)} className="mt-0.5" />
            <span>
              <span className="block font-medium text-gray-900">{c.label}</span>
              <span className="text-xs text-gray-600">{c.detail}</span>
            </span>
          </label>
        ))}
      </div>
      {basis === 'account' && currencies.length > 1 && (
        <p className="text-sm text-amber-800" role="note">
          The accounts this rule looks at bill in {currencies.length} currencies ({currencies.join(', ')}): the same amount means a different sum in each. Choose the reporting currency to compare like with like.
        </p>
      )}
    </fieldset>
  );
}
