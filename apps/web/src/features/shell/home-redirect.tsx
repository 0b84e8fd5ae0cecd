import { Navigate } from '@tanstack/react-router';
import { lastOrg } from '../../lib/return-to.ts';
import { RequireAuth } from './require-auth.tsx';

/** `/`: the last organisation used, the first one, or onboarding. */
export function HomeRedirect() {
  return (
    <RequireAuth>
      {(me) => {
        const remembered = lastOrg();
        const org = me.organizations.find((o) => o.id === remembered) ?? me.organizations[0];
        if (!org) return <Navigate to="/onboarding" replace />;
        return <Navigate to="/orgs/$orgId/dashboard" params={{ orgId: org.id }} replace />;
      }}
    </RequireAuth>
  );
}
