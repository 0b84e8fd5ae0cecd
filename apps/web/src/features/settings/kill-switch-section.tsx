import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { keys } from '../../lib/queries.ts';
import { formatDateTime } from '../../lib/format.ts';
import type { AutomationState, Role } from '../../lib/types.ts';
import { Button } from '../../components/ui/button.tsx';
import { ConfirmDialog } from '../../components/ui/confirm-dialog.tsx';
import { resumeAutomation, stopAutomation } from '../approvals/approvals-api.ts';
import { canEditChangeSettings, canStopAutomation } from '../approvals/permissions.ts';

/** The kill switch: stop every automated (rule, AI) change at once, queued ones included; resume later. */
export function KillSwitchSection({ orgId, role, automation }: { orgId: string; role: Role; automation: AutomationState }) {
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<'stop' | 'resume' | null>(null);
  const [stoppedCount, setStoppedCount] = useState<number | null>(null);
  const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: keys.changeSettings(orgId) }), queryClient.invalidateQueries({ queryKey: keys.proposals(orgId) })]);
  const stopped = automation.stopped;
  return (
    <section aria-labelledby="kill-switch-heading" className={`rounded-lg p-5 shadow-sm ring-1 ${stopped ? 'bg-red-50 ring-red-300' : 'bg-white ring-gray-200'}`}>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="max-w-xl">
          <h3 id="kill-switch-heading" className="text-base font-semibold text-gray-900">
            Kill switch
          </h3>
          <p className="mt-1 text-sm text-gray-700" role="status">
            {stopped
              ? `Automated changes are stopped${automation.stoppedAt ? ` since ${formatDateTime(automation.stoppedAt)}` : ''}${automation.stoppedBy ? ` by ${automation.stoppedBy}` : ''}. Rules and the AI change nothing until someone resumes them; people can still make and approve changes.`
              : 'Automated changes are running. Stopping them halts every rule and AI change at once, including those waiting or queued.'}
          </p>
          {stoppedCount !== null && stopped && <p className="mt-1 text-sm text-gray-700">{stoppedCount === 1 ? '1 waiting or queued change was stopped.' : `${stoppedCount} waiting or queued changes were stopped.`}</p>}
        </div>
        {stopped
          ? canEditChangeSettings(role) && (
              <Button variant="secondary" onClick={() => setDialog('resume')}>
                Resume automated changes
              </Button>
            )
          : canStopAutomation(role) && (
              <Button variant="danger" className="px-4 py-3 text-base" onClick={() => setDialog('stop')}>
                Stop all automated changes
              </Button>
            )}
      </div>
      <ConfirmDialog
        open={dialog === 'stop'}
        onOpenChange={(open) => setDialog(open ? 'stop' : null)}
        title="Stop all automated changes?"
        description="Rules and AI changes waiting or queued will be stopped. Nothing automated changes your ads until someone resumes."
        confirmLabel="Stop automated changes"
        onConfirm={async () => {
          const result = await stopAutomation(orgId);
          setStoppedCount(result.stoppedChanges);
          await refresh();
        }}
      />
      <ConfirmDialog
        open={dialog === 'resume'}
        onOpenChange={(open) => setDialog(open ? 'resume' : null)}
        title="Resume automated changes?"
        description="Rules and the AI may change your ads again. Changes stopped by the switch stay stopped."
        confirmLabel="Resume"
        tone="primary"
        onConfirm={async () => {
          await resumeAutomation(orgId);
          setStoppedCount(null);
          await refresh();
        }}
      />
    </section>
  );
}
