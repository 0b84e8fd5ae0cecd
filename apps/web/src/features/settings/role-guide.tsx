import { roleLabel } from '../../lib/format.ts';
import type { Role } from '../../lib/types.ts';
import { ROLE_DESCRIPTIONS } from './roles.ts';

/** What each of `roles` may do, one line each, next to where a role is chosen. */
export function RoleGuide({ roles }: { roles: readonly Role[] }) {
  return (
    <dl className="space-y-1 text-xs text-gray-600" aria-label="What each role may do">
      {roles.map((role) => (
        <div key={role} className="flex gap-2">
          <dt className="w-16 shrink-0 font-medium text-gray-900">{roleLabel(role)}</dt>
          <dd>{ROLE_DESCRIPTIONS[role]}</dd>
        </div>
      ))}
    </dl>
  );
}
