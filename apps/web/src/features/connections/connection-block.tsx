import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';
import { keys } from '../../lib/queries.ts';
import { formatDateTime } from '../../lib/format.ts';
import type { Connection } from '../../lib/types.ts';
import { Alert } from '../../components/ui/alert.tsx';
import { Badge } from '../../components/ui/card.tsx';
import { Button } from '../../components/ui/button.tsx';
import { ConfirmDialog } from '../../components/ui/confirm-dialog.tsx';
import { EmptyState } from '../../components/ui/states.tsx';
import { PLATFORM_NAMES } from './health.tsx';
import { AccountRow } from './account-row.tsx';
import { PlatformWords } from './platform-words.tsx';
import type { PageActions } from './page-actions.ts';

/** One login's link to a platform: its added accounts, and what to do about the link. */
export function ConnectionBlock({ connection, actions }: { connection: Connection; actions: PageActions }) {
  const queryClient = useQueryClient();
  const [isDisconnecting, setDisconnecting] = useState(false);
  const platformName = PLATFORM_NAMES[connection.platform];
  const added = connection.accounts.filter((a) => a.selected);
  const notAdded = connection.accounts.length - added.length;
  const label = `${platformName} connection from ${formatDateTime(connection.connectedAt)}`;

  const disconnect = async () => {
    await api.delete(`/orgs/${actions.orgId}/connections/${connection.id}`);
    await queryClient.invalidateQueries({ queryKey: keys.connections(actions.orgId), exact: true });
  };

  return (
    <li aria-label={label} className="rounded-md ring-1 ring-gray-200">
      <div className="flex flex-wrap items-center justify-between gap-3 bg-gray-50 px-4 py-3">
        <div className="text-sm">
          <p className="font-medium text-gray-900">
            Connected <time dateTime={connection.connectedAt}>{formatDateTime(connection.connectedAt)}</time>{' '}
            <span className="font-normal text-gray-600">· {connection.externalLabel}</span>
          </p>
          {connection.status === 'needs_reconnection' && (
            <p className="mt-1">
              <Badge tone="red">Needs reconnection</Badge>
            </p>
          )}
        </div>
        {actions.canManage && (
          <div className="flex gap-2">
            <Button variant="secondary" onClick={() => actions.openPicker(connection.id)}>
              Manage accounts<span className="sr-only"> of {platformName}</span>
            </Button>
            {actions.canDisconnect && (
              <Button variant="secondary" onClick={() => setDisconnecting(true)}>
                Disconnect<span className="sr-only"> {platformName}</span>
              </Button>
            )}
          </div>
        )}
      </div>
      {connection.status === 'needs_reconnection' && (
        <div className="px-4 pt-3">
          <Alert tone="error" title={`${platformName} no longer accepts Adloop's access`}>
            {connection.lastError && <PlatformWords platformName={platformName} text={connection.lastError} />}
            {actions.canManage && (
              <Button className="mt-2" onClick={() => actions.connect(connection.platform)} isLoading={actions.connectingPlatform === connection.platform}>
                Reconnect
              </Button>
            )}
          </Alert>
        </div>
      )}
      <div className="px-4 py-3">
        {added.length === 0 ? (
          <EmptyState
            title="No accounts added yet"
            action={
              actions.canManage && connection.accounts.length > 0 ? (
                <Button onClick={() => actions.openPicker(connection.id)}>Choose accounts</Button>
              ) : undefined
            }
          >
            {connection.accounts.length === 0 ? 'The platform shared no accounts with Adloop.' : `Add the accounts Adloop should sync: ${connection.accounts.length} are available.`}
          </EmptyState>
        ) : (
          <ul className="divide-y divide-gray-100" aria-label={`Accounts of the ${platformName} connection`}>
            {added.map((account) => (
              <AccountRow key={account.id} account={account} actions={actions} />
            ))}
          </ul>
        )}
        {added.length > 0 && notAdded > 0 && (
          <p className="mt-2 text-xs text-gray-500">
            {notAdded} more granted account{notAdded === 1 ? ' is' : 's are'} not added to Adloop.
          </p>
        )}
      </div>
      <ConfirmDialog
        open={isDisconnecting}
        onOpenChange={setDisconnecting}
        title={`Disconnect ${platformName}?`}
        description={`This revokes Adloop's access to ${platformName} and stops syncing its ${added.length === 1 ? 'account' : `${added.length} accounts`}. The history already in Adloop stays.`}
        confirmLabel="Disconnect"
        onConfirm={disconnect}
      />
    </li>
  );
}
