import { Link, Outlet } from '@tanstack/react-router';
import { canManageOrg } from '../../lib/queries.ts';
import { useCurrentOrg } from '../shell/org-context.ts';

const tab = 'block shrink-0 whitespace-nowrap rounded-md px-3 py-2 text-sm font-medium text-gray-600 hover:bg-gray-100 hover:text-gray-900';
const activeTab = { className: `${tab} bg-white text-indigo-700 shadow-sm ring-1 ring-gray-200`, 'aria-current': 'page' as const };

export function SettingsLayout() {
  const { org } = useCurrentOrg();
  const orgId = org.id;
  const isManager = canManageOrg(org.role);
  return (
    <div className="grid grid-cols-1 gap-6 md:grid-cols-[13rem_1fr]">
      <aside className="min-w-0">
        <h1 className="mb-3 px-3 text-lg font-semibold text-gray-900">Settings</h1>
        <nav aria-label="Settings" className="flex gap-1 overflow-x-auto md:flex-col">
          <p className="hidden px-3 pt-2 pb-1 text-xs font-medium tracking-wide text-gray-500 uppercase md:block">Account</p>
          <Link to="/orgs/$orgId/settings/profile" params={{ orgId }} className={tab} activeProps={activeTab}>
            Profile
          </Link>
          <Link to="/orgs/$orgId/settings/security" params={{ orgId }} className={tab} activeProps={activeTab}>
            Security
          </Link>
          <Link to="/orgs/$orgId/settings/notifications" params={{ orgId }} className={tab} activeProps={activeTab}>
            Notifications
          </Link>
          <Link to="/orgs/$orgId/settings/your-data" params={{ orgId }} className={tab} activeProps={activeTab}>
            Your data
          </Link>
          <p className="hidden px-3 pt-4 pb-1 text-xs font-medium tracking-wide text-gray-500 uppercase md:block">{org.name}</p>
          {isManager && (
            <Link to="/orgs/$orgId/settings/organization" params={{ orgId }} className={tab} activeProps={activeTab}>
              Organisation
            </Link>
          )}
          <Link to="/orgs/$orgId/settings/members" params={{ orgId }} className={tab} activeProps={activeTab}>
            Members
          </Link>
          <Link to="/orgs/$orgId/settings/automation-safety" params={{ orgId }} className={tab} activeProps={activeTab}>
            Automation safety
          </Link>
          <Link to="/orgs/$orgId/settings/ai" params={{ orgId }} className={tab} activeProps={activeTab}>
            AI
          </Link>
          <Link to="/orgs/$orgId/settings/ai-usage" params={{ orgId }} className={tab} activeProps={activeTab}>
            AI usage
          </Link>
          <Link to="/orgs/$orgId/settings/copy-history" params={{ orgId }} className={tab} activeProps={activeTab}>
            Copy history
          </Link>
          <Link to="/orgs/$orgId/settings/billing" params={{ orgId }} className={tab} activeProps={activeTab}>
            Billing
          </Link>
          {isManager && (
            <>
              <Link to="/orgs/$orgId/settings/api-keys" params={{ orgId }} className={tab} activeProps={activeTab}>
                API keys
              </Link>
              <Link to="/orgs/$orgId/settings/audit-log" params={{ orgId }} className={tab} activeProps={activeTab}>
                Audit log
              </Link>
              <Link to="/orgs/$orgId/settings/webhooks" params={{ orgId }} className={tab} activeProps={activeTab}>
                Webhooks
              </Link>
              <Link to="/orgs/$orgId/settings/slack" params={{ orgId }} className={tab} activeProps={activeTab}>
                Slack
              </Link>
              {org.role === 'owner' && (
                <Link to="/orgs/$orgId/settings/organization-data" params={{ orgId }} className={tab} activeProps={activeTab}>
                  Data and deletion
                </Link>
              )}
            </>
          )}
        </nav>
      </aside>
      <div className="min-w-0 space-y-6">
        <Outlet />
      </div>
    </div>
  );
}

/** The heading of one settings page. */
export function PageHeader({ title, description }: { title: string; description?: string }) {
  return (
    <div>
      <h2 className="text-xl font-semibold tracking-tight text-gray-900">{title}</h2>
      {description && <p className="mt-1 text-sm text-gray-600">{description}</p>}
    </div>
  );
}
