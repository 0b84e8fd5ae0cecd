/** What the operator fills in for `/.well-known/security.txt` (RFC 9116). */
export interface SecurityTxtSettings {
  /** `mailto:` or `https:` URIs, most preferred first. */
  contacts: string[];
  /** When the file stops being valid; when absent, 180 days after `now` (RFC 9116 asks for less than a year). */
  expires: Date | undefined;
  preferredLanguages: string[];
  policyUrl: string;
  canonicalUrl: string;
}

const DAY_MS = 86_400_000;

/** The security.txt body: one field per line, CRLF-free plain text as RFC 9116 §2.3 allows. */
export function buildSecurityTxt(settings: SecurityTxtSettings, now: Date): string {
  const expires = settings.expires ?? new Date(now.getTime() + 180 * DAY_MS);
  const lines = [
    ...settings.contacts.map((contact) => `Contact: ${contact}`),
    `Expires: ${expires.toISOString().replace(/\.\d{3}Z$/, 'Z')}`,
    `Preferred-Languages: ${settings.preferredLanguages.join(', ')}`,
    `Policy: ${settings.policyUrl}`,
    `Canonical: ${settings.canonicalUrl}`,
  ];
  return `${lines.join('\n')}\n`;
}
