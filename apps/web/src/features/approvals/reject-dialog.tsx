import { plural } from '@adloop/contracts/labels';
import { ConfirmDialog } from '../../components/ui/confirm-dialog.tsx';
import { ApiError } from '../../lib/api.ts';

/** Asks why before rejecting: the reason is kept on each proposal for its proposer. */
export function RejectDialog({ count, open, onOpenChange, onReject }: { count: number; open: boolean; onOpenChange: (open: boolean) => void; onReject: (reason: string) => Promise<void> }) {
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={onOpenChange}
      title={`Reject ${plural(count, 'proposal')}?`}
      description="Nothing is changed on the platform. The proposer sees your reason."
      confirmLabel="Reject"
      fieldNames={['reason']}
      onConfirm={async (form) => {
        const reason = String(new FormData(form).get('reason') ?? '').trim();
        if (!reason) throw new ApiError(400, 'validation_failed', 'Say why you reject it', [{ location: 'body', field: 'reason', message: 'Say why you reject it' }]);
        await onReject(reason);
      }}
    >
      {(errors) => (
        <div className="space-y-1">
          <label htmlFor="reject-reason" className="block text-sm font-medium text-gray-800">
            Reason
          </label>
          <textarea
            id="reject-reason"
            name="reason"
            rows={3}
            maxLength={1000}
            autoFocus
            aria-invalid={errors.reason ? true : undefined}
            aria-describedby={errors.reason ? 'reject-reason-error' : undefined}
            className="block w-full rounded-md border-0 px-3 py-2 text-sm ring-1 ring-gray-300 ring-inset focus:ring-2 focus:ring-indigo-600 aria-[invalid=true]:ring-red-500"
          />
          {errors.reason && (
            <p id="reject-reason-error" className="text-sm text-red-600">
              {errors.reason}
            </p>
          )}
        </div>
      )}
    </ConfirmDialog>
  );
}
