import { Link } from '@tanstack/react-router';
import { Alert } from '../../components/ui/alert.tsx';
import type { RuleConflict } from './rule-types.ts';

/** Other rules that can act on the same objects in the opposite direction. */
export function ConflictList({ orgId, conflicts, title = 'This rule can fight with other rules' }: { orgId: string; conflicts: readonly RuleConflict[]; title?: string }) {
  if (conflicts.length === 0) return null;
  return (
    <Alert tone="warning" title={title}>
      <ul className="list-disc space-y-1 pl-5">
        {conflicts.map((c) => (
          <li key={c.ruleId}>
            <Link to="/orgs/$orgId/rules/$ruleId" params={{ orgId, ruleId: c.ruleId }} className="font-semibold underline">
              {c.ruleName}
            </Link>{' '}
            ({c.kind}): {c.explanation}
            {c.overlapCount > 0 && (
              <span className="block text-xs">
                Both reach {c.overlapCount} {c.overlapCount === 1 ? 'object' : 'objects'}
                {c.overlap.length > 0 && `: ${c.overlap.slice(0, 5).map((o) => o.name).join(', ')}${c.overlapCount > 5 ? '…' : ''}`}
              </span>
            )}
          </li>
        ))}
      </ul>
    </Alert>
  );
}
