import { createHash } from 'node:crypto';
import { escapeHtml } from './consent-page.ts';
import type { Identity } from './oauth-store.ts';

/** People offered on the sign-in page; anyone else can be typed in. */
export const SAMPLE_IDENTITIES: ReadonlyArray<{ email: string; name: string }> = [
  { email: 'alex.morgan@gmail.com', name: 'Alex Morgan' },
  { email: 'sam.lee@example.com', name: 'Sam Lee' },
];

const OTHER = 'other';
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Google's subject is a stable numeric id; here it is derived from the email so it survives restarts. */
export function subjectOf(email: string): string {
  const digest = createHash('sha256').update(email.trim().toLowerCase()).digest();
  return `1${digest.readBigUInt64BE(0).toString().padStart(20, '0')}`;
}

export function identityOf(email: string, name: string, emailVerified = true): Identity {
  const normalized = email.trim().toLowerCase();
  return { sub: subjectOf(normalized), email: normalized, name: name.trim() || normalized.split('@')[0] || normalized, emailVerified };
}

/** The "choose an account" part of the consent form: sample people, or any email and name typed in. */
export function renderIdentityFieldset(samples = SAMPLE_IDENTITIES): string {
  const options = samples
    .map((s, i) => `<li><label><input type="radio" name="identity" value="${escapeHtml(s.email)}"${i === 0 ? ' checked' : ''}> ${escapeHtml(s.name)} <small>(${escapeHtml(s.email)})</small></label></li>`)
    .join('\n        ');
  return `<fieldset>
        <legend>Choose an account</legend>
        <ul>
        ${options}
        <li><label><input type="radio" name="identity" value="${OTHER}"> Use another account</label>
          <p><label>Email <input type="email" name="other_email" autocomplete="off"></label></p>
          <p><label>Name <input type="text" name="other_name" autocomplete="off"></label></p>
          <p><label><input type="checkbox" name="other_verified" value="yes" checked> Google has verified this email address</label></p>
        </li>
        </ul>
      </fieldset>`;
}

/** The identity chosen on the posted form, or a message saying what is wrong with it. */
export function readIdentity(form: URLSearchParams, samples = SAMPLE_IDENTITIES): Identity | string {
  const choice = form.get('identity') ?? '';
  if (choice !== OTHER) {
    const sample = samples.find((s) => s.email === choice);
    return sample ? identityOf(sample.email, sample.name) : 'Choose an account to sign in with.';
  }
  const email = (form.get('other_email') ?? '').trim();
  if (!EMAIL.test(email)) return 'Enter an email address for the other account.';
  return identityOf(email, form.get('other_name') ?? '', form.get('other_verified') === 'yes');
}
