import { LegalLayout, LegalSection } from './legal-layout.tsx';

interface CookieRow {
  name: string;
  purpose: string;
  lifetime: string;
}

/** Every cookie the server sets (see the auth module); nothing else is stored in cookies. */
const COOKIES: CookieRow[] = [
  { name: 'adloop_session', purpose: 'Keeps you signed in. Not readable by scripts.', lifetime: 'Until you sign out, at most the session limit the operator sets (30 days by default)' },
  { name: 'adloop_csrf', purpose: 'Protects your changes against cross-site request forgery; the app sends it back with every change.', lifetime: 'Same as the session' },
  { name: 'adloop_device', purpose: 'Remembers that this browser signed in before, so that strangers guessing your password cannot lock you out.', lifetime: '180 days' },
  { name: 'adloop_google_state', purpose: 'Ties a Sign in with Google attempt to this browser. Only sent to the Google sign-in address.', lifetime: '10 minutes' },
  { name: 'adloop_google_link', purpose: 'Holds a pending request to link your Google account until you confirm it.', lifetime: '30 minutes' },
];

export function CookiesPage() {
  return (
    <LegalLayout title="Cookie policy">
      <p>
        Adloop sets <strong>only essential cookies</strong>: the ones needed to sign you in and keep your account safe. There are no analytics, advertising or other tracking
        cookies, and no third-party cookies, so there is nothing to consent to.
      </p>
      <LegalSection title="The cookies we set">
        <div className="overflow-x-auto">
          <table className="min-w-full divide-y divide-gray-200 text-left text-sm">
            <caption className="sr-only">Cookies set by Adloop</caption>
            <thead>
              <tr>
                <th scope="col" className="py-2 pr-4 font-semibold text-gray-900">Name</th>
                <th scope="col" className="py-2 pr-4 font-semibold text-gray-900">Purpose</th>
                <th scope="col" className="py-2 font-semibold text-gray-900">Lifetime</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-gray-100">
              {COOKIES.map((cookie) => (
                <tr key={cookie.name}>
                  <th scope="row" className="py-2 pr-4 align-top font-mono text-xs font-medium text-gray-900">{cookie.name}</th>
                  <td className="py-2 pr-4 align-top">{cookie.purpose}</td>
                  <td className="py-2 align-top">{cookie.lifetime}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </LegalSection>
      <LegalSection title="Stored in your browser">
        <p>The app also keeps a few preferences in your browser&apos;s local storage — an unfinished campaign draft and the columns you chose for the campaigns table. They never leave your device.</p>
      </LegalSection>
    </LegalLayout>
  );
}
