import { canManageOrg } from '../../lib/queries.ts';
import { useCurrentOrg } from '../shell/org-context.ts';
import { PageHeader } from './settings-layout.tsx';
import { MembersSection } from './members-section.tsx';
import { InvitationsSection } from './invitations-section.tsx';

export function MembersPage() {
  const { org } = useCurrentOrg();
  return (
    <>
      <PageHeader title="Members" description="Who can use this organisation, and what they may do." />
      {canManageOrg(org.role) && <InvitationsSection />}
      <MembersSection />
    </>
  );
}
