import { useState } from 'react';
import { Link } from '@tanstack/react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { keys } from '../../lib/queries.ts';
import { formatDateTime, formatRelative } from '../../lib/format.ts';
import type { Role } from '../../lib/types.ts';
import { Button } from '../../components/ui/button.tsx';
import { ConfirmDialog } from '../../components/ui/confirm-dialog.tsx';
import { changeSettingsQuery, resumeAutomation } from '../approvals/approvals-api.ts';
import { canEditChangeSettings } from '../approvals/permissions.ts';

/**
 * While the organisation's kill switch is on, a bar under the header on every page says so, with
 * Resume for those allowed. Reads the change settings (cached, refreshed with the switch's events).
 */
export function KillSwitchBar({ orgId, role }: { orgId: string; role: Role }) {
  const queryClient = useQueryClient();
  // Someone else may stop automation: read again now and then (a stopped change's event also refreshes it).
  const settings = useQuery({ ...changeSettingsQuery(orgId), refetchInterval: 60_000, retry: false });
  const [isConfirming, setConfirming] = useState(false);
  const automation = settings.data?.automation;
  if (!automation?.stopped) return null;
  return (
    <div role="region" aria-label="Automated changes stopped" className="border-b border-red-300 bg-red-50">
      <div className="mx-auto flex max-w-[96rem] flex-wrap items-center gap-x-4 gap-y-2 px-4 py-2 text-sm text-red-900">
        <p className="min-w-0">
          <span className="font-semibold">Automated changes are stopped</span>
          {automation.stoppedAt && (
            <>
              {' '}
              since{' '}
              <time dateTime={automation.stoppedAt} title={formatDateTime(automation.stoppedAt)}>
                {formatRelative(automation.stoppedAt)}
              </time>
            </>
          )}
          {automation.stoppedBy && ` by ${automation.stoppedBy}`}. Rules and the AI change nothing until they are resumed.
        </p>
        <div className="ml-auto flex items-center gap-2">
          <Link to="/orgs/$orgId/settings/automation-safety" params={{ orgId }} className="font-medium underline">
            Automation safety
          </Link>
          {canEditChangeSettings(role) && (
            <Button variant="secondary" className="px-2 py-1" onClick={() => setConfirming(true)}>
              Resume
            </Button>
          )}
        </div>
      </div>
      <ConfirmDialog
        open={isConfirming}
        onOpenChange={setConfirming}
        title="Resume automated changes?"
        description="Rules and the AI may change your ads again. Changes stopped by the switch stay stopped."
        confirmLabel="Resume"
        tone="primary"
        onConfirm={async () => {
          await resumeAutomation(orgId);
          await queryClient.invalidateQueries({ queryKey: keys.changeSettings(orgId) });
        }}
      />
    </div>
  );
}
