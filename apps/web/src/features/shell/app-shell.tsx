import { useEffect, useState } from 'react';
import { Link, Outlet, useParams } from '@tanstack/react-router';
import { useHasDevMailbox } from '../../lib/queries.ts';
import { rememberLastOrg } from '../../lib/return-to.ts';
import type { Me } from '../../lib/types.ts';
import { Logo } from '../../components/logo.tsx';
import { Dialog } from '../../components/ui/dialog.tsx';
import { EmptyState } from '../../components/ui/states.tsx';
import { buttonClass } from '../../components/ui/button.tsx';
import { Alert } from '../../components/ui/alert.tsx';
import { RequireAuth } from './require-auth.tsx';
import { OrgContext } from './org-context.ts';
import { OrgSwitcher } from './org-switcher.tsx';
import { UserMenu } from './user-menu.tsx';
import { NotificationsBell } from './notifications-bell.tsx';
import { CreateOrgForm } from './create-org-form.tsx';
import { useLiveEvents } from './use-live-events.ts';

export function AppShell() {
  return <RequireAuth>{(me) => <Shell me={me} />}</RequireAuth>;
}

const navLink = 'rounded-md px-3 py-2 text-sm font-medium text-gray-600 hover:bg-gray-100 hover:text-gray-900';
const activeNavLink = { className: `${navLink} bg-gray-100 text-gray-900`, 'aria-current': 'page' as const };

function Shell({ me }: { me: Me }) {
  const { orgId } = useParams({ from: '/orgs/$orgId' });
  const org = me.organizations.find((o) => o.id === orgId);
  const hasDevMailbox = useHasDevMailbox();
  const [isCreating, setCreating] = useState(false);
  useLiveEvents(org?.id);
  useEffect(() => {
    if (org) rememberLastOrg(org.id);
  }, [org]);

  return (
    <div className="min-h-screen">
      <header className="border-b border-gray-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
          <Link to="/" aria-label="Adloop home">
            <Logo />
          </Link>
          <OrgSwitcher organizations={me.organizations} current={org} onCreate={() => setCreating(true)} />
          {org && (
            <nav aria-label="Main" className="order-last flex w-full gap-1 sm:order-none sm:w-auto">
              <Link to="/orgs/$orgId/dashboard" params={{ orgId }} className={navLink} activeProps={activeNavLink}>
                Dashboard
              </Link>
              <Link to="/orgs/$orgId/campaigns" params={{ orgId }} className={navLink} activeProps={activeNavLink}>
                Campaigns
              </Link>
              <Link to="/orgs/$orgId/connections" params={{ orgId }} className={navLink} activeProps={activeNavLink}>
                Connections
              </Link>
              <Link to="/orgs/$orgId/settings" params={{ orgId }} className={navLink} activeProps={activeNavLink}>
                Settings
              </Link>
            </nav>
          )}
          <div className="ml-auto flex items-center gap-2">
            {hasDevMailbox && (
              <Link to="/dev/mailbox" className="hidden rounded-md px-2 py-1 text-xs font-medium text-amber-800 ring-1 ring-amber-300 sm:inline-block">
                Dev mailbox
              </Link>
            )}
            {org && <NotificationsBell orgId={org.id} />}
            <UserMenu me={me} orgId={org?.id} />
          </div>
        </div>
      </header>
      <div className="mx-auto max-w-6xl px-4 py-6 has-[[data-full-width]]:max-w-none">
        {org?.requireMfa && !me.user.mfaEnabled && (
          <div className="mb-6">
            <Alert tone="warning" title={`${org.name} requires two-factor authentication`}>
              Set it up to use this organisation:{' '}
              <Link to="/orgs/$orgId/settings/security" params={{ orgId }} className="font-semibold underline">
                go to Security
              </Link>
              .
            </Alert>
          </div>
        )}
        {org ? (
          <OrgContext.Provider value={{ me, org }}>
            <Outlet />
          </OrgContext.Provider>
        ) : (
          <EmptyState
            title="Organisation not found"
            action={
              <Link to="/" className={buttonClass('primary')}>
                Go to your organisations
              </Link>
            }
          >
            It does not exist, or you are not a member of it.
          </EmptyState>
        )}
      </div>
      <Dialog open={isCreating} onOpenChange={setCreating} title="Create organisation" description="You will be its owner. Invite your team from Settings › Members.">
        <CreateOrgForm onCreated={() => setCreating(false)} onCancel={() => setCreating(false)} />
      </Dialog>
    </div>
  );
}
