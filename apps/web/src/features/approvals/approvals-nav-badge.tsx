import { useWaitingCount } from './approvals-api.ts';

/** How many proposals wait, next to the navigation's Approvals link (nothing when none). */
export function ApprovalsNavBadge({ orgId }: { orgId: string }) {
  const count = useWaitingCount(orgId, true);
  if (!count) return null;
  const shown = count >= 100 ? '99+' : String(count);
  return (
    <span className="ml-1.5 inline-flex min-w-5 items-center justify-center rounded-full bg-indigo-600 px-1.5 text-xs font-semibold text-white">
      <span aria-hidden="true">{shown}</span>
      <span className="sr-only">({shown} waiting)</span>
    </span>
  );
}
