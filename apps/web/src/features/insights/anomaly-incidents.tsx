import { useId, useState } from 'react';
import { useRouter } from '@tanstack/react-router';
import { useQueryClient } from '@tanstack/react-query';
import { Button } from '../../components/ui/button.tsx';
import { Badge } from '../../components/ui/card.tsx';
import { ConfirmDialog } from '../../components/ui/confirm-dialog.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/ui/states.tsx';
import { formatMicros, formatPoint } from '../campaigns/report-format.ts';
import { acknowledgeIncident, incidentKeys, snoozeIncident, SNOOZE_CHOICES, useIncidents, type AnomalyIncident } from './anomaly-incidents-api.ts';
import { causeLabel, formatMetric, metricLabel } from './insights-words.ts';

const select = 'mt-1 block rounded-md border-0 py-1.5 pl-2 pr-8 text-sm text-gray-900 ring-1 ring-inset ring-gray-300 focus:ring-2 focus:ring-indigo-600';
const when = (iso: string, grain: 'hour' | 'day') => formatPoint(grain === 'day' ? iso.slice(0, 10) : iso.slice(0, 16));

/**
 * The account's anomaly incidents as the hourly check stored them: open ones with snooze and
 * acknowledge, or the latest resolved ones; each with its figures and a link to the chart.
 */
export function AnomalyIncidents({ orgId, accountId, canAct }: { orgId: string; accountId: string; canAct: boolean }) {
  const [status, setStatus] = useState<'open' | 'resolved'>('open');
  const query = useIncidents(orgId, accountId, status);
  const statusId = useId();
  let content;
  if (query.isPending) content = <LoadingState label="Loading anomalies…" />;
  else if (query.isError) content = <ErrorState error={query.error} orgId={orgId} onRetry={() => void query.refetch()} />;
  else if (query.data!.items.length === 0)
    content = (
      <EmptyState title={status === 'open' ? 'No open anomalies' : 'No resolved anomalies yet'}>
        {status === 'open' ? 'The hourly check found this account and its campaigns within their expected ranges.' : 'Anomalies appear here once they are back to normal.'}
      </EmptyState>
    );
  else
    content = (
      <ul className="divide-y divide-gray-100" aria-label={status === 'open' ? 'Open anomalies' : 'Resolved anomalies'}>
        {query.data!.items.map((incident) => (
          <IncidentItem key={incident.id} orgId={orgId} incident={incident} canAct={canAct} />
        ))}
      </ul>
    );
  return (
    <div className="space-y-3">
      <div>
        <label htmlFor={statusId} className="block text-xs font-medium text-gray-700">
          Show
        </label>
        <select id={statusId} className={select} value={status} onChange={(e) => setStatus(e.target.value === 'resolved' ? 'resolved' : 'open')}>
          <option value="open">Open anomalies</option>
          <option value="resolved">Resolved anomalies</option>
        </select>
      </div>
      {content}
    </div>
  );
}

function IncidentItem({ orgId, incident: i, canAct }: { orgId: string; incident: AnomalyIncident; canAct: boolean }) {
  const queryClient = useQueryClient();
  const router = useRouter();
  const [snoozing, setSnoozing] = useState(false);
  const [acking, setAcking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const money = (m: number) => formatMicros(m, i.currency);
  const refresh = () => queryClient.invalidateQueries({ queryKey: incidentKeys.all(orgId) });
  const titleId = useId();
  const snoozeField = useId();

  const acknowledge = async () => {
    setAcking(true);
    setError(null);
    try {
      await acknowledgeIncident(orgId, i.id);
      await refresh();
    } catch {
      setError('Could not mark it as seen. Try again.');
    } finally {
      setAcking(false);
    }
  };
  const snooze = async (form: HTMLFormElement) => {
    const hours = Number(new FormData(form).get('hours') ?? 24);
    await snoozeIncident(orgId, i.id, new Date(Date.now() + hours * 3_600_000).toISOString());
    await refresh();
  };
  const chart = i.link.startsWith('/') ? i.link : null;

  return (
    <li className="space-y-1 py-3" aria-labelledby={titleId}>
      <p className="flex flex-wrap items-center gap-2 text-sm">
        <Badge tone={i.cause === 'tracking' || i.cause === 'overspend' ? 'red' : 'amber'}>{causeLabel(i.cause)}</Badge>
        <span id={titleId} className="font-medium text-gray-900">
          {metricLabel(i.metric)} {i.direction === 'up' ? 'up' : 'down'} — {i.name}
        </span>
        <span className="text-xs text-gray-500">
          {i.campaignId === null ? 'account' : 'campaign'}, {i.grain === 'hour' ? 'hourly' : 'daily'}
          {i.confidence === 'low' ? ', low confidence (short history)' : ''}
          {i.occurrences > 1 ? `, seen ${i.occurrences} times` : ''}
        </span>
        {i.snoozedUntil && <Badge tone="gray">Snoozed until {formatPoint(i.snoozedUntil.slice(0, 16))}</Badge>}
        {i.acknowledgedAt && <Badge tone="green">Seen{i.acknowledgedBy ? ` by ${i.acknowledgedBy}` : ''}</Badge>}
        {i.status === 'resolved' && i.resolvedAt && <Badge tone="green">Back to normal {formatPoint(i.resolvedAt.slice(0, 16))}</Badge>}
      </p>
      <p className="text-sm text-gray-700">
        Observed {formatMetric(i.metric, i.observed, money)}, expected {formatMetric(i.metric, i.expected, money)} (normal range {formatMetric(i.metric, i.lower, money)} to{' '}
        {formatMetric(i.metric, i.upper, money)}) since {when(i.since, i.grain)}.
      </p>
      <div className="flex flex-wrap items-center gap-2 pt-1">
        {chart && (
          <a
            href={chart}
            onClick={(e) => {
              if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
              e.preventDefault();
              router.history.push(chart);
            }}
            className="text-sm font-medium text-indigo-600 hover:text-indigo-800"
          >
            Open the chart<span className="sr-only"> of {i.name}</span>
          </a>
        )}
        {canAct && i.status === 'open' && (
          <>
            {!i.acknowledgedAt && (
              <Button variant="secondary" onClick={() => void acknowledge()} isLoading={acking} aria-describedby={titleId}>
                Mark as seen
              </Button>
            )}
            <Button variant="secondary" onClick={() => setSnoozing(true)} aria-describedby={titleId}>
              {i.snoozedUntil ? 'Snooze longer' : 'Snooze'}
            </Button>
          </>
        )}
      </div>
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      <ConfirmDialog
        open={snoozing}
        onOpenChange={setSnoozing}
        tone="primary"
        title="Snooze this anomaly?"
        description={`No alerts for “${metricLabel(i.metric)} — ${i.name}” until the time chosen, even if it ends and comes back. It stays listed here.`}
        confirmLabel="Snooze"
        onConfirm={snooze}
        fieldNames={['until']}
      >
        {(fieldErrors) => (
          <div>
            <label htmlFor={snoozeField} className="block text-sm font-medium text-gray-700">
              Snooze for
            </label>
            <select id={snoozeField} name="hours" className={select} defaultValue="24" aria-invalid={fieldErrors.until ? true : undefined}>
              {SNOOZE_CHOICES.map((c) => (
                <option key={c.hours} value={c.hours}>
                  {c.label}
                </option>
              ))}
            </select>
            {fieldErrors.until && <p className="mt-1 text-sm text-red-700">{fieldErrors.until}</p>}
          </div>
        )}
      </ConfirmDialog>
    </li>
  );
}
