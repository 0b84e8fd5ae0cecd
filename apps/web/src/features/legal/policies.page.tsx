import { Link } from '@tanstack/react-router';
import { LegalLayout, LegalSection, OperatorDetails, WithOperator } from './legal-layout.tsx';

const linkClass = 'font-medium text-indigo-600 hover:underline';

export function PrivacyPage() {
  return (
    <LegalLayout title="Privacy policy">
      <WithOperator>
        {(info) => (
          <>
            <LegalSection title="Who is responsible">
              <p>This installation of Adloop is run by:</p>
              <OperatorDetails info={info} />
            </LegalSection>
            <LegalSection title="What we process">
              <ul className="list-disc space-y-1 pl-5">
                <li>Your account: name, email address, password hash, two-factor settings and the organisations you belong to.</li>
                <li>The advertising data of the ad accounts your organisation connects: campaigns, ads, budgets and daily metrics.</li>
                <li>Security and audit records: sign-ins, changes made in the app, and the IP address of sign-in attempts.</li>
              </ul>
            </LegalSection>
            <LegalSection title="Why">
              <p>To provide the service your organisation signed up for (contract), to keep it secure (legitimate interest) and to meet legal obligations. We do not sell your data and do not use it for advertising.</p>
            </LegalSection>
            <LegalSection title="Where">
              <p>
                Your data is stored in {info.dataRegion}. See <Link to="/legal/data-residency" className={linkClass}>data residency</Link>.
              </p>
            </LegalSection>
            <LegalSection title="Your rights">
              <p>
                You can see and correct your profile in Settings. To access, export or erase your data, or to object to or restrict its processing, write to{' '}
                <a href={`mailto:${info.contactEmail}`} className={linkClass}>{info.contactEmail}</a>. You may also complain to your data protection authority.
              </p>
            </LegalSection>
            <LegalSection title="Cookies">
              <p>
                Only the cookies needed to sign you in and keep your session safe. See the <Link to="/legal/cookies" className={linkClass}>cookie policy</Link>.
              </p>
            </LegalSection>
          </>
        )}
      </WithOperator>
    </LegalLayout>
  );
}

export function TermsPage() {
  return (
    <LegalLayout title="Terms of service">
      <WithOperator>
        {(info) => (
          <>
            <LegalSection title="The service">
              <p>
                {info.companyName} provides Adloop, a tool to manage and automate advertising campaigns on the platforms you connect. These terms apply between{' '}
                {info.companyName} and the organisation that uses it.
              </p>
            </LegalSection>
            <LegalSection title="Your account">
              <p>Keep your credentials secret and turn on two-factor authentication. You are responsible for what is done with your account and for the changes your rules and automations make to your ad accounts.</p>
            </LegalSection>
            <LegalSection title="Your data">
              <p>
                Your organisation&apos;s data stays yours. We process it on your behalf as described in the <Link to="/legal/privacy" className={linkClass}>privacy policy</Link> and
                the data-processing agreement.
              </p>
            </LegalSection>
            <LegalSection title="Advertising spend">
              <p>Ad spend is billed by the advertising platforms, not by us. Adloop&apos;s budget limits and kill switch help, but the platforms&apos; own billing is authoritative.</p>
            </LegalSection>
            <LegalSection title="Contact">
              <OperatorDetails info={info} />
            </LegalSection>
          </>
        )}
      </WithOperator>
    </LegalLayout>
  );
}
