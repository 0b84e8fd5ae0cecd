import { PageHeader } from './settings-layout.tsx';
import { ExportSection } from './privacy-exports.tsx';
import { DeletionSection } from './privacy-deletion.tsx';

/** Account › Your data: download everything about me, or delete my account. */
export function PrivacyPage() {
  return (
    <>
      <PageHeader title="Your data" description="Download a copy of everything Adloop holds about you, or delete your account." />
      <ExportSection
        orgId={null}
        title="Download my data"
        description="A zip with one JSON and one CSV file per kind of data, described in manifest.json. We email you the link when it is ready; it works for 7 days."
        buttonLabel="Download my data"
      />
      <DeletionSection subject={{ base: '/me', orgName: null }} />
    </>
  );
}
