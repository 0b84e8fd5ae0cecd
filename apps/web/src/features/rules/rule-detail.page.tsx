import { useState } from 'react';
import { Link, useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { useQuery } from '@tanstack/react-query';
import { formatDateTime } from '../../lib/format.ts';
import { usePollInterval } from '../../lib/live.ts';
import { Button, buttonClass } from '../../components/ui/button.tsx';
import { Alert } from '../../components/ui/alert.tsx';
import { Badge } from '../../components/ui/card.tsx';
import { ErrorState, LoadingState } from '../../components/ui/states.tsx';
import { canEditCampaigns } from '../../lib/queries.ts';
import { useCurrentOrg } from '../shell/org-context.ts';
import { canManageRules, ruleQuery, useRuleCommands } from './rules-api.ts';
import { modeLabel, STATUS_BADGES } from './rule-words.ts';
import { RuleSwitch } from './rule-controls.tsx';
import { RuleMenu } from './rule-menu.tsx';
import { ConflictList } from './rule-conflicts.tsx';
import { RuleRuns } from './rule-runs.tsx';

/** One rule: its sentence, switch, conflicts, and its history of runs (each object's outcome, with Undo). */
export function RuleDetailPage() {
  const { org } = useCurrentOrg();
  const orgId = org.id;
  const { ruleId } = useParams({ from: '/orgs/$orgId/rules/$ruleId/' });
  const search = useSearch({ from: '/orgs/$orgId/rules/$ruleId/' });
  const navigate = useNavigate({ from: '/orgs/$orgId/rules/$ruleId/' });
  const poll = usePollInterval();
  const rule = useQuery({ ...ruleQuery(orgId, ruleId), refetchInterval: poll(30_000) });
  const commands = useRuleCommands(orgId);
  const mayManage = canManageRules(org.role);
  const [error, setError] = useState<string | null>(null);

  if (rule.isPending) return <LoadingState label="Loading the rule…" />;
  if (rule.isError) return <ErrorState error={rule.error} orgId={orgId} onRetry={() => void rule.refetch()} />;
  const current = rule.data;
  const status = STATUS_BADGES[current.status];
  const selectRun = (run: string | undefined) => void navigate({ search: run ? { run } : {}, replace: true });
  const runNow = () =>
    commands.runNow.mutateAsync(current.id).then(
      (run) => {
        setError(null);
        selectRun(run.id);
      },
      (failure: unknown) => setError(failure instanceof Error ? failure.message : 'Something went wrong'),
    );

  return (
    <div className="space-y-4" data-full-width>
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link to="/orgs/$orgId/rules" params={{ orgId }} className="text-indigo-700 hover:underline">
          Rules
        </Link>
      </nav>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 space-y-1">
          <h1 className="flex flex-wrap items-center gap-2 text-xl font-semibold tracking-tight text-gray-900">
            {current.name} <Badge tone={status.tone}>{status.label}</Badge>
          </h1>
          <p className="text-sm text-gray-700">{current.sentence}</p>
          <p className="text-xs text-gray-500">
            {modeLabel(current.mode)} mode · changed {formatDateTime(current.updatedAt)} · {current.actionsToday} {current.actionsToday === 1 ? 'action' : 'actions'} today
            {current.errors24h > 0 && <span className="font-semibold text-red-700"> · {current.errors24h} failed runs in 24 h</span>}
          </p>
        </div>
        {mayManage && (
          <div className="flex flex-wrap items-center gap-2">
            <span className="flex items-center gap-2 text-sm text-gray-700">
              <RuleSwitch
                rule={current}
                onChange={(enabled) =>
                  commands.command.mutateAsync({ ruleId: current.id, command: enabled ? 'enable' : 'disable' }).then(
                    () => setError(null),
                    (failure: unknown) => setError(failure instanceof Error ? failure.message : 'Something went wrong'),
                  )
                }
              />
              {current.status === 'enabled' ? 'On' : 'Off'}
            </span>
            <Button variant="secondary" isLoading={commands.runNow.isPending} onClick={() => void runNow()}>
              Run now
            </Button>
            <Link to="/orgs/$orgId/rules/$ruleId/edit" params={{ orgId, ruleId }} className={buttonClass('secondary')}>
              Edit
            </Link>
            <RuleMenu orgId={orgId} rule={current} commands={commands} onError={setError} onDeleted={() => void navigate({ to: '/orgs/$orgId/rules', params: { orgId } })} />
          </div>
        )}
      </div>
      {search.saved === '1' && current.conflicts.length === 0 && <Alert tone="success">Saved. {current.status === 'enabled' ? 'It runs on its schedule.' : 'It is off until you switch it on.'}</Alert>}
      {current.stopReason && <Alert tone="error" title="Adloop stopped this rule">{current.stopReason}</Alert>}
      {error && <Alert tone="error">{error}</Alert>}
      <ConflictList orgId={orgId} conflicts={current.conflicts} title={search.saved === '1' ? 'Saved, but this rule can fight with other rules' : undefined} />
      <RuleRuns orgId={orgId} ruleId={ruleId} selected={search.run} onSelect={selectRun} canEdit={canEditCampaigns(org.role)} />
    </div>
  );
}
