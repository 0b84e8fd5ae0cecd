import { Outlet } from '@tanstack/react-router';
import { useCurrentOrg } from '../shell/org-context.ts';
import { ChangeTrackerProvider } from './changes.tsx';

/** Around the campaign pages: the change tracker, so a change's toast (and Undo) survives moving between them. */
export function CampaignsLayout() {
  const { org } = useCurrentOrg();
  return (
    <ChangeTrackerProvider key={org.id} orgId={org.id}>
      <Outlet />
    </ChangeTrackerProvider>
  );
}
