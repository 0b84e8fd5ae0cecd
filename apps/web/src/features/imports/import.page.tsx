import { useState } from 'react';
import { Link } from '@tanstack/react-router';
import { useQueryClient } from '@tanstack/react-query';
import type { ImportKind, ImportPreview, ImportResult, ImportRowResult } from '@adloop/contracts';
import { api } from '../../lib/api.ts';
import { canEditCampaigns, keys } from '../../lib/queries.ts';
import { Button, buttonClass } from '../../components/ui/button.tsx';
import { Alert } from '../../components/ui/alert.tsx';
import { ConfirmDialog } from '../../components/ui/confirm-dialog.tsx';
import { LoadingState } from '../../components/ui/states.tsx';
import { useCurrentOrg } from '../shell/org-context.ts';
import { FilePicker } from './file-picker.tsx';
import { PreviewTable, type RowFilter } from './preview-table.tsx';
import { ApplyResults } from './apply-results.tsx';
import { applyInParts, type ApplyProgress } from './apply-in-parts.ts';

const KINDS: Array<{ kind: ImportKind; label: string; hint: string }> = [
  { kind: 'changes', label: 'Changes to campaigns', hint: 'Pause, enable or set the daily or lifetime budget of existing campaigns.' },
  { kind: 'campaigns', label: 'New campaigns', hint: 'One campaign per row, each with one ad group and one ad.' },
];

type Stage =
  | { step: 'pick' }
  | { step: 'checking'; name: string }
  | { step: 'preview'; name: string; csv: string; preview: ImportPreview }
  | { step: 'applying'; name: string; csv: string; preview: ImportPreview; progress: ApplyProgress }
  | { step: 'done'; name: string; csv: string; preview: ImportPreview; results: ImportRowResult[]; error: string | null };

const newKey = () => `import-${crypto.randomUUID()}`;
const rows = (n: number) => `${n.toLocaleString()} ${n === 1 ? 'row' : 'rows'}`;

/** Bulk import: choose the kind, upload or paste a CSV, see every row checked, then apply the valid rows. */
export function ImportPage() {
  const { org } = useCurrentOrg();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<ImportKind>('changes');
  const [stage, setStage] = useState<Stage>({ step: 'pick' });
  const [error, setError] = useState<string | null>(null);
  const [filter, setFilter] = useState<RowFilter>('all');
  const [confirming, setConfirming] = useState(false);
  // One key per checked file: applying it again (after a failure) never sends a row twice.
  const [idempotencyKey, setKey] = useState(newKey);
  const base = `/orgs/${org.id}/imports`;

  if (!canEditCampaigns(org.role)) return <Alert tone="info">Viewers cannot import changes or campaigns.</Alert>;

  const check = async (file: { name: string; text: string }) => {
    setError(null);
    setStage({ step: 'checking', name: file.name });
    try {
      const preview = await api.post<ImportPreview>(`${base}/preview`, { kind, csv: file.text });
      setFilter(preview.errorCount > 0 ? 'errors' : 'all');
      setKey(newKey());
      setStage({ step: 'preview', name: file.name, csv: file.text, preview });
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : 'The file could not be checked');
      setStage({ step: 'pick' });
    }
  };

  /** Sends `lines` (all valid rows, or refused ones again with `confirm`), merging their results into `earlier` by line. */
  const send = async (name: string, csv: string, preview: ImportPreview, lines: number[], earlier: ImportRowResult[], confirm: string[] = []) => {
    const merge = (results: readonly ImportRowResult[]) => {
      const byLine = new Map([...earlier, ...results].map((r) => [r.line, r]));
      return [...byLine.values()].sort((a, b) => a.line - b.line);
    };
    setStage({ step: 'applying', name, csv, preview, progress: { done: 0, total: lines.length, results: [] } });
    let latest: ImportRowResult[] = [];
    try {
      latest = await applyInParts((body) => api.post<ImportResult>(`${base}/apply`, body), { kind, csv, idempotencyKey, lines, confirm }, (progress) => {
        latest = progress.results;
        setStage({ step: 'applying', name, csv, preview, progress });
      });
      setStage({ step: 'done', name, csv, preview, results: merge(latest), error: null });
    } catch (failure) {
      setStage({ step: 'done', name, csv, preview, results: merge(latest), error: failure instanceof Error ? failure.message : 'Applying stopped' });
    } finally {
      void queryClient.invalidateQueries({ queryKey: keys.campaignList(org.id) });
      void queryClient.invalidateQueries({ queryKey: keys.campaignChanges(org.id) });
    }
  };
  const apply = async () => {
    if (stage.step !== 'preview') return;
    await send(stage.name, stage.csv, stage.preview, stage.preview.rows.filter((r) => r.errors.length === 0).map((r) => r.line), []);
  };

  const chosen = KINDS.find((k) => k.kind === kind)!;
  return (
    <div className="space-y-6">
      <div>
        <Link to="/orgs/$orgId/campaigns" params={{ orgId: org.id }} className="text-sm font-medium text-indigo-600 hover:text-indigo-500">
          ← Campaigns
        </Link>
        <h1 className="mt-2 text-2xl font-semibold tracking-tight text-gray-900">Import from CSV</h1>
        <p className="mt-1 text-sm text-gray-600">Every row is checked and its errors shown before anything is sent. Valid rows then go through the same checks, approvals and undo as changes made one by one.</p>
      </div>

      {(stage.step === 'pick' || stage.step === 'checking') && (
        <>
          <fieldset>
            <legend className="text-sm font-semibold text-gray-900">What the file holds</legend>
            <div className="mt-2 grid gap-3 sm:grid-cols-2">
              {KINDS.map((k) => (
                <label key={k.kind} className={`cursor-pointer rounded-lg p-3 ring-1 ${kind === k.kind ? 'bg-indigo-50 ring-2 ring-indigo-600' : 'ring-gray-300'}`}>
                  <input type="radio" name="kind" value={k.kind} checked={kind === k.kind} onChange={() => setKind(k.kind)} className="mr-2" />
                  <span className="text-sm font-medium text-gray-900">{k.label}</span>
                  <span className="mt-1 block text-xs text-gray-600">{k.hint}</span>
                </label>
              ))}
            </div>
          </fieldset>
          <p className="text-sm text-gray-600">
            <a href={`/api/v1${base}/template?kind=${kind}`} download className="font-medium text-indigo-600 hover:text-indigo-500">
              Download the template for {chosen.label.toLowerCase()}
            </a>{' '}
            (its headings and an example row).
          </p>
          {error && <Alert tone="error" title="The file was not checked">{error}</Alert>}
          {stage.step === 'checking' ? <LoadingState label={`Checking ${stage.name}…`} /> : <FilePicker onFile={(file) => void check(file)} />}
        </>
      )}

      {stage.step !== 'pick' && stage.step !== 'checking' && <PreviewSummary name={stage.name} preview={stage.preview} />}

      {stage.step === 'preview' && (
        <>
          {stage.preview.fileErrors.length > 0 ? (
            <Alert tone="error" title="The file's headings need fixing first">
              <ul className="list-disc pl-5">
                {stage.preview.fileErrors.map((e) => (
                  <li key={`${e.column}-${e.message}`}>{e.column ? `${e.column} ${e.message}` : e.message}</li>
                ))}
              </ul>
            </Alert>
          ) : (
            <>
              <div className="flex flex-wrap items-center gap-3">
                <Button disabled={stage.preview.validCount === 0} onClick={() => setConfirming(true)}>
                  Apply {rows(stage.preview.validCount)}
                </Button>
                <Button variant="secondary" onClick={() => setStage({ step: 'pick' })}>
                  Choose another file
                </Button>
                {stage.preview.errorCount > 0 && (
                  <label className="text-sm text-gray-700">
                    <input type="checkbox" className="mr-2" checked={filter === 'errors'} onChange={(e) => setFilter(e.currentTarget.checked ? 'errors' : 'all')} />
                    Only rows with errors
                  </label>
                )}
              </div>
              <PreviewTable preview={stage.preview} filter={filter} />
            </>
          )}
          <ConfirmDialog
            open={confirming}
            onOpenChange={setConfirming}
            tone="primary"
            title={`Apply ${rows(stage.preview.validCount)}?`}
            description={
              stage.preview.errorCount > 0
                ? `${rows(stage.preview.errorCount)} with errors will be left out. Changes reach the ad platforms now, or wait for approval where your organisation asks for it.`
                : 'Changes reach the ad platforms now, or wait for approval where your organisation asks for it.'
            }
            confirmLabel={`Apply ${rows(stage.preview.validCount)}`}
            onConfirm={async () => {
              setConfirming(false);
              await apply();
            }}
          />
        </>
      )}

      {stage.step === 'applying' && (
        <div className="space-y-2">
          <p className="text-sm text-gray-700" role="status">
            Applying… {stage.progress.done.toLocaleString()} of {rows(stage.progress.total)} sent
          </p>
          <progress className="w-full" max={stage.progress.total} value={stage.progress.done} aria-label="Rows applied" />
        </div>
      )}

      {stage.step === 'done' && (
        <div className="space-y-3">
          {stage.error ? (
            <Alert tone="error" title="Applying stopped">
              {stage.error} The rows below were sent; apply the file again to send the rest (rows already sent are not sent twice).
            </Alert>
          ) : (
            <DoneSummary results={stage.results} />
          )}
          <GoPastSoftLimits results={stage.results} onConfirm={(lines, confirm) => send(stage.name, stage.csv, stage.preview, lines, stage.results, confirm)} />
          <div className="flex gap-3">
            <Button variant="secondary" onClick={() => setStage({ step: 'pick' })}>
              Import another file
            </Button>
            <Link to="/orgs/$orgId/campaigns" params={{ orgId: org.id }} className={buttonClass('secondary')}>
              Back to campaigns
            </Link>
          </div>
          <ApplyResults orgId={org.id} results={stage.results} />
        </div>
      )}
    </div>
  );
}

function PreviewSummary({ name, preview }: { name: string; preview: ImportPreview }) {
  return (
    <p className="text-sm text-gray-700">
      <span className="font-medium">{name}</span>: {rows(preview.rows.length)}, <span className="text-green-800">{preview.validCount.toLocaleString()} valid</span>,{' '}
      <span className={preview.errorCount > 0 ? 'font-semibold text-red-800' : ''}>{preview.errorCount.toLocaleString()} with errors</span>.
    </p>
  );
}

function DoneSummary({ results }: { results: readonly ImportRowResult[] }) {
  const count = (test: (r: ImportRowResult) => boolean) => results.filter(test).length;
  const proposed = count((r) => r.state === 'proposed');
  const refused = count((r) => r.outcome !== 'sent');
  return (
    <Alert tone={refused > 0 ? 'warning' : 'success'} title="Import applied">
      {rows(count((r) => r.outcome === 'sent'))} sent{proposed > 0 ? ` (${proposed.toLocaleString()} awaiting approval)` : ''}
      {refused > 0 ? `, ${rows(refused)} refused: see why below.` : '.'}
    </Alert>
  );
}

/** Rows refused only by soft guardrails (e.g. a large budget jump): the person may send them again, going past those limits. */
function GoPastSoftLimits({ results, onConfirm }: { results: readonly ImportRowResult[]; onConfirm: (lines: number[], confirm: string[]) => Promise<void> }) {
  const [open, setOpen] = useState(false);
  const soft = results.filter((r) => r.outcome === 'failed' && r.guardrails.length > 0 && r.guardrails.every((g) => g.soft));
  if (soft.length === 0) return null;
  const ids = [...new Set(soft.flatMap((r) => r.guardrails.map((g) => g.id)))];
  const messages = [...new Set(soft.flatMap((r) => r.guardrails.map((g) => g.message)))];
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Review {rows(soft.length)} held back by limits
      </Button>
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        tone="primary"
        title={`Apply ${rows(soft.length)} past the organisation's limits?`}
        description={
          <ul className="list-disc pl-5">
            {messages.slice(0, 5).map((m) => (
              <li key={m}>{m}</li>
            ))}
            {messages.length > 5 && <li>…and {messages.length - 5} more</li>}
          </ul>
        }
        confirmLabel={`Apply ${rows(soft.length)} anyway`}
        onConfirm={async () => {
          setOpen(false);
          await onConfirm(
            soft.map((r) => r.line),
            ids,
          );
        }}
      />
    </>
  );
}
