import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { WebhookDelivery, WebhookDeliveryDetail, WebhookEndpoint } from '@adloop/contracts';
import { api } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { usePaged } from '../../lib/use-paged.ts';
import { Badge } from '../../components/ui/card.tsx';
import { Button } from '../../components/ui/button.tsx';
import { Dialog } from '../../components/ui/dialog.tsx';
import { FormError } from '../../components/ui/alert.tsx';
import { LoadMore } from '../../components/ui/load-more.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/ui/states.tsx';

export const deliveriesKey = (orgId: string, endpointId: string) => ['orgs', orgId, 'webhooks', endpointId, 'deliveries'] as const;

export function StateBadge({ state }: { state: WebhookDelivery['state'] }) {
  if (state === 'succeeded') return <Badge tone="green">Delivered</Badge>;
  if (state === 'failed') return <Badge tone="red">Failed</Badge>;
  return <Badge tone="amber">Trying</Badge>;
}

/** The endpoint's delivery log: newest first, refreshed while something is still being tried; each opens its attempts. */
export function DeliveryLog({ orgId, endpoint }: { orgId: string; endpoint: WebhookEndpoint }) {
  const [openId, setOpenId] = useState<string | null>(null);
  const deliveries = usePaged<WebhookDelivery>(deliveriesKey(orgId, endpoint.id), `/orgs/${orgId}/webhooks/${endpoint.id}/deliveries`, {}, { refetchInterval: 2_000, limit: 20 });
  if (deliveries.isPending) return <LoadingState label="Loading deliveries…" />;
  if (deliveries.isError) return <ErrorState error={deliveries.error} orgId={orgId} onRetry={() => void deliveries.refetch()} />;
  if (deliveries.items.length === 0) return <EmptyState title="Nothing sent yet">Send a test event, or wait for an event of a chosen kind.</EmptyState>;
  return (
    <>
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Deliveries to {endpoint.url}</caption>
          <thead className="text-xs text-gray-500 uppercase">
            <tr>
              <th scope="col" className="py-2 pr-4 font-medium">Event</th>
              <th scope="col" className="py-2 pr-4 font-medium">State</th>
              <th scope="col" className="py-2 pr-4 font-medium">Attempts</th>
              <th scope="col" className="py-2 pr-4 font-medium">Last answer</th>
              <th scope="col" className="py-2 pr-4 font-medium">Created</th>
              <th scope="col" className="py-2 font-medium"><span className="sr-only">Details</span></th>
            </tr>
          </thead>
          <tbody className="divide-y divide-gray-100">
            {deliveries.items.map((d) => (
              <tr key={d.id} data-delivery={d.id}>
                <td className="py-2 pr-4"><code className="text-xs">{d.kind}</code>{d.replayOf && <span className="ml-1 text-xs text-gray-500">(replay)</span>}</td>
                <td className="py-2 pr-4"><StateBadge state={d.state} /></td>
                <td className="py-2 pr-4">{d.attempts}</td>
                <td className="py-2 pr-4 text-gray-600">{d.lastStatus ?? d.lastError ?? '—'}{d.state === 'pending' && d.nextAttemptAt ? ` · next ${formatDateTime(d.nextAttemptAt)}` : ''}</td>
                <td className="py-2 pr-4 text-gray-600">{formatDateTime(d.createdAt)}</td>
                <td className="py-2 text-right">
                  <Button variant="secondary" onClick={() => setOpenId(d.id)} aria-label={`Details of the ${d.kind} delivery of ${formatDateTime(d.createdAt)}`}>Details</Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <LoadMore hasNextPage={deliveries.hasNextPage} isFetchingNextPage={deliveries.isFetchingNextPage} fetchNextPage={deliveries.fetchNextPage} />
      <DeliveryDialog orgId={orgId} endpoint={endpoint} deliveryId={openId} onClose={() => setOpenId(null)} />
    </>
  );
}

function DeliveryDialog({ orgId, endpoint, deliveryId, onClose }: { orgId: string; endpoint: WebhookEndpoint; deliveryId: string | null; onClose: () => void }) {
  const queryClient = useQueryClient();
  const detail = useQuery({
    queryKey: [...deliveriesKey(orgId, endpoint.id), deliveryId],
    queryFn: () => api.get<WebhookDeliveryDetail>(`/orgs/${orgId}/webhooks/${endpoint.id}/deliveries/${deliveryId ?? ''}`),
    enabled: deliveryId !== null,
    refetchInterval: (query) => (query.state.data?.state === 'pending' ? 2_000 : false),
  });
  const replay = useMutation({
    mutationFn: () => api.post<WebhookDelivery>(`/orgs/${orgId}/webhooks/${endpoint.id}/deliveries/${deliveryId ?? ''}/replay`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: deliveriesKey(orgId, endpoint.id) }),
  });
  const d = detail.data;
  return (
    <Dialog open={deliveryId !== null} onOpenChange={(open) => { if (!open) { replay.reset(); onClose(); } }} title="Delivery">
      {detail.isPending && <LoadingState label="Loading the delivery…" />}
      {detail.isError && <ErrorState error={detail.error} orgId={orgId} />}
      {d && (
        <div className="space-y-3 text-sm">
          <p><StateBadge state={d.state} /> <code className="text-xs">{d.kind}</code> · event <code className="text-xs break-all">{d.eventId}</code></p>
          <details>
            <summary className="cursor-pointer font-medium">Body sent</summary>
            <pre className="mt-1 max-h-48 overflow-auto rounded bg-gray-50 p-2 text-xs break-all whitespace-pre-wrap">{d.body}</pre>
          </details>
          <ol className="space-y-2" aria-label="Attempts">
            {d.attemptLog.map((a) => (
              <li key={a.attempt} className="rounded border border-gray-200 p-2">
                <p className="font-medium">Attempt {a.attempt}: {a.responseStatus !== null ? `answered ${a.responseStatus}` : 'no answer'} in {a.durationMs} ms</p>
                <p className="text-xs text-gray-600">{formatDateTime(a.startedAt)}{a.error ? ` · ${a.error}` : ''}</p>
                <details>
                  <summary className="cursor-pointer text-xs">Request headers and answer</summary>
                  <pre className="mt-1 overflow-auto rounded bg-gray-50 p-2 text-xs break-all whitespace-pre-wrap">{Object.entries(a.requestHeaders).map(([k, v]) => `${k}: ${v}`).join('\n')}</pre>
                  {a.responseBody && <pre className="mt-1 overflow-auto rounded bg-gray-50 p-2 text-xs break-all whitespace-pre-wrap">{a.responseBody}</pre>}
                </details>
              </li>
            ))}
          </ol>
          {d.state !== 'pending' && (
            <div className="space-y-2">
              <Button variant="secondary" isLoading={replay.isPending} disabled={!endpoint.enabled} onClick={() => replay.mutate()}>Replay</Button>
              {!endpoint.enabled && <p className="text-xs text-gray-600">Turn the endpoint on to replay events to it.</p>}
              {replay.isSuccess && <p role="status" className="text-green-700">Replay queued: it appears at the top of the log.</p>}
              <FormError message={replay.error ? (replay.error as Error).message : null} />
            </div>
          )}
        </div>
      )}
    </Dialog>
  );
}
