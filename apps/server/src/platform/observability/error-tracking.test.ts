import { createServer, type IncomingMessage } from 'node:http';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logger.ts';
import { createErrorTracker, parseDsn } from './error-tracking.ts';

interface Received {
  url: string;
  auth: string;
  lines: unknown[];
}

describe('error tracking (Sentry envelope protocol)', () => {
  const received: Received[] = [];
  let base = '';
  const server = createServer((request: IncomingMessage, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      received.push({ url: request.url ?? '', auth: String(request.headers['x-sentry-auth'] ?? ''), lines: body.split('\n').map((line) => JSON.parse(line) as unknown) });
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const address = server.address();
    base = `127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('reads the envelope endpoint and public key from a DSN, and refuses malformed ones', () => {
    expect(parseDsn('https://abc123@o1.ingest.example.com/42')).toEqual({ envelopeUrl: 'https://o1.ingest.example.com/api/42/envelope/', publicKey: 'abc123' });
    expect(parseDsn('https://key@example.com/sentry/7')?.envelopeUrl).toBe('https://example.com/sentry/api/7/envelope/');
    expect(parseDsn('https://example.com/42')).toBeNull();
    expect(parseDsn('https://key@example.com/')).toBeNull();
    expect(parseDsn('not a url')).toBeNull();
  });

  it('an error logged by the process arrives as an event with its exception and plain fields, never its secrets', async () => {
    received.length = 0;
    const tracker = createErrorTracker({ dsn: `http://publickey@${base}/9`, environment: 'test' });
    const quiet = new Writable({ write: (_chunk, _encoding, done) => done() });
    const logger = createLogger({ logLevel: 'info' }, quiet, tracker);
    logger.info('not reported');
    logger.warn({ job: 'x' }, 'not reported either');
    logger.error({ err: new TypeError('cannot read x'), job: 'sync.account', jobId: 'j1', token: 'sekrit', accessToken: 'also' }, 'job crashed');
    await tracker?.flush();
    expect(received).toHaveLength(1);
    const [envelope] = received;
    expect(envelope?.url).toBe('/api/9/envelope/');
    expect(envelope?.auth).toContain('sentry_key=publickey');
    const [header, item, event] = envelope?.lines as [{ event_id: string }, { type: string }, Record<string, unknown>];
    expect(item.type).toBe('event');
    expect(event.event_id).toBe(header.event_id);
    expect(event).toMatchObject({ level: 'error', environment: 'test', message: { formatted: 'job crashed' }, extra: { job: 'sync.account', jobId: 'j1' } });
    const exception = (event.exception as { values: Array<{ type: string; value: string; stacktrace: { frames: unknown[] } }> }).values[0];
    expect(exception?.type).toBe('TypeError');
    expect(exception?.value).toBe('cannot read x');
    expect(exception?.stacktrace.frames.length).toBeGreaterThan(0);
    expect(JSON.stringify(envelope?.lines)).not.toMatch(/sekrit|also/);
  });

  it('sends at most the per-minute limit, and an unreachable tracker never throws', async () => {
    received.length = 0;
    const tracker = createErrorTracker({ dsn: `http://k@${base}/1`, environment: 'test', perMinute: 3 });
    for (let i = 0; i < 10; i++) tracker?.capture({ message: `storm ${i}` });
    await tracker?.flush();
    expect(received).toHaveLength(3);
    const unreachable = createErrorTracker({ dsn: 'http://k@127.0.0.1:1/1', environment: 'test' });
    unreachable?.capture({ message: 'lost' });
    await expect(unreachable?.flush()).resolves.toBeUndefined();
  });

  it('is off without a DSN', () => {
    const quiet = new Writable({ write: (_chunk, _encoding, done) => done() });
    expect(() => createLogger({ logLevel: 'info', errorTracking: { dsn: undefined, environment: 'x' } }, quiet).error('fine')).not.toThrow();
  });
});
