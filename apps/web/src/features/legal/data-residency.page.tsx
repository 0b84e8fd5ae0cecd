import { LegalLayout, LegalSection, OperatorDetails, WithOperator } from './legal-layout.tsx';

export function DataResidencyPage() {
  return (
    <LegalLayout title="Data residency">
      <WithOperator>
        {(info) => (
          <>
            <LegalSection title="Where your data is stored">
              <p>
                Your organisation&apos;s data — accounts, campaigns, metrics, audit records and backups — is stored and processed in <strong>{info.dataRegion}</strong>.
              </p>
            </LegalSection>
            <LegalSection title="What leaves that region">
              <ul className="list-disc space-y-1 pl-5">
                <li>Changes you make to campaigns are sent to the advertising platforms you connected (Google Ads, Meta, TikTok), which process them under their own terms.</li>
                <li>If your organisation turns on AI features, the text needed for a request is sent to the AI provider the operator configured.</li>
                <li>Emails go through the operator&apos;s email provider.</li>
              </ul>
            </LegalSection>
            <LegalSection title="Questions">
              <OperatorDetails info={info} />
            </LegalSection>
          </>
        )}
      </WithOperator>
    </LegalLayout>
  );
}
