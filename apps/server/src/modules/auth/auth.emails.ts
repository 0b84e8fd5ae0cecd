/** The emails the auth module sends: always a text and an HTML part, the link in both. */
export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** One paragraph per entry; `link` becomes a button-like anchor and is also printed in full. */
function compose(subject: string, paragraphs: string[], link?: { url: string; label: string }, footer?: string): EmailContent {
  const textParts = [...paragraphs];
  if (link) textParts.push(`${link.label}: ${link.url}`);
  if (footer) textParts.push(footer);
  const htmlParts = paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`);
  if (link) {
    const href = escapeHtml(link.url);
    htmlParts.push(`<p><a href="${href}">${escapeHtml(link.label)}</a></p>`, `<p style="color:#666;font-size:12px">${href}</p>`);
  }
  if (footer) htmlParts.push(`<p style="color:#666;font-size:12px">${escapeHtml(footer)}</p>`);
  return {
    subject,
    text: `${textParts.join('\n\n')}\n`,
    html: `<!doctype html><html><body style="font-family:sans-serif">${htmlParts.join('')}</body></html>`,
  };
}

const IGNORE = 'If you did not ask for this, you can ignore this email.';

export function verifyEmailMessage(name: string, url: string): EmailContent {
  return compose(
    'Verify your email for Adloop',
    [`Hi ${name},`, 'Confirm your email address to finish creating your Adloop account. The link works once and expires in 24 hours.'],
    { url, label: 'Verify email' },
    IGNORE,
  );
}

export function signUpAttemptMessage(signInUrl: string, resetUrl: string): EmailContent {
  return compose(
    'Someone tried to sign up to Adloop with your email',
    [
      'Someone tried to create an Adloop account with this email address, but you already have one.',
      `If it was you, sign in at ${signInUrl} instead, or reset your password at ${resetUrl}.`,
    ],
    undefined,
    'If it was not you, no action is needed: your account is unchanged.',
  );
}

export function resetPasswordMessage(url: string): EmailContent {
  return compose(
    'Reset your Adloop password',
    ['We received a request to reset your Adloop password. The link works once and expires in 1 hour.', 'Resetting signs you out everywhere.'],
    { url, label: 'Choose a new password' },
    IGNORE,
  );
}

export function passwordChangedMessage(resetUrl: string): EmailContent {
  return compose(
    'Your Adloop password was changed',
    ['The password of your Adloop account was just changed and your other sessions were signed out.'],
    { url: resetUrl, label: 'Not you? Reset your password' },
  );
}

export function confirmEmailChangeMessage(url: string): EmailContent {
  return compose(
    'Confirm your new email for Adloop',
    ['Confirm this address to make it the email of your Adloop account. The link works once and expires in 24 hours.'],
    { url, label: 'Confirm new email' },
    IGNORE,
  );
}

export function emailTakenMessage(): EmailContent {
  return compose(
    'Your email was entered on Adloop',
    ['Someone asked to move an Adloop account to this email address, but it already belongs to an Adloop account, so nothing was changed.'],
    undefined,
    'If this was you, use a different address or sign in to the account that uses this one.',
  );
}

export function emailChangedMessage(newEmail: string, resetUrl: string): EmailContent {
  return compose(
    'Your Adloop email was changed',
    [`The email of your Adloop account was changed to ${newEmail}. You will no longer receive messages here.`],
    { url: resetUrl, label: 'Not you? Contact support or reset your password' },
  );
}

export function confirmGoogleLinkMessage(name: string, googleEmail: string, url: string): EmailContent {
  return compose(
    'Link your Google account to Adloop',
    [
      `Hi ${name},`,
      `Someone signing in with the Google account ${googleEmail} asked to link it to your Adloop account. Once linked, that Google account can sign in to Adloop as you.`,
      'Open the link to confirm. It works once and expires in 30 minutes.',
    ],
    { url, label: 'Link Google account' },
    'If this was not you, ignore this email: nothing is linked without it.',
  );
}
