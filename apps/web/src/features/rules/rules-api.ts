import { queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';
import type { Page } from '../../lib/types.ts';
import type { DryRunResult, Rule, RuleDefinition, RuleJob, RuleMode, RulePatch, RuleRunDetail, RuleRunSummary, RuleScopeOptions, RuleTemplate } from './rule-types.ts';
import { draftBody, type RuleDraft } from './rule-draft.ts';

export const ruleKeys = {
  all: (orgId: string) => ['orgs', orgId, 'rules'] as const,
  list: (orgId: string, filters: object) => ['orgs', orgId, 'rules', 'list', filters] as const,
  rule: (orgId: string, ruleId: string) => ['orgs', orgId, 'rules', 'one', ruleId] as const,
  templates: (orgId: string) => ['orgs', orgId, 'rules', 'templates'] as const,
  objects: (orgId: string) => ['orgs', orgId, 'rules', 'objects'] as const,
  scopeOptions: (orgId: string) => ['orgs', orgId, 'rules', 'scope-options'] as const,
  runs: (orgId: string, ruleId: string) => ['orgs', orgId, 'rules', 'one', ruleId, 'runs'] as const,
  run: (orgId: string, ruleId: string, runId: string) => ['orgs', orgId, 'rules', 'one', ruleId, 'runs', runId] as const,
  job: (orgId: string, jobId: string) => ['orgs', orgId, 'rules', 'jobs', jobId] as const,
};

export const rulesPath = (orgId: string) => `/orgs/${orgId}/rules`;
export const rulePath = (orgId: string, ruleId: string) => `/orgs/${orgId}/rules/${ruleId}`;

export const ruleQuery = (orgId: string, ruleId: string) =>
  queryOptions({ queryKey: ruleKeys.rule(orgId, ruleId), queryFn: () => api.get<Rule>(rulePath(orgId, ruleId)) });

export const templatesQuery = (orgId: string) =>
  queryOptions({ queryKey: ruleKeys.templates(orgId), queryFn: () => api.get<RuleTemplate[]>(`${rulesPath(orgId)}/templates`), staleTime: 5 * 60_000 });

/** One run with its objects, a page at a time (`entitiesNextCursor` continues). */
export function useRunDetail(orgId: string, ruleId: string, runId: string) {
  return useInfiniteQuery({
    queryKey: ruleKeys.run(orgId, ruleId, runId),
    queryFn: ({ pageParam }) => api.get<RuleRunDetail>(`${rulePath(orgId, ruleId)}/runs/${runId}`, { limit: 200, cursor: pageParam ?? undefined }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.entitiesNextCursor,
    refetchInterval: (query) => (query.state.data?.pages[0]?.outcome === 'running' ? 2000 : false),
  });
}

export const useTemplates = (orgId: string) => useQuery(templatesQuery(orgId));

/** The objectives and labels a rule's scope can filter on here. */
export const useScopeOptions = (orgId: string) => useQuery({ queryKey: ruleKeys.scopeOptions(orgId), queryFn: () => api.get<RuleScopeOptions>(`${rulesPath(orgId)}/scope-options`), staleTime: 60_000 });

export const createRule = (orgId: string, draft: RuleDraft) => api.post<Rule>(rulesPath(orgId), draftBody(draft));
export const patchRule = (orgId: string, ruleId: string, patch: RulePatch) => api.patch<Rule>(rulePath(orgId, ruleId), patch);
export const dryRun = (orgId: string, definition: RuleDefinition, mode: RuleMode) => api.post<DryRunResult>(`${rulesPath(orgId)}/dry-run`, { definition, mode });
/** Starts a backtest in the background: the job to follow with `useRuleJob`. */
export const startBacktest = (orgId: string, definition: RuleDefinition, days: number) => api.post<RuleJob>(`${rulesPath(orgId)}/backtest`, { definition, days });
export const getRuleJob = (orgId: string, jobId: string) => api.get<RuleJob>(`${rulesPath(orgId)}/jobs/${jobId}`);

const JOB_POLL_MS = 700;
const isWorking = (job: RuleJob | undefined) => !job || job.state === 'queued' || job.state === 'running';

/** A backtest or run-now job, read again every 0.7 s while it is queued or running. */
export const useRuleJob = (orgId: string, jobId: string | null) =>
  useQuery({
    queryKey: ruleKeys.job(orgId, jobId ?? ''),
    queryFn: () => getRuleJob(orgId, jobId!),
    enabled: jobId !== null,
    refetchInterval: (query) => (isWorking(query.state.data) ? JOB_POLL_MS : false),
  });

/** Starts "run now" and waits for its job: the run when done, an error saying why when it failed. */
async function runNowAndWait(orgId: string, ruleId: string): Promise<RuleRunSummary> {
  let job = await api.post<RuleJob>(`${rulePath(orgId, ruleId)}/run`);
  while (isWorking(job)) {
    await new Promise((resolve) => setTimeout(resolve, JOB_POLL_MS));
    job = await getRuleJob(orgId, job.id);
  }
  if (job.state === 'failed' || !job.run) throw new Error(job.error ?? 'The run did not finish: try again.');
  return job.run;
}
export const describeRule = (orgId: string, definition: RuleDefinition, mode: RuleMode) => api.post<{ sentence: string }>(`${rulesPath(orgId)}/describe`, { definition, mode });

type RuleCommand = 'enable' | 'disable' | 'duplicate';

/** Enable, disable, duplicate, run now and delete; each refreshes the rule lists. */
export function useRuleCommands(orgId: string) {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ruleKeys.all(orgId) });
  const command = useMutation({
    mutationFn: ({ ruleId, command: name }: { ruleId: string; command: RuleCommand }) => api.post<Rule>(`${rulePath(orgId, ruleId)}/${name}`),
    onSettled: refresh,
  });
  // Runs in the background on the server; pending (and `variables` the rule) until the run is done.
  const runNow = useMutation({ mutationFn: (ruleId: string) => runNowAndWait(orgId, ruleId), onSettled: refresh });
  const remove = useMutation({ mutationFn: (ruleId: string) => api.delete(rulePath(orgId, ruleId)), onSettled: refresh });
  return { command, runNow, remove, refresh };
}

export type RunPage = Page<RuleRunSummary>;

/** Creating, changing and switching rules: owners, admins and managers (the server's `rules:manage`). */
export const canManageRules = (role: string | null | undefined) => role === 'owner' || role === 'admin' || role === 'manager';
