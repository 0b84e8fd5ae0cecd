import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSecurityTxt } from './security-txt.ts';
import { startTestServer, type TestServer } from '../../../../../tests/setup/server.ts';

describe('security.txt', () => {
  it('has every RFC 9116 field, and expires within a year when no date is configured', () => {
    const now = new Date('2026-12-07T10:00:00Z');
    const text = buildSecurityTxt(
      { contacts: ['mailto:security@example.com', 'https://example.com/report'], expires: undefined, preferredLanguages: ['en', 'de'], policyUrl: 'https://example.com/legal/security', canonicalUrl: 'https://example.com/.well-known/security.txt' },
      now,
    );
    expect(text.split('\n')).toEqual([
      'Contact: mailto:security@example.com',
      'Contact: https://example.com/report',
      'Expires: 2027-06-05T10:00:00Z',
      'Preferred-Languages: en, de',
      'Policy: https://example.com/legal/security',
      'Canonical: https://example.com/.well-known/security.txt',
      '',
    ]);
  });
});

describe('GET /.well-known/security.txt', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ publicUrl: 'https://ads.example.org', legal: { securityContacts: ['mailto:psirt@example.org'], securityTxtExpires: new Date('2027-03-01T00:00:00Z'), securityPolicyUrl: undefined, preferredLanguages: ['en'] } });
  });
  afterAll(async () => server?.close());

  it('serves the operator’s fields as text/plain', async () => {
    const response = await fetch(`${server.url}/.well-known/security.txt`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    const fields = Object.fromEntries((await response.text()).trim().split('\n').map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)]));
    expect(fields).toEqual({
      Contact: 'mailto:psirt@example.org',
      Expires: '2027-03-01T00:00:00Z',
      'Preferred-Languages': 'en',
      Policy: 'https://ads.example.org/legal/security',
      Canonical: 'https://ads.example.org/.well-known/security.txt',
    });
  });
});
