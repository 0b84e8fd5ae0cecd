import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DataExport, DataExportList } from '@adloop/contracts';
import { api } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { Alert, FormError } from '../../components/ui/alert.tsx';
import { Button } from '../../components/ui/button.tsx';
import { Badge, Section } from '../../components/ui/card.tsx';
import { ErrorState, LoadingState } from '../../components/ui/states.tsx';
import { formErrors } from '../../lib/form-errors.ts';

export const exportsKey = ['me', 'exports'] as const;

/** The person's exports (their own and the organisations'), polled while one is being built. */
export function useExports() {
  return useQuery({
    queryKey: exportsKey,
    queryFn: () => api.get<DataExportList>('/me/exports'),
    refetchInterval: (query) => (query.state.data?.items.some((e) => e.state === 'queued' || e.state === 'running') ? 1000 : false),
  });
}

function ExportRow({ item }: { item: DataExport }) {
  const what = item.scope === 'user' ? 'Your data' : 'Organisation data';
  let status: React.ReactNode;
  if (item.expired) status = <Badge>Expired</Badge>;
  else if (item.state === 'ready') status = <Badge tone="green">Ready</Badge>;
  else if (item.state === 'failed') status = <Badge tone="red">Failed</Badge>;
  else status = <Badge tone="amber">{item.state === 'queued' ? 'Waiting' : `Preparing… ${item.progress}%`}</Badge>;
  return (
    <li className="flex flex-wrap items-center justify-between gap-3 py-3" data-testid="export-row">
      <div className="min-w-0">
        <p className="text-sm font-medium text-gray-900">
          {what} <span className="font-normal text-gray-500">· asked {formatDateTime(item.createdAt)}</span>
        </p>
        <p className="text-xs text-gray-500">
          {item.state === 'failed' ? (item.error ?? 'The export could not be built: ask for a new one.') : item.expired ? 'The link has expired: ask for a new export.' : `The link works until ${formatDateTime(item.expiresAt)}.`}
        </p>
        {(item.state === 'queued' || item.state === 'running') && (
          <div className="mt-2 h-1.5 w-48 overflow-hidden rounded bg-gray-200" role="progressbar" aria-label="Export progress" aria-valuenow={item.progress} aria-valuemin={0} aria-valuemax={100}>
            <div className="h-full bg-indigo-600" style={{ width: `${item.progress}%` }} />
          </div>
        )}
      </div>
      <div className="flex items-center gap-3">
        {status}
        {item.downloadUrl && (
          <a href={item.downloadUrl} className="text-sm font-medium text-indigo-700 hover:underline" download>
            Download zip{item.sizeBytes ? ` (${Math.max(1, Math.round(item.sizeBytes / 1024))} KB)` : ''}
          </a>
        )}
      </div>
    </li>
  );
}

/** Starts an export (of the person, or of `orgId`) and lists that scope's exports with their progress and link. */
export function ExportSection({ orgId, title, description, buttonLabel }: { orgId: string | null; title: string; description: string; buttonLabel: string }) {
  const queryClient = useQueryClient();
  const exports = useExports();
  const start = useMutation({
    mutationFn: () => api.post<DataExport>(orgId ? `/orgs/${orgId}/exports` : '/me/exports', {}),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: exportsKey }),
  });
  const items = exports.data?.items.filter((e) => (orgId ? e.orgId === orgId : e.scope === 'user')) ?? [];
  return (
    <Section title={title} description={description} actions={<Button onClick={() => start.mutate()} isLoading={start.isPending}>{buttonLabel}</Button>}>
      <FormError message={start.isError ? formErrors(start.error, []).form : null} />
      {start.isSuccess && <Alert tone="info">We are preparing the export; we will also email you the link when it is ready.</Alert>}
      {exports.isPending ? (
        <LoadingState />
      ) : exports.isError ? (
        <ErrorState error={exports.error} onRetry={() => void exports.refetch()} />
      ) : items.length === 0 ? (
        <p className="text-sm text-gray-600">No exports yet.</p>
      ) : (
        <ul className="divide-y divide-gray-100" aria-label={`${title}: exports`}>
          {items.map((item) => (
            <ExportRow key={item.id} item={item} />
          ))}
        </ul>
      )}
    </Section>
  );
}
