import { useState } from 'react';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { usePaged } from '../../lib/use-paged.ts';
import { usePollInterval } from '../../lib/live.ts';
import { formatDateTime, formatRelative } from '../../lib/format.ts';
import { buttonClass } from '../../components/ui/button.tsx';
import { Alert } from '../../components/ui/alert.tsx';
import { Badge } from '../../components/ui/card.tsx';
import { LoadMore } from '../../components/ui/load-more.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/ui/states.tsx';
import { useCurrentOrg } from '../shell/org-context.ts';
import type { Rule } from './rule-types.ts';
import { canManageRules, ruleKeys, rulesPath, useRuleCommands } from './rules-api.ts';
import { modeLabel, RUN_OUTCOME_WORDS, STATUS_BADGES } from './rule-words.ts';
import { RuleSwitch } from './rule-controls.tsx';
import { RuleMenu } from './rule-menu.tsx';

const STATUS_FILTERS = [
  { value: '', label: 'All rules' },
  { value: 'enabled', label: 'On' },
  { value: 'disabled', label: 'Off' },
  { value: 'stopped', label: 'Stopped' },
] as const;

/** The organisation's automation rules: what each does, whether it is on, and how its last run went. */
export function RulesPage() {
  const { org } = useCurrentOrg();
  const orgId = org.id;
  const search = useSearch({ from: '/orgs/$orgId/rules/' });
  const navigate = useNavigate({ from: '/orgs/$orgId/rules/' });
  const status = STATUS_FILTERS.some((f) => f.value === search.status) ? (search.status ?? '') : '';
  const query = status ? { status } : {};
  // Live updates refresh the list when a rule changes or runs; polling is the fallback while they are down.
  const poll = usePollInterval();
  const list = usePaged<Rule>(ruleKeys.list(orgId, query), rulesPath(orgId), query, { limit: 50, refetchInterval: poll(30_000) });
  const commands = useRuleCommands(orgId);
  const mayManage = canManageRules(org.role);
  const [error, setError] = useState<string | null>(null);
  const report = (promise: Promise<unknown>) => promise.then(() => setError(null)).catch((failure: unknown) => setError(failure instanceof Error ? failure.message : 'Something went wrong'));

  let body: React.ReactNode;
  if (list.isPending) body = <LoadingState label="Loading rules…" />;
  else if (list.isError) body = <ErrorState error={list.error} orgId={orgId} onRetry={() => void list.refetch()} />;
  else if (list.items.length === 0)
    body = status ? (
      <EmptyState
        title={`No rules are ${STATUS_FILTERS.find((f) => f.value === status)?.label.toLowerCase() ?? status}`}
        action={
          <Link to="/orgs/$orgId/rules" params={{ orgId }} search={{}} className={buttonClass('secondary')}>
            Show all rules
          </Link>
        }
      >
        {status === 'stopped' ? 'Adloop stops a rule that undoes its own changes or whose objects are gone, and says why here.' : 'Other rules are listed under All rules.'}
      </EmptyState>
    ) : (
      <EmptyState
        title="No rules yet"
        action={
          mayManage && (
            <Link to="/orgs/$orgId/rules/templates" params={{ orgId }} className={buttonClass('primary')}>
              Start from a template
            </Link>
          )
        }
      >
        A rule watches your numbers and pauses, scales or flags campaigns, ad sets and ads for you: “pause ad sets whose CPA is over $40 in the last 3 days”.
      </EmptyState>
    );
  else
    body = (
      <>
        <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-gray-200">
          <table className="w-full min-w-[56rem] text-left text-sm">
            <caption className="sr-only">Rules</caption>
            <thead className="border-b border-gray-200 bg-gray-50 text-xs text-gray-500">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">On</th>
                <th scope="col" className="px-3 py-2 font-medium">Rule</th>
                <th scope="col" className="px-3 py-2 font-medium">Mode</th>
                <th scope="col" className="px-3 py-2 font-medium">Last run</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">Matches</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">Actions today</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">Errors (24 h)</th>
                <th scope="col" className="px-3 py-2 font-medium"><span className="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-gray-100">
              {list.items.map((rule) => (
                <RuleRow
                  key={rule.id}
                  orgId={orgId}
                  rule={rule}
                  mayManage={mayManage}
                  onSwitch={(enabled) => report(commands.command.mutateAsync({ ruleId: rule.id, command: enabled ? 'enable' : 'disable' }))}
                  commands={commands}
                  onError={setError}
                />
              ))}
            </tbody>
          </table>
        </div>
        <LoadMore hasNextPage={list.hasNextPage} isFetchingNextPage={list.isFetchingNextPage} fetchNextPage={list.fetchNextPage} />
      </>
    );

  return (
    <div className="space-y-4" data-full-width>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold tracking-tight text-gray-900">Rules</h1>
          <p className="mt-1 text-sm text-gray-600">Rules watch the numbers every 15 minutes, hour or day and act through the approval inbox or by themselves, within the guardrails.</p>
        </div>
        {mayManage && (
          <div className="flex gap-2">
            <Link to="/orgs/$orgId/rules/templates" params={{ orgId }} className={buttonClass('secondary')}>
              Templates
            </Link>
            <Link to="/orgs/$orgId/rules/new" params={{ orgId }} className={buttonClass('primary')}>
              New rule
            </Link>
          </div>
        )}
      </div>
      <div className="flex items-center gap-2">
        <label htmlFor="rule-status-filter" className="text-sm font-medium text-gray-700">
          Show
        </label>
        <select
          id="rule-status-filter"
          value={status}
          onChange={(e) => void navigate({ search: e.target.value ? { status: e.target.value } : {}, replace: true })}
          className="rounded-md border-0 py-1.5 pr-8 pl-3 text-sm ring-1 ring-gray-300 ring-inset focus:ring-2 focus:ring-indigo-600"
        >
          {STATUS_FILTERS.map((f) => (
            <option key={f.value} value={f.value}>
              {f.label}
            </option>
          ))}
        </select>
      </div>
      {!mayManage && <Alert tone="info">Owners, admins and managers create and change rules; you can see them and their history.</Alert>}
      {error && <Alert tone="error">{error}</Alert>}
      {body}
    </div>
  );
}

function RuleRow({ orgId, rule, mayManage, onSwitch, commands, onError }: { orgId: string; rule: Rule; mayManage: boolean; onSwitch: (enabled: boolean) => Promise<unknown>; commands: ReturnType<typeof useRuleCommands>; onError: (message: string | null) => void }) {
  const status = STATUS_BADGES[rule.status];
  const run = rule.lastRun;
  return (
    <tr className="align-top">
      <td className="px-3 py-3">
        {mayManage ? <RuleSwitch rule={rule} onChange={onSwitch} /> : <Badge tone={status.tone}>{status.label}</Badge>}
      </td>
      <th scope="row" className="max-w-md px-3 py-3 font-normal">
        <Link to="/orgs/$orgId/rules/$ruleId" params={{ orgId, ruleId: rule.id }} className="font-medium text-indigo-700 hover:underline">
          {rule.name}
        </Link>
        {rule.status === 'stopped' && (
          <span className="ml-2">
            <Badge tone="red">Stopped</Badge>
          </span>
        )}
        <p className="mt-0.5 text-xs text-gray-600">{rule.sentence}</p>
        {rule.stopReason && <p className="mt-0.5 text-xs text-red-700">{rule.stopReason}</p>}
        {rule.conflicts.length > 0 && (
          <p className="mt-1 text-xs text-amber-800">
            <Badge tone="amber">Conflict</Badge> {rule.conflicts.map((c) => `${c.kind} with “${c.ruleName}”`).join('; ')}
          </p>
        )}
      </th>
      <td className="px-3 py-3">{modeLabel(rule.mode)}</td>
      <td className="px-3 py-3 whitespace-nowrap">
        {run ? (
          <>
            <time dateTime={run.startedAt} title={formatDateTime(run.startedAt)}>
              {formatRelative(run.startedAt)}
            </time>{' '}
            <Badge tone={RUN_OUTCOME_WORDS[run.outcome].tone}>{RUN_OUTCOME_WORDS[run.outcome].label}</Badge>
          </>
        ) : (
          <span className="text-gray-500">Not run yet</span>
        )}
      </td>
      <td className="px-3 py-3 text-right tabular-nums">{run ? run.matched : '—'}</td>
      <td className="px-3 py-3 text-right tabular-nums">{rule.actionsToday}</td>
      <td className={`px-3 py-3 text-right tabular-nums ${rule.errors24h > 0 ? 'font-semibold text-red-700' : ''}`}>{rule.errors24h}</td>
      <td className="px-3 py-3 text-right">{mayManage && <RuleMenu orgId={orgId} rule={rule} commands={commands} onError={onError} />}</td>
    </tr>
  );
}
