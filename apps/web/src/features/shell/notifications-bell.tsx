import * as Menu from '@radix-ui/react-dropdown-menu';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from '@tanstack/react-router';
import { api } from '../../lib/api.ts';
import { keys } from '../../lib/queries.ts';
import { usePollInterval } from '../../lib/live.ts';
import { formatDateTime, formatRelative } from '../../lib/format.ts';
import type { Notification, NotificationPage } from '../../lib/types.ts';
import { Spinner } from '../../components/ui/spinner.tsx';
import { menuContent } from './org-switcher.tsx';

const POLL_MS = 30_000;
const SHOWN = 10;
const notificationItem =
  'flex cursor-pointer flex-col items-start gap-0.5 rounded px-3 py-2 text-sm outline-none data-[highlighted]:bg-gray-100';

/** The bell in the header: unread count, the newest notifications, "Mark all read". */
export function NotificationsBell({ orgId }: { orgId: string }) {
  const queryClient = useQueryClient();
  const router = useRouter();
  const poll = usePollInterval();
  const list = useQuery({
    queryKey: keys.notifications(orgId),
    queryFn: () => api.get<NotificationPage>(`/orgs/${orgId}/notifications`, { limit: SHOWN }),
    refetchInterval: poll(POLL_MS),
    staleTime: 0,
  });
  const markRead = useMutation({
    mutationFn: (ids?: string[]) => api.post<void>(`/orgs/${orgId}/notifications/read`, ids ? { ids } : {}),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.notifications(orgId) }),
  });

  const unread = list.data?.unread ?? 0;
  const items = list.data?.items ?? [];

  const open = (notification: Notification) => {
    if (!notification.readAt) markRead.mutate([notification.id]);
    const link = notification.link;
    if (!link) return;
    if (link.startsWith('/')) router.history.push(link);
    else window.location.assign(link);
  };

  return (
    <Menu.Root modal={false}>
      <Menu.Trigger
        aria-label={unread ? `Notifications, ${unread} unread` : 'Notifications'}
        className="relative flex size-9 items-center justify-center rounded-full text-gray-600 hover:bg-gray-100 hover:text-gray-900"
      >
        <svg viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true">
          <path d="M14.857 17.082a23.848 23.848 0 0 0 5.454-1.31A8.967 8.967 0 0 1 18 9.75V9A6 6 0 0 0 6 9v.75a8.967 8.967 0 0 1-2.312 6.022c1.733.64 3.56 1.085 5.455 1.31m5.714 0a24.255 24.255 0 0 1-5.714 0m5.714 0a3 3 0 1 1-5.714 0" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
        {unread > 0 && (
          <span aria-hidden="true" className="absolute -top-0.5 -right-0.5 min-w-5 rounded-full bg-red-600 px-1 text-center text-[11px] leading-5 font-semibold text-white">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </Menu.Trigger>
      <Menu.Content className={`${menuContent} w-80 max-w-[calc(100vw-2rem)]`} align="end" sideOffset={6} aria-label="Notifications">
        <div className="flex items-center justify-between px-3 py-2">
          <p className="text-sm font-semibold text-gray-900">Notifications</p>
          <Menu.Item
            className="cursor-pointer rounded px-2 py-1 text-xs font-medium text-indigo-600 outline-none data-[disabled]:cursor-default data-[disabled]:text-gray-400 data-[highlighted]:bg-indigo-50"
            disabled={unread === 0 || markRead.isPending}
            onSelect={(event) => {
              event.preventDefault();
              markRead.mutate(undefined);
            }}
          >
            Mark all read
          </Menu.Item>
        </div>
        <Menu.Separator className="my-1 h-px bg-gray-100" />
        {list.isPending ? (
          <div className="flex items-center gap-2 px-3 py-4 text-sm text-gray-500">
            <Spinner /> Loading…
          </div>
        ) : list.isError ? (
          <p role="alert" className="px-3 py-4 text-sm text-red-700">
            Could not load notifications: {list.error.message}
          </p>
        ) : items.length === 0 ? (
          <p className="px-3 py-4 text-sm text-gray-500">No notifications yet.</p>
        ) : (
          <div className="max-h-96 overflow-y-auto">
            {items.map((notification) => (
              <Menu.Item key={notification.id} className={notificationItem} onSelect={() => open(notification)}>
                <span className="flex w-full items-start gap-2">
                  {!notification.readAt && <span className="mt-1.5 size-2 shrink-0 rounded-full bg-indigo-600" aria-hidden="true" />}
                  <span className={`min-w-0 flex-1 ${notification.readAt ? 'text-gray-700' : 'font-semibold text-gray-900'}`}>
                    {!notification.readAt && <span className="sr-only">Unread: </span>}
                    {notification.title}
                  </span>
                </span>
                {notification.body && <span className="w-full text-xs whitespace-pre-line text-gray-600">{notification.body}</span>}
                <span className="flex w-full justify-between text-xs text-gray-600">
                  <time dateTime={notification.createdAt} title={formatDateTime(notification.createdAt)}>
                    {formatRelative(notification.createdAt)}
                  </time>
                  {notification.link && <span className="text-indigo-600">Open</span>}
                </span>
              </Menu.Item>
            ))}
          </div>
        )}
      </Menu.Content>
    </Menu.Root>
  );
}
