import { Navigate } from '@tanstack/react-router';
import { AuthLayout } from '../auth/auth-layout.tsx';
import { RequireAuth } from './require-auth.tsx';
import { CreateOrgForm } from './create-org-form.tsx';
import { SignOutButton } from './sign-out-button.tsx';

/** For people who belong to no organisation yet. */
export function OnboardingPage() {
  return (
    <RequireAuth>
      {(me) =>
        me.organizations[0] ? (
          <Navigate to="/orgs/$orgId/dashboard" params={{ orgId: me.organizations[0].id }} replace />
        ) : (
          <AuthLayout
            title="Create your organisation"
            subtitle={`Welcome, ${me.user.name}. An organisation holds your ad accounts, automation rules and team. Invited by a colleague? Open the link in their email instead.`}
            footer={<SignOutButton variant="link" />}
          >
            <CreateOrgForm />
          </AuthLayout>
        )
      }
    </RequireAuth>
  );
}
