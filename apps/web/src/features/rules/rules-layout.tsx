import { Outlet } from '@tanstack/react-router';
import { useCurrentOrg } from '../shell/org-context.ts';
import { ChangeTrackerProvider } from '../campaigns/changes.tsx';

/** Around the rule pages: the change tracker, so undoing a rule's change reports its outcome (and the toast survives moving between them). */
export function RulesLayout() {
  const { org } = useCurrentOrg();
  return (
    <ChangeTrackerProvider key={org.id} orgId={org.id}>
      <Outlet />
    </ChangeTrackerProvider>
  );
}
