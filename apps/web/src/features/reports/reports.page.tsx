import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';
import { Button } from '../../components/ui/button.tsx';
import { Badge, Section } from '../../components/ui/card.tsx';
import { ConfirmDialog } from '../../components/ui/confirm-dialog.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/ui/states.tsx';
import { useCurrentOrg } from '../shell/org-context.ts';
import { ReportForm } from './report-form.tsx';
import { ReportLinks } from './report-links.tsx';
import { ReportLogo } from './report-logo.tsx';
import { KPI_LABELS, PERIOD_LABELS, reportKeys, runFileUrl, scheduleText, useReports, useRuns, type ReportBody, type ReportDefinition } from './reports-api.ts';

const RUN_STATE: Record<string, { label: string; tone: 'gray' | 'indigo' | 'green' | 'red' }> = {
  queued: { label: 'Queued', tone: 'gray' },
  running: { label: 'Preparing', tone: 'indigo' },
  done: { label: 'Ready', tone: 'green' },
  failed: { label: 'Failed', tone: 'red' },
};

function History({ orgId, report, canRun }: { orgId: string; report: ReportDefinition; canRun: boolean }) {
  const queryClient = useQueryClient();
  const runs = useRuns(orgId, report.id);
  const [error, setError] = useState<string | null>(null);
  const busy = runs.data?.items.some((r) => r.state === 'queued' || r.state === 'running') ?? false;
  const runNow = async () => {
    setError(null);
    try {
      await api.post(`/orgs/${orgId}/reports/${report.id}/runs`, {});
      await queryClient.invalidateQueries({ queryKey: reportKeys.runs(orgId, report.id) });
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : 'Could not start the report');
    }
  };
  return (
    <div className="space-y-3">
      {canRun && (
        <div className="flex items-center gap-3">
          <Button onClick={() => void runNow()} disabled={busy}>
            Run now
          </Button>
          <span className="text-sm text-gray-500">Prepares the PDF and CSV for {PERIOD_LABELS[report.period]?.toLowerCase()} and emails {report.recipients.length} {report.recipients.length === 1 ? 'recipient' : 'recipients'}.</span>
        </div>
      )}
      {error && <p role="alert" className="text-sm text-red-600">{error}</p>}
      {runs.isPending && <LoadingState label="Loading history…" />}
      {runs.isError && <ErrorState error={runs.error} onRetry={() => void runs.refetch()} />}
      {runs.data && runs.data.items.length === 0 && <p className="text-sm text-gray-500">Not run yet.</p>}
      {runs.data && runs.data.items.length > 0 && (
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Report history</caption>
          <thead className="text-gray-500">
            <tr>
              <th scope="col" className="py-1 pr-3 font-medium">Asked</th>
              <th scope="col" className="py-1 pr-3 font-medium">Period</th>
              <th scope="col" className="py-1 pr-3 font-medium">State</th>
              <th scope="col" className="py-1 font-medium">Files</th>
            </tr>
          </thead>
          <tbody>
            {runs.data.items.map((run) => (
              <tr key={run.id} className="border-t border-gray-100">
                <td className="py-2 pr-3">
                  {new Date(run.createdAt).toLocaleString()} <span className="text-gray-500">({run.trigger === 'schedule' ? 'scheduled' : 'run now'})</span>
                </td>
                <td className="py-2 pr-3">{run.since ? `${run.since} – ${run.until}` : '—'}</td>
                <td className="py-2 pr-3">
                  <Badge tone={RUN_STATE[run.state]!.tone}>{RUN_STATE[run.state]!.label}</Badge>
                  {(run.state === 'running' || run.state === 'queued') && (
                    <progress className="ml-2 align-middle" max={100} value={run.progress} aria-label={`Progress of the run asked ${new Date(run.createdAt).toLocaleString()}`}>
                      {run.progress}%
                    </progress>
                  )}
                  {run.error && <span className="ml-2 text-red-700">{run.error}</span>}
                </td>
                <td className="py-2">
                  {run.state === 'done' && (
                    <span className="flex gap-3">
                      <a className="text-indigo-700 underline" href={runFileUrl(orgId, report.id, run.id, 'pdf')} target="_blank" rel="noreferrer">
                        PDF<span className="sr-only"> of {run.since} – {run.until}</span>
                      </a>
                      <a className="text-indigo-700 underline" href={runFileUrl(orgId, report.id, run.id, 'csv')} download>
                        CSV<span className="sr-only"> of {run.since} – {run.until}</span>
                      </a>
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** Reports: definitions with their schedule, run now with progress, the history with downloads, client links. */
export function ReportsPage() {
  const { org } = useCurrentOrg();
  const queryClient = useQueryClient();
  const reports = useReports(org.id);
  const [editing, setEditing] = useState<ReportDefinition | 'new' | null>(null);
  const [deleting, setDeleting] = useState<ReportDefinition | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const canEdit = org.role !== 'viewer';
  const timeZone = reports.data?.timeZone ?? 'UTC';
  const selected = reports.data?.items.find((r) => r.id === selectedId) ?? reports.data?.items[0] ?? null;
  const refresh = () => queryClient.invalidateQueries({ queryKey: reportKeys.list(org.id) });

  const save = async (body: ReportBody) => {
    const saved = editing === 'new' ? await api.post<ReportDefinition>(`/orgs/${org.id}/reports`, body) : await api.put<ReportDefinition>(`/orgs/${org.id}/reports/${(editing as ReportDefinition).id}`, body);
    setSelectedId(saved.id);
    await refresh();
  };

  let body;
  if (reports.isPending) body = <LoadingState label="Loading reports…" />;
  else if (reports.isError) body = <ErrorState error={reports.error} orgId={org.id} onRetry={() => void reports.refetch()} />;
  else if (reports.data.items.length === 0)
    body = (
      <EmptyState title="No reports yet" action={canEdit ? <Button onClick={() => setEditing('new')}>New report</Button> : undefined}>
        A report gathers the numbers of some or all ad accounts into a branded PDF and a CSV, sent on a schedule or when you run it.
      </EmptyState>
    );
  else
    body = (
      <div className="grid gap-6 lg:grid-cols-[16rem_1fr]">
        <nav aria-label="Reports">
          <ul className="space-y-1">
            {reports.data.items.map((r) => (
              <li key={r.id}>
                <button type="button" onClick={() => setSelectedId(r.id)} aria-current={selected?.id === r.id ? 'true' : undefined} className={`w-full rounded-md px-3 py-2 text-left text-sm ${selected?.id === r.id ? 'bg-indigo-50 font-semibold text-indigo-900' : 'text-gray-700 hover:bg-gray-100'}`}>
                  {r.name}
                  <span className="block text-xs font-normal text-gray-700">{scheduleText(r, timeZone)}</span>
                </button>
              </li>
            ))}
          </ul>
        </nav>
        {selected && (
          <div className="space-y-6">
            <Section
              level={2}
              title={selected.name}
              description={`${scheduleText(selected, timeZone)}. ${PERIOD_LABELS[selected.period]}; ${selected.kpis.map((k) => KPI_LABELS[k]).join(', ')}.`}
              actions={
                canEdit && (
                  <div className="flex gap-2">
                    <Button variant="secondary" onClick={() => setEditing(selected)}>
                      Edit
                    </Button>
                    <Button variant="danger" onClick={() => setDeleting(selected)}>
                      Delete
                    </Button>
                  </div>
                )
              }
            >
              <dl className="grid gap-2 text-sm sm:grid-cols-2">
                <div><dt className="text-gray-500">Next send</dt><dd>{selected.nextRunAt ? new Date(selected.nextRunAt).toLocaleString() : 'Not scheduled'}</dd></div>
                <div><dt className="text-gray-500">Recipients</dt><dd>{selected.recipients.join(', ') || 'Nobody yet'}</dd></div>
                <div><dt className="text-gray-500">Accounts</dt><dd>{selected.accountIds === null ? 'Every ad account' : `${selected.accountIds.length} chosen`}</dd></div>
                <div><dt className="text-gray-500">Branding</dt><dd>{selected.branding.agencyName ?? 'Adloop'}</dd></div>
              </dl>
              {canEdit && <ReportLogo orgId={org.id} report={selected} onChanged={refresh} />}
            </Section>
            <Section level={2} title="History" description="Every run with its files, newest first.">
              <History orgId={org.id} report={selected} canRun={canEdit} />
            </Section>
            <Section level={2} title="Client links" description="Read-only links to this report, live, for people without a login. Only this report's accounts are shown; every view is logged.">
              <ReportLinks orgId={org.id} reportId={selected.id} canEdit={canEdit} />
            </Section>
          </div>
        )}
      </div>
    );

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold text-gray-900">Reports</h1>
          <p className="mt-1 text-sm text-gray-500">Branded PDF and CSV reports, on a schedule or on demand, and links for your clients.</p>
        </div>
        {canEdit && reports.data && reports.data.items.length > 0 && <Button onClick={() => setEditing('new')}>New report</Button>}
      </div>
      {body}
      {editing !== null && <ReportForm orgId={org.id} report={editing === 'new' ? null : editing} timeZone={timeZone} open onOpenChange={(open) => !open && setEditing(null)} onSave={save} />}
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(open) => !open && setDeleting(null)}
        title={`Delete ${deleting?.name ?? 'this report'}?`}
        description="Its schedule stops, its history is deleted and its client links stop working."
        confirmLabel="Delete report"
        onConfirm={async () => {
          if (deleting) await api.delete(`/orgs/${org.id}/reports/${deleting.id}`);
          setSelectedId(null);
          await refresh();
        }}
      />
    </div>
  );
}
