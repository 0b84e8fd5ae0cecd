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
import { InlineNav, MenuButton } from './main-nav.tsx';
import { KillSwitchBar } from './kill-switch-bar.tsx';
import { DunningBar } from '../billing/dunning-bar.tsx';
import { OperatorBanners } from '../ops/tenant-banners.tsx';
import { DeletionBar } from '../settings/privacy-deletion-bar.tsx';
import { LegalLinks } from '../legal/legal-links.tsx';

export function AppShell() {
  return <RequireAuth>{(me) => <Shell me={me} />}</RequireAuth>;
}

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
      <a
        href="#main-content"
        className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:text-sm focus:font-semibold focus:text-indigo-700 focus:shadow-lg focus:ring-2 focus:ring-indigo-600"
      >
        Skip to content
      </a>
      <header className="border-b border-gray-200 bg-white">
        <div className="mx-auto flex max-w-[96rem] items-center gap-2 px-4 py-3 sm:gap-4">
          {(org || hasDevMailbox) && <MenuButton orgId={org?.id} role={org?.role} hasDevMailbox={hasDevMailbox} />}
          <Link to="/" aria-label="Adloop home" className="shrink-0">
            <Logo />
          </Link>
          <div className="min-w-0 max-w-56">
            <OrgSwitcher organizations={me.organizations} current={org} onCreate={() => setCreating(true)} />
          </div>
          {org && <InlineNav orgId={org.id} role={org.role} />}
          <div className="ml-auto flex shrink-0 items-center gap-2">
            {hasDevMailbox && (
              <Link to="/dev/mailbox" className="hidden rounded-md px-2 py-1 text-xs font-medium text-amber-900 ring-1 ring-amber-300 md:inline-block">
                Dev mailbox
              </Link>
            )}
            {org && <NotificationsBell orgId={org.id} />}
            <UserMenu me={me} orgId={org?.id} />
          </div>
        </div>
      </header>
      {org && <OperatorBanners orgId={org.id} />}
      {org && <KillSwitchBar orgId={org.id} role={org.role} />}
      {org && <DunningBar orgId={org.id} />}
      {org && <DeletionBar orgId={org.id} orgName={org.name} role={org.role} />}
      <main id="main-content" tabIndex={-1} className="mx-auto max-w-[96rem] px-4 py-6 focus:outline-none">
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
      </main>
      <footer className="mx-auto max-w-[96rem] px-4 pb-6">
        <LegalLinks />
      </footer>
      <Dialog open={isCreating} onOpenChange={setCreating} title="Create organisation" description="You will be its owner. Invite your team from Settings › Members.">
        <CreateOrgForm onCreated={() => setCreating(false)} onCancel={() => setCreating(false)} />
      </Dialog>
    </div>
  );
}
