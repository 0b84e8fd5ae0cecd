import { useNavigate, useParams } from '@tanstack/react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { isApiError } from '../../lib/api.ts';
import { ErrorState, LoadingState } from '../../components/ui/states.tsx';
import { Alert } from '../../components/ui/alert.tsx';
import { useCurrentOrg } from '../shell/org-context.ts';
import { canManageRules, patchRule, ruleKeys, ruleQuery } from './rules-api.ts';
import { draftFromRule } from './rule-draft.ts';
import { RuleForm } from './rule-form.tsx';
import { ApiError } from '../../lib/api.ts';

/** Changes a rule; saving names the version read, so another editor's save in between is not overwritten. */
export function EditRulePage() {
  const { org } = useCurrentOrg();
  const orgId = org.id;
  const { ruleId } = useParams({ from: '/orgs/$orgId/rules/$ruleId/edit' });
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const rule = useQuery(ruleQuery(orgId, ruleId));

  let body: React.ReactNode;
  if (!canManageRules(org.role)) body = <Alert tone="info">Owners, admins and managers change rules.</Alert>;
  else if (rule.isPending) body = <LoadingState label="Loading the rule…" />;
  else if (rule.isError) body = <ErrorState error={rule.error} orgId={orgId} onRetry={() => void rule.refetch()} />;
  else {
    const current = rule.data;
    body = (
      <RuleForm
        key={`${current.id}-${current.version}`}
        orgId={orgId}
        initial={draftFromRule(current)}
        initialSentence={current.sentence}
        saveLabel="Save changes"
        onCancel={() => void navigate({ to: '/orgs/$orgId/rules/$ruleId', params: { orgId, ruleId } })}
        onSave={async (draft) => {
          try {
            await patchRule(orgId, ruleId, { name: draft.name, mode: draft.mode, definition: draft.definition, version: current.version });
          } catch (error) {
            if (isApiError(error) && error.status === 409) throw new ApiError(409, error.code, 'Someone else saved this rule after you opened it. Reload the page to see their version, then make your change again.');
            throw error;
          }
          await queryClient.invalidateQueries({ queryKey: ruleKeys.all(orgId) });
          await navigate({ to: '/orgs/$orgId/rules/$ruleId', params: { orgId, ruleId }, search: { saved: '1' } });
        }}
      />
    );
  }
  return (
    <div className="space-y-4" data-full-width>
      <h1 className="text-xl font-semibold tracking-tight text-gray-900">Edit rule{rule.data ? ` “${rule.data.name}”` : ''}</h1>
      {body}
    </div>
  );
}
