import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, redactUrl } from './logger.ts';

describe('logger', () => {
  it('masks opaque tokens in paths and drops query strings', () => {
    expect(redactUrl('/api/v1/invitations/Zx8bQ2b3Yt4nVv0pA1sDfGhJkLqWeRtY?x=1')).toBe('/api/v1/invitations/[redacted]');
    expect(redactUrl('/verify-email?token=abc')).toBe('/verify-email');
    expect(redactUrl('/api/v1/orgs/1b4e28ba-2fa1-11d2-883f-0016d3cca427/members')).toBe(
      '/api/v1/orgs/1b4e28ba-2fa1-11d2-883f-0016d3cca427/members',
    );
  });

  it('never writes passwords, tokens or authorization headers', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = createLogger({ logLevel: 'info' }, sink);
    logger.info({ body: { password: 'hunter2-secret-pass', token: 'tok-123' } }, 'sign in');
    logger.info({ req: { url: '/x', headers: { authorization: 'Bearer adl_secret', cookie: 'adloop_session=s3cr3t' } } }, 'request');
    const output = lines.join('');
    expect(output).not.toContain('hunter2-secret-pass');
    expect(output).not.toContain('tok-123');
    expect(output).not.toContain('adl_secret');
    expect(output).not.toContain('s3cr3t');
  });
});
