import { usePaged } from '../../lib/use-paged.ts';
import { usePollInterval } from '../../lib/live.ts';
import { formatDateTime, formatRelative } from '../../lib/format.ts';
import { Badge } from '../../components/ui/card.tsx';
import { LoadMore } from '../../components/ui/load-more.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/ui/states.tsx';
import type { RuleEntityOutcome, RuleRunSummary } from './rule-types.ts';
import { rulePath, ruleKeys, useRunDetail } from './rules-api.ts';
import { RUN_OUTCOME_WORDS } from './rule-words.ts';
import { EntityOutcome } from './entity-outcome.tsx';
import { RuleChangeLinks } from './rule-change-links.tsx';

const runCounts = (run: RuleRunSummary) =>
  [`${run.examined} examined`, `${run.matched} matched`, run.acted && `${run.acted} changed`, run.proposed && `${run.proposed} proposed`, run.notified && `${run.notified} notified`, run.skipped && `${run.skipped} skipped`].filter(Boolean).join(' · ');

/** The rule's runs, newest first; the chosen one opens to each object's outcome. */
export function RuleRuns({ orgId, ruleId, selected, onSelect, canEdit }: { orgId: string; ruleId: string; selected: string | undefined; onSelect: (runId: string | undefined) => void; canEdit: boolean }) {
  // A finished run arrives as a live update; polling is the fallback while they are down.
  const poll = usePollInterval();
  const runs = usePaged<RuleRunSummary>(ruleKeys.runs(orgId, ruleId), `${rulePath(orgId, ruleId)}/runs`, {}, { limit: 20, refetchInterval: poll(15_000) });
  let body: React.ReactNode;
  if (runs.isPending) body = <LoadingState label="Loading runs…" />;
  else if (runs.isError) body = <ErrorState error={runs.error} orgId={orgId} onRetry={() => void runs.refetch()} />;
  else if (runs.items.length === 0) body = <EmptyState title="No runs yet">Switch the rule on, or press Run now, and each run shows here with what it did to every object.</EmptyState>;
  else
    body = (
      <>
        <ol className="divide-y divide-gray-100" aria-label="Runs, newest first">
          {runs.items.map((run) => {
            const isOpen = run.id === selected;
            const words = RUN_OUTCOME_WORDS[run.outcome];
            return (
              <li key={run.id} className="py-2">
                <button type="button" aria-expanded={isOpen} onClick={() => onSelect(isOpen ? undefined : run.id)} className="flex w-full flex-wrap items-center gap-2 rounded-md px-2 py-1 text-left text-sm hover:bg-gray-50 focus-visible:outline-2 focus-visible:outline-indigo-600">
                  <time dateTime={run.startedAt} title={formatDateTime(run.startedAt)} className="font-medium text-gray-900">
                    {formatRelative(run.startedAt)}
                  </time>
                  <span className="text-xs text-gray-500">{run.trigger === 'manual' ? 'Run now' : 'Scheduled'}</span>
                  <Badge tone={words.tone}>{words.label}</Badge>
                  <span className="text-xs text-gray-600">{runCounts(run)}</span>
                  {run.message && <span className="basis-full text-xs text-gray-600">{run.message}</span>}
                </button>
                {isOpen && <RunDetail orgId={orgId} ruleId={ruleId} runId={run.id} canEdit={canEdit} />}
              </li>
            );
          })}
        </ol>
        <LoadMore hasNextPage={runs.hasNextPage} isFetchingNextPage={runs.isFetchingNextPage} fetchNextPage={runs.fetchNextPage} />
      </>
    );
  return (
    <section aria-labelledby="runs-heading" className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-200">
      <h2 id="runs-heading" className="mb-2 text-base font-semibold text-gray-900">
        History
      </h2>
      {body}
    </section>
  );
}

/** Objects the rule did something to first, then the skipped, then those that did not match. */
const ORDER: Record<RuleEntityOutcome['outcome'], number> = { acted: 0, proposed: 1, notified: 2, failed: 3, skipped: 4, no_match: 5 };

function RunDetail({ orgId, ruleId, runId, canEdit }: { orgId: string; ruleId: string; runId: string; canEdit: boolean }) {
  const detail = useRunDetail(orgId, ruleId, runId);
  if (detail.isPending) return <LoadingState label="Loading the run…" />;
  if (detail.isError) return <ErrorState error={detail.error} orgId={orgId} onRetry={() => void detail.refetch()} />;
  const run = detail.data.pages[0];
  if (!run) return null;
  const entities = detail.data.pages.flatMap((p) => p.entities).sort((a, b) => ORDER[a.outcome] - ORDER[b.outcome]);
  return (
    <div className="mt-2 rounded-md bg-gray-50 px-3 py-2">
      <p className="text-xs text-gray-600">
        Started {formatDateTime(run.startedAt)}
        {run.finishedAt && `, finished ${formatDateTime(run.finishedAt)}`}
        {run.dataAsOf && ` · numbers as of ${formatDateTime(run.dataAsOf)}`}
      </p>
      {entities.length === 0 ? (
        <p className="py-2 text-sm text-gray-600">No object was examined in this run.</p>
      ) : (
        <ul className="divide-y divide-gray-200" aria-label="Objects in this run">
          {entities.map((entity) => (
            <EntityOutcome key={entity.id} entity={entity} extra={<RuleChangeLinks orgId={orgId} changeIds={entity.changeIds} canEdit={canEdit} />} />
          ))}
        </ul>
      )}
      <LoadMore hasNextPage={detail.hasNextPage} isFetchingNextPage={detail.isFetchingNextPage} fetchNextPage={detail.fetchNextPage} />
    </div>
  );
}
