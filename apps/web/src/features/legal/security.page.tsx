import { LegalLayout, LegalSection, WithOperator } from './legal-layout.tsx';

const linkClass = 'font-medium text-indigo-600 hover:underline';

/** `mailto:` contacts as their address, web forms as their URL. */
const contactLabel = (uri: string) => (uri.startsWith('mailto:') ? uri.slice('mailto:'.length) : uri);

export function SecurityPolicyPage() {
  return (
    <LegalLayout title="Security and vulnerability disclosure">
      <WithOperator>
        {(info) => (
          <>
            <LegalSection title="Reporting a vulnerability">
              <p>If you believe you have found a security vulnerability in Adloop, please tell us privately:</p>
              <ul className="list-disc space-y-1 pl-5">
                {info.securityContacts.map((uri) => (
                  <li key={uri}>
                    <a href={uri} className={linkClass}>{contactLabel(uri)}</a>
                  </li>
                ))}
              </ul>
              <p>
                These contacts are also published in <a href="/.well-known/security.txt" className={linkClass}>/.well-known/security.txt</a>.
              </p>
            </LegalSection>
            <LegalSection title="What to include">
              <p>The affected address or feature, the steps to reproduce it, what an attacker could achieve, and how to reach you. We will confirm that we received your report and keep you informed while we fix it.</p>
            </LegalSection>
            <LegalSection title="Please">
              <ul className="list-disc space-y-1 pl-5">
                <li>Only test with accounts and organisations you own; do not access, change or delete other people&apos;s data.</li>
                <li>Do not run denial-of-service tests, spam or social engineering.</li>
                <li>Give us reasonable time to fix the issue before you disclose it publicly.</li>
              </ul>
              <p>We will not take legal action against research done in good faith within these rules.</p>
            </LegalSection>
          </>
        )}
      </WithOperator>
    </LegalLayout>
  );
}
