import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { OverLimitList } from '@adloop/contracts';
import { api } from '../../lib/api.ts';
import { Alert, FormError } from '../../components/ui/alert.tsx';
import { Button } from '../../components/ui/button.tsx';
import { Section } from '../../components/ui/card.tsx';

type Metric = OverLimitList['metrics'][number];

function KeepForm({ orgId, metric, canManage }: { orgId: string; metric: Metric; canManage: boolean }) {
  const queryClient = useQueryClient();
  const [keep, setKeep] = useState<Set<string>>(() => new Set(metric.items.filter((i) => i.kept).map((i) => i.id)));
  const save = useMutation({
    mutationFn: () => api.put<OverLimitList>(`/orgs/${orgId}/billing/over-limit`, { metric: metric.metric, keep: [...keep] }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['orgs', orgId, 'billing'] }),
  });
  const limit = metric.limit ?? metric.items.length;
  const toggle = (id: string) => setKeep((now) => {
    const next = new Set(now);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  });
  return (
    <form className="mt-4" onSubmit={(e) => { e.preventDefault(); save.mutate(); }} aria-label={`Choose which ${metric.label.toLowerCase()} to keep`}>
      <fieldset>
        <legend className="text-sm font-semibold">{metric.label}: {metric.used} in use, your plan includes {limit}. Keep {limit}:</legend>
        <ul className="mt-2 space-y-1">
          {metric.items.map((item) => (
            <li key={item.id} className="text-sm">
              <label className="flex items-center gap-2">
                <input type="checkbox" checked={item.pinned || keep.has(item.id)} disabled={!canManage || item.pinned} onChange={() => toggle(item.id)} />
                <span>{item.label}</span>
                {!item.kept && <span className="text-xs text-amber-800">read-only</span>}
                {item.pinned && <span className="text-xs text-gray-600">owner, always kept</span>}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <FormError message={save.error instanceof Error ? save.error.message : null} />
      {save.isSuccess && <Alert tone="success">Saved: the ones you keep are writable again.</Alert>}
      {canManage && <Button type="submit" className="mt-2" isLoading={save.isPending}>Keep these {metric.label.toLowerCase()}</Button>}
    </form>
  );
}

/**
 * "Choose what to keep" after a downgrade over the new plan's limits: the extra ad accounts,
 * rules and users are read-only (never deleted) until the organisation picks which stay writable.
 */
export function OverLimitSection({ orgId, canManage }: { orgId: string; canManage: boolean }) {
  const over = useQuery({ queryKey: ['orgs', orgId, 'billing', 'over-limit'], queryFn: () => api.get<OverLimitList>(`/orgs/${orgId}/billing/over-limit`) });
  const metrics = over.data?.metrics.filter((m) => m.over) ?? [];
  if (metrics.length === 0) return null;
  return (
    <Section title="Choose what to keep" description={`You have more than your plan includes. ${over.data?.defaultRule ?? ''} Upgrade to keep them all.`}>
      {metrics.map((m) => <KeepForm key={`${m.metric}-${m.items.map((i) => `${i.id}${i.kept ? 1 : 0}`).join()}`} orgId={orgId} metric={m} canManage={canManage} />)}
    </Section>
  );
}
