import { describe, expect, it } from 'vitest';
import { checkLandingUrl } from './url-policy.ts';

describe('checkLandingUrl (before any network call)', () => {
  it('takes an https address on the standard port', () => {
    const verdict = checkLandingUrl('  https://shop.example.com/tents?utm_source=x ');
    expect(verdict).toMatchObject({ ok: true, hostname: 'shop.example.com', isIpLiteral: false });
  });

  it.each([
    [undefined, /Enter the landing page/],
    [42, /Enter the landing page/],
    ['', /Enter the landing page/],
    ['shop.example.com', /not a valid URL/],
    ['http://shop.example.com/', /must use https/],
    ['ftp://shop.example.com/', /https:\/\/ address, not ftp:/],
    ['javascript:alert(1)', /not javascript:/],
    ['file:///etc/passwd', /not file:/],
    ['https://user:secret@shop.example.com/', /user name or password/],
    ['https://shop.example.com:8443/', /standard https port/],
    ['https://localhost/', /not a public site name/],
    ['https://intranet/', /not a public site name/],
    ['https://app.localhost/', /private network \(\.localhost\)/],
    ['https://printer.local/', /\.local/],
    ['https://metadata.google.internal/computeMetadata/v1/', /\.internal/],
    ['https://127.0.0.1/', /loopback/],
    ['https://2130706433/', /127\.0\.0\.1, which is loopback/],
    ['https://0x7f.1/', /loopback/],
    ['https://[::1]/', /loopback/],
    ['https://[::ffff:169.254.169.254]/', /metadata/],
    ['https://169.254.169.254/latest/meta-data/', /metadata/],
    ['https://10.0.0.1/', /private network/],
    [`https://shop.example.com/${'a'.repeat(2_100)}`, /longer than 2048/],
  ])('refuses %s', (input, message) => {
    const verdict = checkLandingUrl(input);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.message).toMatch(message);
  });

  it('says whether the refused address was https', () => {
    expect(checkLandingUrl('http://shop.example.com/')).toMatchObject({ ok: false, https: false });
    expect(checkLandingUrl('https://localhost/')).toMatchObject({ ok: false, https: true });
  });

  it('takes a public IP address', () => {
    expect(checkLandingUrl('https://93.184.215.14/')).toMatchObject({ ok: true, isIpLiteral: true, hostname: '93.184.215.14' });
  });
});
