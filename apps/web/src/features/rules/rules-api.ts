import { queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';
import type { Page } from '../../lib/types.ts';
import type { BacktestResult, DryRunResult, Rule, RuleDefinition, RuleMode, RulePatch, RuleRunDetail, RuleRunSummary, RuleTemplate } from './rule-types.ts';
import { draftBody, type RuleDraft } from './rule-draft.ts';

export const ruleKeys = {
  all: (orgId: string) => ['orgs', orgId, 'rules'] as const,
  list: (orgId: string, filters: object) => ['orgs', orgId, 'rules', 'list', filters] as const,
  rule: (orgId: string, ruleId: string) => ['orgs', orgId, 'rules', 'one', ruleId] as const,
  templates: (orgId: string) => ['orgs', orgId, 'rules', 'templates'] as const,
  runs: (orgId: string, ruleId: string) => ['orgs', orgId, 'rules', 'one', ruleId, 'runs'] as const,
  run: (orgId: string, ruleId: string, runId: string) => ['orgs', orgId, 'rules', 'one', ruleId, 'runs', runId] as const,
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

export const createRule = (orgId: string, draft: RuleDraft) => api.post<Rule>(rulesPath(orgId), draftBody(draft));
export const patchRule = (orgId: string, ruleId: string, patch: RulePatch) => api.patch<Rule>(rulePath(orgId, ruleId), patch);
export const dryRun = (orgId: string, definition: RuleDefinition, mode: RuleMode) => api.post<DryRunResult>(`${rulesPath(orgId)}/dry-run`, { definition, mode });
export const backtest = (orgId: string, definition: RuleDefinition, days: number) => api.post<BacktestResult>(`${rulesPath(orgId)}/backtest`, { definition, days });
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
  const runNow = useMutation({ mutationFn: (ruleId: string) => api.post<RuleRunSummary>(`${rulePath(orgId, ruleId)}/run`), onSettled: refresh });
  const remove = useMutation({ mutationFn: (ruleId: string) => api.delete(rulePath(orgId, ruleId)), onSettled: refresh });
  return { command, runNow, remove, refresh };
}

export type RunPage = Page<RuleRunSummary>;

/** Creating, changing and switching rules: owners, admins and managers (the server's `rules:manage`). */
export const canManageRules = (role: string | null | undefined) => role === 'owner' || role === 'admin' || role === 'manager';
