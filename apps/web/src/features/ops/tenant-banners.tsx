import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button } from '../../components/ui/button.tsx';
import { noticesApi } from './ops-api.ts';

/**
 * On every page of the tenant's app: a banner while Adloop support looks at the organisation
 * (with its reason, mode and end time, and a button to end it), and one while it is suspended.
 */
export function OperatorBanners({ orgId }: { orgId: string }) {
  return (
    <>
      <ImpersonationBanner />
      <SuspensionBanner orgId={orgId} />
    </>
  );
}

function ImpersonationBanner() {
  const queryClient = useQueryClient();
  const notice = useQuery({ queryKey: ['impersonation'], queryFn: noticesApi.impersonation, refetchInterval: 60_000, retry: false });
  const impersonation = notice.data?.impersonation;
  if (!impersonation) return null;
  const end = async () => {
    await noticesApi.endImpersonation().catch(() => undefined);
    await queryClient.invalidateQueries();
    window.location.assign(`/ops/tenants/${impersonation.orgId}`);
  };
  return (
    <div role="region" aria-label="Support is looking" className="border-b border-amber-400 bg-amber-100">
      <div className="mx-auto flex max-w-[96rem] flex-wrap items-center gap-3 px-4 py-2 text-sm text-amber-950">
        <p>
          <span className="font-semibold">Adloop support ({impersonation.operatorEmail}) is looking at this organisation</span>
          {impersonation.mode === 'read_only' ? ', read-only' : ', with changes allowed'}, until {new Date(impersonation.expiresAt).toLocaleTimeString()}. Reason: {impersonation.reason}
        </p>
        <Button variant="secondary" className="ml-auto" onClick={() => void end()}>End impersonation</Button>
      </div>
    </div>
  );
}

function SuspensionBanner({ orgId }: { orgId: string }) {
  const notice = useQuery({ queryKey: ['suspension', orgId], queryFn: () => noticesApi.suspension(orgId), refetchInterval: 60_000, retry: false });
  const suspension = notice.data?.suspension;
  if (!suspension) return null;
  return (
    <div role="alert" className="border-b border-red-400 bg-red-100">
      <div className="mx-auto max-w-[96rem] px-4 py-2 text-sm text-red-950">
        <span className="font-semibold">This organisation is suspended by Adloop:</span> {suspension.reason}. You can still look at your data; changes and automation are stopped. Contact support to lift it.
      </div>
    </div>
  );
}
