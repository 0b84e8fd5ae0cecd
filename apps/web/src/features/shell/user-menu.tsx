import * as Menu from '@radix-ui/react-dropdown-menu';
import { useNavigate } from '@tanstack/react-router';
import type { Me } from '../../lib/types.ts';
import { menuContent, menuItem } from './org-switcher.tsx';
import { useSignOut } from './sign-out-button.tsx';

function initials(name: string, email: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length ? parts.slice(0, 2).map((p) => p[0]) : [email[0]];
  return letters.join('').toUpperCase();
}

export function UserMenu({ me, orgId }: { me: Me; orgId: string | undefined }) {
  const navigate = useNavigate();
  const { signOut } = useSignOut();
  return (
    <Menu.Root modal={false}>
      <Menu.Trigger className="flex size-9 items-center justify-center rounded-full bg-indigo-600 text-sm font-semibold text-white hover:bg-indigo-500">
        <span aria-hidden="true">{initials(me.user.name, me.user.email)}</span>
        <span className="sr-only">User menu</span>
      </Menu.Trigger>
      <Menu.Content className={menuContent} align="end" sideOffset={6}>
        <div className="px-3 py-2">
          <p className="truncate text-sm font-medium text-gray-900">{me.user.name}</p>
          <p className="truncate text-xs text-gray-500">{me.user.email}</p>
        </div>
        <Menu.Separator className="my-1 h-px bg-gray-100" />
        {orgId && (
          <>
            <Menu.Item className={menuItem} onSelect={() => void navigate({ to: '/orgs/$orgId/settings/profile', params: { orgId } })}>
              Profile
            </Menu.Item>
            <Menu.Item className={menuItem} onSelect={() => void navigate({ to: '/orgs/$orgId/settings/security', params: { orgId } })}>
              Security
            </Menu.Item>
            <Menu.Separator className="my-1 h-px bg-gray-100" />
          </>
        )}
        <Menu.Item className={menuItem} onSelect={() => void signOut()}>
          Sign out
        </Menu.Item>
      </Menu.Content>
    </Menu.Root>
  );
}
