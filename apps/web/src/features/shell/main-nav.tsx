import { useState } from 'react';
import { Link } from '@tanstack/react-router';
import { Drawer } from '../../components/ui/drawer.tsx';
import type { Role } from '../../lib/types.ts';
import { ApprovalsNavBadge } from '../approvals/approvals-nav-badge.tsx';
import { canApprove } from '../approvals/permissions.ts';

const LINKS = [
  { to: '/orgs/$orgId/dashboard', label: 'Dashboard' },
  { to: '/orgs/$orgId/campaigns', label: 'Campaigns' },
  { to: '/orgs/$orgId/connections', label: 'Connections' },
  { to: '/orgs/$orgId/approvals', label: 'Approvals' },
  { to: '/orgs/$orgId/insights', label: 'Insights' },
  { to: '/orgs/$orgId/reports', label: 'Reports' },
  { to: '/orgs/$orgId/rules', label: 'Rules' },
  { to: '/orgs/$orgId/settings', label: 'Settings' },
] as const;

/** Approvals: for those who decide, and members who follow their own proposals; viewers propose nothing. */
const shows = (to: (typeof LINKS)[number]['to'], role: Role | undefined) => to !== '/orgs/$orgId/approvals' || (role !== undefined && role !== 'viewer');

const inlineLink = 'rounded-md px-3 py-2 text-sm font-medium text-gray-600 hover:bg-gray-100 hover:text-gray-900';
const drawerLink = 'block rounded-md px-3 py-2.5 text-base font-medium text-gray-700 hover:bg-gray-100 hover:text-gray-900';
const active = (className: string) => ({ className: `${className} bg-gray-100 text-gray-900`, 'aria-current': 'page' as const });

function NavLinks({ orgId, role, linkClass, onNavigate }: { orgId: string; role: Role | undefined; linkClass: string; onNavigate?: () => void }) {
  return LINKS.filter(({ to }) => shows(to, role)).map(({ to, label }) => (
    <Link key={to} to={to} params={{ orgId }} className={linkClass} activeProps={active(linkClass)} onClick={onNavigate}>
      {label}
      {to === '/orgs/$orgId/approvals' && canApprove(role) && <ApprovalsNavBadge orgId={orgId} />}
    </Link>
  ));
}

/** The main navigation: inline from 1280 px, behind a menu button in a drawer below. */
export function InlineNav({ orgId, role }: { orgId: string; role: Role | undefined }) {
  return (
    <nav aria-label="Main" className="hidden gap-1 xl:flex">
      <NavLinks orgId={orgId} role={role} linkClass={inlineLink} />
    </nav>
  );
}

export function MenuButton({ orgId, role, hasDevMailbox }: { orgId: string | undefined; role: Role | undefined; hasDevMailbox: boolean }) {
  const [isOpen, setOpen] = useState(false);
  const close = () => setOpen(false);
  return (
    <Drawer
      open={isOpen}
      onOpenChange={setOpen}
      title="Menu"
      trigger={
        <button type="button" aria-label="Menu" className="flex size-9 shrink-0 items-center justify-center rounded-md text-gray-700 hover:bg-gray-100 xl:hidden">
          <svg viewBox="0 0 20 20" className="size-5" aria-hidden="true">
            <path d="M3 5h14M3 10h14M3 15h14" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
          </svg>
        </button>
      }
    >
      {orgId && (
        <nav aria-label="Main" className="space-y-1">
          <NavLinks orgId={orgId} role={role} linkClass={drawerLink} onNavigate={close} />
        </nav>
      )}
      {hasDevMailbox && (
        <Link to="/dev/mailbox" className="mt-6 block rounded-md px-3 py-2 text-sm font-medium text-amber-900 ring-1 ring-amber-300" onClick={close}>
          Dev mailbox
        </Link>
      )}
    </Drawer>
  );
}
