export interface ConsentAccount {
  id: string;
  name: string;
  detail: string;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/**
 * The consent screen: the person ticks which seeded accounts to grant, then allows or denies.
 * The form posts back to the same path with the original request in hidden fields plus
 * `account` (repeated) and `decision=allow|deny`.
 */
export function renderConsentPage(input: {
  platformName: string;
  clientId: string;
  action: string;
  hidden: Record<string, string>;
  accounts: readonly ConsentAccount[];
  permissions: readonly string[];
  /** OpenID Connect: the "choose an account" fieldset; without ad accounts the page only signs in. */
  identityFieldset?: string;
}): string {
  const hidden = Object.entries(input.hidden)
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`).join('\n      ');
  const accounts = input.accounts
    .map((a) => `<li><label><input type="checkbox" name="account" value="${escapeHtml(a.id)}" checked> ${escapeHtml(a.name)} <small>(${escapeHtml(a.id)} · ${escapeHtml(a.detail)})</small></label></li>`)
    .join('\n        ');
  const permissions = input.permissions.map((p) => `<li>${escapeHtml(p)}</li>`).join('');
  const signInOnly = input.identityFieldset !== undefined && input.accounts.length === 0;
  const purpose = signInOnly ? 'wants to sign you in with your account.' : 'wants access to your advertising accounts.';
  const accountsFieldset = signInOnly ? '' : `<fieldset>
        <legend>Accounts to share</legend>
        <ul>
        ${accounts}
        </ul>
      </fieldset>`;
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(input.platformName)} – authorize access (sandbox)</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}li{margin:.4rem 0}button{margin-right:1rem;padding:.5rem 1.2rem}</style></head>
<body>
  <main>
    <h1>${escapeHtml(input.platformName)} sandbox</h1>
    <p>The app <strong>${escapeHtml(input.clientId)}</strong> ${purpose}</p>
    <p>Permissions requested:</p><ul>${permissions}</ul>
    <form method="post" action="${escapeHtml(input.action)}">
      ${hidden}
      ${input.identityFieldset ?? ''}
      ${accountsFieldset}
      <button type="submit" name="decision" value="allow">Allow</button>
      <button type="submit" name="decision" value="deny">Deny</button>
    </form>
  </main>
</body>
</html>`;
}

/** Hidden fields of a consent request, and the chosen accounts, from the posted form. */
export function readConsentForm(form: URLSearchParams | null): { decision: 'allow' | 'deny'; accounts: string[]; fields: URLSearchParams } {
  const fields = form ?? new URLSearchParams();
  return { decision: fields.get('decision') === 'allow' ? 'allow' : 'deny', accounts: fields.getAll('account'), fields };
}
