import { Alert } from '../../components/ui/alert.tsx';
import { useCurrentOrg } from '../shell/org-context.ts';
import { PageHeader } from './settings-layout.tsx';
import { ExportSection } from './privacy-exports.tsx';
import { DeletionSection } from './privacy-deletion.tsx';

/** The organisation's data (owner only): export all of it, or delete the organisation. */
export function OrganizationDataPage() {
  const { org } = useCurrentOrg();
  return (
    <>
      <PageHeader title="Data and deletion" description={`Export ${org.name}'s data, or delete the organisation.`} />
      {org.role !== 'owner' ? (
        <Alert tone="info">Only the organisation's owners can export its data or delete it.</Alert>
      ) : (
        <>
          <ExportSection
            orgId={org.id}
            title="Export organisation data"
            description="A zip of the organisation's data: one JSON and one CSV file per kind of data, described in manifest.json. The link is emailed to you and works for 7 days."
            buttonLabel="Export organisation data"
          />
          <DeletionSection subject={{ base: `/orgs/${org.id}`, orgName: org.name }} />
        </>
      )}
    </>
  );
}
