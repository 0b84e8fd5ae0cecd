/**
 * Drives a sandbox consent page like a person in a browser: the page is a form that posts back to
 * the authorize URL with the chosen accounts; the answer is a redirect carrying `code` or `error`.
 */
export async function submitConsentForm(authorizeUrl: string, accountIds: string[], decision: 'allow' | 'deny'): Promise<{ code: string | null; error: string | null }> {
  const page = await fetch(authorizeUrl);
  if (!page.ok) throw new Error(`consent page answered ${page.status}`);
  const url = new URL(authorizeUrl);
  const form = new URLSearchParams(url.searchParams);
  for (const id of accountIds) form.append('account', id);
  form.set('decision', decision);
  const response = await fetch(`${url.origin}${url.pathname}`, {
    method: 'POST',
    body: form,
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  const location = response.headers.get('location');
  if (!location) throw new Error(`consent answered ${response.status} without a redirect`);
  const back = new URL(location);
  return { code: back.searchParams.get('code') ?? back.searchParams.get('auth_code'), error: back.searchParams.get('error') };
}
