import { describe, expect, it } from 'vitest';
import { confirmEmailChangeMessage, emailChangedMessage, resetPasswordMessage, verifyEmailMessage } from './auth.emails.ts';

describe('auth emails', () => {
  it('put the link in both the text and the HTML part', () => {
    const url = 'http://localhost:3000/verify-email?token=abc&x=1';
    const mail = verifyEmailMessage('Ann', url);
    expect(mail.text).toContain(url);
    expect(mail.html).toContain('http://localhost:3000/verify-email?token=abc&amp;x=1');
    for (const m of [resetPasswordMessage(url), confirmEmailChangeMessage(url)]) {
      expect(m.text).toContain(url);
      expect(m.html).toContain('<a href=');
    }
  });

  it('escape names in HTML', () => {
    const mail = verifyEmailMessage('<b>Eve</b>', 'http://x');
    expect(mail.html).toContain('&lt;b&gt;Eve&lt;/b&gt;');
    expect(mail.html).not.toContain('<b>Eve</b>');
  });

  it('tell the old address where the email moved', () => {
    expect(emailChangedMessage('new@example.test', 'http://x/forgot').text).toContain('new@example.test');
  });
});
