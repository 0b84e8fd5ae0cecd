import { useNavigate, useSearch } from '@tanstack/react-router';
import { useQueryClient } from '@tanstack/react-query';
import { ErrorState, LoadingState } from '../../components/ui/states.tsx';
import { Alert } from '../../components/ui/alert.tsx';
import { useCurrentOrg } from '../shell/org-context.ts';
import { canManageRules, createRule, ruleKeys, useTemplates } from './rules-api.ts';
import { blankDraft, draftFromTemplate } from './rule-draft.ts';
import { RuleForm } from './rule-form.tsx';

/** A new rule, blank or from a template (`?template=`); saved switched off. */
export function NewRulePage() {
  const { org } = useCurrentOrg();
  const orgId = org.id;
  const search = useSearch({ from: '/orgs/$orgId/rules/new' });
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const templates = useTemplates(orgId);
  const templateId = search.template;

  let body: React.ReactNode;
  if (!canManageRules(org.role)) body = <Alert tone="info">Owners, admins and managers create rules.</Alert>;
  else if (templateId && templates.isPending) body = <LoadingState label="Loading the template…" />;
  else if (templateId && templates.isError) body = <ErrorState error={templates.error} orgId={orgId} onRetry={() => void templates.refetch()} />;
  else {
    const template = templateId ? templates.data?.find((t) => t.id === templateId) : undefined;
    body = (
      <>
        {templateId && !template && <Alert tone="warning">That template is not offered any more: start from scratch below.</Alert>}
        <RuleForm
          key={template?.id ?? 'blank'}
          orgId={orgId}
          initial={template ? draftFromTemplate(template) : blankDraft()}
          initialSentence={template?.sentence ?? null}
          saveLabel="Save rule"
          onCancel={() => void navigate({ to: '/orgs/$orgId/rules', params: { orgId } })}
          onSave={async (draft) => {
            const rule = await createRule(orgId, draft);
            await queryClient.invalidateQueries({ queryKey: ruleKeys.all(orgId) });
            await navigate({ to: '/orgs/$orgId/rules/$ruleId', params: { orgId, ruleId: rule.id }, search: { saved: '1' } });
          }}
        />
      </>
    );
  }
  return (
    <div className="space-y-4" data-full-width>
      <div>
        <h1 className="text-xl font-semibold tracking-tight text-gray-900">New rule</h1>
        <p className="mt-1 text-sm text-gray-600">Read it top to bottom: for these objects, when this holds, do that, within these limits. It is saved switched off.</p>
      </div>
      {body}
    </div>
  );
}
