import * as Menu from '@radix-ui/react-dropdown-menu';
import { useNavigate } from '@tanstack/react-router';
import type { MyOrganization } from '../../lib/types.ts';
import { roleLabel } from '../../lib/format.ts';

export const menuContent = 'z-50 min-w-56 rounded-md bg-white p-1 shadow-lg ring-1 ring-gray-200';
export const menuItem =
  'flex cursor-pointer items-center justify-between gap-3 rounded px-3 py-2 text-sm text-gray-700 outline-none data-[highlighted]:bg-gray-100 data-[highlighted]:text-gray-900';

/** Lists the person's organisations; picking one opens it (the organisation lives in the URL). */
export function OrgSwitcher({ organizations, current, onCreate }: { organizations: MyOrganization[]; current: MyOrganization | undefined; onCreate: () => void }) {
  const navigate = useNavigate();
  return (
    <Menu.Root modal={false}>
      <Menu.Trigger
        className="inline-flex max-w-full items-center gap-2 rounded-md px-2 py-1.5 text-sm font-medium text-gray-800 ring-1 ring-gray-200 hover:bg-gray-50"
      >
        <span className="sr-only">Switch organisation, current: </span>
        <span className="truncate">{current?.name ?? 'Choose organisation'}</span>
        <svg viewBox="0 0 20 20" className="size-4 shrink-0 text-gray-400" aria-hidden="true">
          <path d="M6 8l4 4 4-4" fill="none" stroke="currentColor" strokeWidth="1.5" />
        </svg>
      </Menu.Trigger>
      <Menu.Content className={menuContent} align="start" sideOffset={6}>
        <Menu.Label className="px-3 py-1.5 text-xs font-medium text-gray-500">Organisations</Menu.Label>
        {organizations.map((org) => (
          <Menu.Item key={org.id} className={menuItem} onSelect={() => void navigate({ to: '/orgs/$orgId/dashboard', params: { orgId: org.id } })}>
            <span className="truncate">
              {org.name}
              {org.id === current?.id && <span className="sr-only"> (current)</span>}
            </span>
            <span className="text-xs text-gray-600">{roleLabel(org.role)}</span>
          </Menu.Item>
        ))}
        <Menu.Separator className="my-1 h-px bg-gray-100" />
        <Menu.Item className={menuItem} onSelect={onCreate}>
          Create organisation
        </Menu.Item>
      </Menu.Content>
    </Menu.Root>
  );
}
