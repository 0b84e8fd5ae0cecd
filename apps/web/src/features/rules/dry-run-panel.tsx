import { useMutation } from '@tanstack/react-query';
import { formatDateTime } from '../../lib/format.ts';
import { isApiError } from '../../lib/api.ts';
import { Button } from '../../components/ui/button.tsx';
import { Alert } from '../../components/ui/alert.tsx';
import { EmptyState } from '../../components/ui/states.tsx';
import type { RuleDefinition, RuleMode } from './rule-types.ts';
import { dryRun } from './rules-api.ts';
import { EntityOutcome } from './entity-outcome.tsx';
import { ConflictList } from './rule-conflicts.tsx';

/** What the rule would do now, without doing it: the objects it would match, with the numbers seen. */
export function DryRunPanel({ orgId, definition, mode, onFieldErrors }: { orgId: string; definition: RuleDefinition; mode: RuleMode; onFieldErrors: (error: unknown) => void }) {
  const preview = useMutation({
    mutationFn: (asked: { definition: RuleDefinition; mode: RuleMode }) => dryRun(orgId, asked.definition, asked.mode),
    onError: (error) => isApiError(error) && error.issues.length > 0 && onFieldErrors(error),
    onSuccess: () => onFieldErrors(null),
  });
  const result = preview.data;
  // The preview answers for the rule as it was asked: say so once the rule has changed since.
  const isStale = result !== undefined && preview.variables !== undefined && JSON.stringify(preview.variables) !== JSON.stringify({ definition, mode });
  return (
    <section aria-labelledby="dry-run-heading" className="space-y-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-200">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div>
          <h2 id="dry-run-heading" className="text-base font-semibold text-gray-900">
            Preview: what matches now
          </h2>
          <p className="text-xs text-gray-500">A dry run on today’s numbers; nothing changes.</p>
        </div>
        <Button variant="secondary" isLoading={preview.isPending} onClick={() => preview.mutate({ definition, mode })}>
          {result ? 'Preview again' : 'Preview matches'}
        </Button>
      </div>
      {preview.isError && <Alert tone="error">{preview.error.message}</Alert>}
      {result && (
        <div className="space-y-3" aria-live="polite">
          <p className="text-sm font-medium text-gray-900">
            {result.matched} of {result.examined} {result.examined === 1 ? 'object matches' : 'objects match'} now
            {result.dataAsOf && <span className="font-normal text-gray-500"> · numbers as of {formatDateTime(result.dataAsOf)}</span>}
          </p>
          {isStale && <Alert tone="info">The rule has changed since this preview: press Preview again to see what it matches now.</Alert>}
          {result.skipped && <Alert tone="warning">The rule would skip this run: {result.skipped}</Alert>}
          <ConflictList orgId={orgId} conflicts={result.conflicts} />
          {result.entities.length === 0 ? (
            <EmptyState title="Nothing in scope">No object fits the rule’s scope: check the level, platforms, status and name filters.</EmptyState>
          ) : (
            <ul className="max-h-[32rem] divide-y divide-gray-100 overflow-y-auto" aria-label="Preview, matching objects first">
              {result.entities.map((entity) => (
                <EntityOutcome key={entity.id} entity={entity} isDryRun />
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
