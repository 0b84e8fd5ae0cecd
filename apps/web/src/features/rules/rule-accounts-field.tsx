import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';
import { keys } from '../../lib/queries.ts';
import type { ConnectionsOverview } from '../../lib/types.ts';
import { PLATFORM_NAMES } from '../connections/health.tsx';
import { CheckboxGroup } from './rule-inputs.tsx';

/** The ad accounts the rule looks at: the organisation's selected accounts; none ticked means all of them. */
export function AccountsField({ orgId, selected, onChange, error }: { orgId: string; selected: readonly string[]; onChange: (ids: string[]) => void; error: string | undefined }) {
  const overview = useQuery({ queryKey: keys.connections(orgId), queryFn: () => api.get<ConnectionsOverview>(`/orgs/${orgId}/connections`) });
  const accounts = (overview.data?.connections ?? []).flatMap((c) => c.accounts.filter((a) => a.selected));
  if (overview.isPending) return <p className="text-xs text-gray-500">Loading ad accounts…</p>;
  if (accounts.length === 0) return null;
  return (
    <div>
      <CheckboxGroup
        legend="Ad accounts"
        hint="None ticked: every account, including those connected later."
        options={accounts.map((a) => ({ id: a.id, label: `${a.name} (${PLATFORM_NAMES[a.platform]}, ${a.currency})` }))}
        selected={selected}
        onChange={onChange}
      />
      {error && <p className="text-sm text-red-600">{error}</p>}
    </div>
  );
}
