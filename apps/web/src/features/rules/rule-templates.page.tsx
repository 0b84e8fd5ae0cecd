import { Link } from '@tanstack/react-router';
import { buttonClass } from '../../components/ui/button.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/ui/states.tsx';
import { useCurrentOrg } from '../shell/org-context.ts';
import { canManageRules, useTemplates } from './rules-api.ts';
import { modeLabel } from './rule-words.ts';

/** Ready-made rules (stop-loss, scale winners, pacing, dayparting, clean-up, fatigue) to start from. */
export function RuleTemplatesPage() {
  const { org } = useCurrentOrg();
  const orgId = org.id;
  const templates = useTemplates(orgId);
  const mayManage = canManageRules(org.role);
  let body: React.ReactNode;
  if (templates.isPending) body = <LoadingState label="Loading templates…" />;
  else if (templates.isError) body = <ErrorState error={templates.error} orgId={orgId} onRetry={() => void templates.refetch()} />;
  else if (templates.data.length === 0) body = <EmptyState title="No templates" />;
  else
    body = (
      <ul className="grid grid-cols-1 gap-4 md:grid-cols-2 xl:grid-cols-3" aria-label="Rule templates">
        {templates.data.map((t) => (
          <li key={t.id} className="flex flex-col rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-200">
            <h2 className="text-base font-semibold text-gray-900">{t.name}</h2>
            <p className="mt-1 text-sm text-gray-600">{t.description}</p>
            <p className="mt-2 rounded-md bg-indigo-50 p-2 text-xs text-indigo-950">{t.sentence}</p>
            <p className="mt-2 text-xs text-gray-500">Starts in {modeLabel(t.body.mode).toLowerCase()} mode, switched off.</p>
            {mayManage && (
              <div className="mt-auto pt-3">
                <Link to="/orgs/$orgId/rules/new" params={{ orgId }} search={{ template: t.id }} className={buttonClass('primary')}>
                  Use this template<span className="sr-only">: {t.name}</span>
                </Link>
              </div>
            )}
          </li>
        ))}
      </ul>
    );
  return (
    <div className="space-y-4" data-full-width>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold tracking-tight text-gray-900">Rule templates</h1>
          <p className="mt-1 text-sm text-gray-600">Start from a tried rule and adjust its numbers; nothing runs until you switch it on.</p>
        </div>
        <div className="flex gap-2">
          <Link to="/orgs/$orgId/rules" params={{ orgId }} className={buttonClass('secondary')}>
            All rules
          </Link>
          {mayManage && (
            <Link to="/orgs/$orgId/rules/new" params={{ orgId }} className={buttonClass('secondary')}>
              Start from scratch
            </Link>
          )}
        </div>
      </div>
      {body}
    </div>
  );
}
