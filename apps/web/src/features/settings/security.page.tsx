import { PageHeader } from './settings-layout.tsx';
import { PasswordSection } from './password-section.tsx';
import { MfaSection } from './mfa-section.tsx';
import { SessionsSection } from './sessions-section.tsx';
import { LinkedAccountsSection } from '../auth/linked-accounts-section.tsx';

export function SecurityPage() {
  return (
    <>
      <PageHeader title="Security" description="Your password, two-factor authentication and where you are signed in." />
      <PasswordSection />
      <MfaSection />
      <LinkedAccountsSection />
      <SessionsSection />
    </>
  );
}
