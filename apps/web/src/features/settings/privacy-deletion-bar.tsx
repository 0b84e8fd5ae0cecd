import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useRouterState } from '@tanstack/react-router';
import type { DeletionStatus } from '@adloop/contracts';
import { api } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { formErrors } from '../../lib/form-errors.ts';
import type { Role } from '../../lib/types.ts';
import { FormError } from '../../components/ui/alert.tsx';
import { Button } from '../../components/ui/button.tsx';

/**
 * While the organisation's deletion is scheduled (its 30-day grace), a bar under the header on
 * every page says when it will be purged, with "Restore" for owners. Settings › Data and deletion
 * shows the full notice itself, so the bar stays off there. Shares its query with that page.
 */
export function DeletionBar({ orgId, orgName, role }: { orgId: string; orgName: string; role: Role }) {
  const base = `/orgs/${orgId}`;
  const queryClient = useQueryClient();
  const status = useQuery({ queryKey: ['deletion', base], queryFn: () => api.get<DeletionStatus>(`${base}/deletion`), staleTime: 60_000, retry: false });
  const restore = useMutation({
    mutationFn: () => api.post<DeletionStatus>(`${base}/deletion/restore`, {}),
    onSuccess: (data) => queryClient.setQueryData(['deletion', base], data),
  });
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  const scheduled = status.data?.scheduled;
  if (!scheduled || pathname.endsWith('/settings/organization-data')) return null;
  return (
    <div role="region" aria-label="Organisation deletion" className="border-b border-red-300 bg-red-50" data-testid="deletion-bar">
      <div className="mx-auto flex max-w-[96rem] flex-wrap items-center gap-x-4 gap-y-1 px-4 py-2 text-sm text-red-900">
        <p className="min-w-0 font-semibold">
          {orgName} is scheduled for deletion: everything will be purged for good on {formatDateTime(scheduled.purgeAfter)}.
          {role !== 'owner' && ' An owner can restore it until then.'}
        </p>
        {role === 'owner' && (
          <div className="ml-auto flex items-center gap-3">
            <Link to="/orgs/$orgId/settings/organization-data" params={{ orgId }} className="font-medium underline">
              Data and deletion
            </Link>
            <Button variant="secondary" onClick={() => restore.mutate()} isLoading={restore.isPending}>
              Restore
            </Button>
          </div>
        )}
        <FormError message={restore.isError ? formErrors(restore.error, []).form : null} />
      </div>
    </div>
  );
}
