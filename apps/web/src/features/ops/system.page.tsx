import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button } from '../../components/ui/button.tsx';
import { FormError } from '../../components/ui/alert.tsx';
import { Section } from '../../components/ui/card.tsx';
import { isApiError } from '../../lib/api.ts';
import { opsApi } from './ops-api.ts';

const percent = (rate: number | null) => (rate === null ? '–' : `${(rate * 100).toFixed(1)} %`);

/** On-Call: each queue's depth and failure rate, and the failed jobs to retry or discard. */
export function SystemPage() {
  const queryClient = useQueryClient();
  const queues = useQuery({ queryKey: ['ops', 'queues'], queryFn: opsApi.queues, refetchInterval: 15_000 });
  const dead = useQuery({ queryKey: ['ops', 'dead-letters'], queryFn: opsApi.deadLetters });
  const act = useMutation({
    mutationFn: ({ queue, id, retry }: { queue: string; id: string; retry: boolean }) => (retry ? opsApi.retryJob(queue, id) : opsApi.discardJob(queue, id)),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['ops'] }),
  });
  return (
    <div className="space-y-6">
      <Section title="Queues" level={2} description="Waiting and running jobs, failed jobs kept, and the last hour’s failure rate.">
        <table className="w-full text-left text-sm">
          <thead><tr><th>Queue</th><th>Waiting</th><th>Running</th><th>Failed</th><th>Failure rate (1 h)</th></tr></thead>
          <tbody>
            {queues.data?.items.map((q) => (
              <tr key={q.name} className={q.failureRate !== null && q.failureRate > 0.1 ? 'bg-red-50' : ''}>
                <td>{q.name}</td><td>{q.queued}</td><td>{q.active}</td><td>{q.failed}</td><td>{percent(q.failureRate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
      <Section title="Failed jobs" level={2} description="Jobs that used up their retries.">
        {dead.data?.items.length === 0 && <p className="text-sm text-gray-600">None.</p>}
        <ul className="divide-y divide-gray-200 text-sm">
          {dead.data?.items.map((job) => (
            <li key={job.id} className="space-y-1 py-2">
              <p><span className="font-medium">{job.queue}</span> · {job.attempts} attempts · {job.failedAt ? new Date(job.failedAt).toLocaleString() : ''}</p>
              <p className="font-mono text-xs text-gray-700">{job.payloadSummary}</p>
              <p className="text-red-800">{job.error}</p>
              <div className="flex gap-2">
                <Button onClick={() => act.mutate({ queue: job.queue, id: job.id, retry: true })}>Retry</Button>
                <Button variant="secondary" onClick={() => act.mutate({ queue: job.queue, id: job.id, retry: false })}>Discard</Button>
              </div>
            </li>
          ))}
        </ul>
        <FormError message={act.error ? (isApiError(act.error) ? act.error.message : 'Could not do that') : null} />
      </Section>
    </div>
  );
}
