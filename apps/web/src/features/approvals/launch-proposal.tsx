import { Link } from '@tanstack/react-router';
import type { CampaignChange } from '../../lib/types.ts';
import { buttonClass } from '../../components/ui/button.tsx';
import { PLATFORM_NAMES } from '../connections/health.tsx';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/**
 * A launch the server turned into a proposal (a member's new campaign under the approval policy)
 * answers with the proposed change (`proposal` or `change`, state `proposed`) instead of a
 * campaign. Parse boundary: anything else is a created campaign.
 */
export function launchProposal(result: unknown): CampaignChange | null {
  if (!isRecord(result)) return null;
  const candidate = isRecord(result.proposal) ? result.proposal : isRecord(result.change) ? result.change : null;
  if (!candidate || candidate.state !== 'proposed' || typeof candidate.id !== 'string') return null;
  return candidate as unknown as CampaignChange;
}

/** "Sent for approval": the wizard's ending when the launch waits for a manager. */
export function LaunchProposed({ orgId, proposal, headingRef, children }: { orgId: string; proposal: CampaignChange; headingRef?: React.Ref<HTMLHeadingElement>; children?: React.ReactNode }) {
  return (
    <section aria-labelledby="proposed-heading" className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-gray-200">
      <h2 id="proposed-heading" ref={headingRef} tabIndex={-1} className="text-lg font-semibold text-gray-900 focus:outline-none">
        Sent for approval
      </h2>
      <p className="mt-2 text-sm text-gray-600">
        “{proposal.campaignName}” on {PLATFORM_NAMES[proposal.platform]} launches once an owner, admin or manager approves it. Nothing is created on the platform before then; you can follow it in the approval inbox.
      </p>
      <div className="mt-4 flex flex-wrap gap-2">
        <Link to="/orgs/$orgId/approvals" params={{ orgId }} className={buttonClass('primary')}>
          Open the approval inbox
        </Link>
        <Link to="/orgs/$orgId/campaigns" params={{ orgId }} className={buttonClass('secondary')}>
          Back to campaigns
        </Link>
        {children}
      </div>
    </section>
  );
}
