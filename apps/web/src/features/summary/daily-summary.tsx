import { useMutation, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type * as c from '@adloop/contracts';
import { api } from '../../lib/api.ts';
import { Button } from '../../components/ui/button.tsx';
import { ErrorState, LoadingState } from '../../components/ui/states.tsx';
import { formatDecimal, formatMicros } from '../campaigns/report-format.ts';

type DailySummary = z.infer<typeof c.DailySummary>;
type Sent = z.infer<typeof c.DailySummarySent>;

const change = (value: number | null | undefined) => (value === null || value === undefined ? '—' : `${value >= 0 ? '+' : ''}${Math.round(value * 1000) / 10} %`);

/** Yesterday's daily summary as it is sent each morning, with a button to send it to oneself now. */
export function DailySummarySection({ orgId }: { orgId: string }) {
  const query = useQuery({ queryKey: ['orgs', orgId, 'summary', 'daily'], queryFn: () => api.get<DailySummary>(`/orgs/${orgId}/summary/daily`) });
  const send = useMutation({ mutationFn: () => api.post<Sent>(`/orgs/${orgId}/summary/daily/preview`) });
  let body;
  if (query.isPending) body = <LoadingState label="Building the daily summary…" />;
  else if (query.isError) body = <ErrorState error={query.error} orgId={orgId} onRetry={() => void query.refetch()} />;
  else body = <SummaryBody s={query.data} />;
  return (
    <section aria-labelledby="daily-summary-heading" className="space-y-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-200">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id="daily-summary-heading" className="text-base font-semibold text-gray-900">
            Daily summary{query.data ? `: ${query.data.date}` : ''}
          </h2>
          <p className="mt-1 text-sm text-gray-600">Sent each morning at 08:00 by email and Slack, as each person chose in Settings › Notifications.</p>
        </div>
        <Button variant="secondary" isLoading={send.isPending} onClick={() => send.mutate()}>
          Send me a preview
        </Button>
      </div>
      <p role="status" className="text-sm text-gray-700">
        {send.isSuccess ? (send.data.sent ? 'Sent to you through your notification preferences.' : 'Nothing sent: your preferences have the daily summary off.') : ''}
        {send.isError ? 'The preview could not be sent. Try again.' : ''}
      </p>
      {body}
    </section>
  );
}

function SummaryBody({ s }: { s: DailySummary }) {
  return (
    <div className="space-y-3 text-sm text-gray-800">
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        <div>
          <dt className="text-gray-600">Spend</dt>
          <dd className="font-semibold tabular-nums">{formatMicros(s.totals.spendMicros, s.currency)} <span className="font-normal text-gray-600">({change(s.change.spendMicros)} vs {s.previousDate})</span></dd>
        </div>
        <div>
          <dt className="text-gray-600">Conversions</dt>
          <dd className="font-semibold tabular-nums">{formatDecimal(s.totals.conversions)} <span className="font-normal text-gray-600">({change(s.change.conversions)})</span></dd>
        </div>
        <div>
          <dt className="text-gray-600">Expected (forecast)</dt>
          <dd className="tabular-nums">{s.forecast ? `${formatMicros(s.forecast.spendMicros, s.currency)}, ${formatDecimal(s.forecast.conversions)} conv.` : 'Not enough history yet'}</dd>
        </div>
        <div>
          <dt className="text-gray-600">Open anomalies / proposals waiting</dt>
          <dd className="tabular-nums">{s.openAnomalyCount} / {s.proposalsWaiting}</dd>
        </div>
      </dl>
      {s.topMovers.length > 0 ? (
        <div>
          <h3 className="font-medium text-gray-900">Top movers</h3>
          <ul className="mt-1 list-disc space-y-1 pl-5">
            {s.topMovers.map((m) => (
              <li key={m.campaignId}>
                {m.name} <span className="text-gray-600">({m.accountName})</span>: spend {formatMicros(m.previousSpendMicros, m.currency)} → {formatMicros(m.spendMicros, m.currency)}, conversions {formatDecimal(m.previousConversions)} → {formatDecimal(m.conversions)}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="text-gray-600">No campaign moved from the day before.</p>
      )}
    </div>
  );
}
