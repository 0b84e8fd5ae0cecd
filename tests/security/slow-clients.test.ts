import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../setup/server.ts';

interface Trickle {
  /** Milliseconds from connecting until the server ended the connection. */
  closedAfterMs: number;
  /** Everything the server wrote back. */
  answer: string;
}

/** Sends `head` at once, then one byte of `rest` every `everyMs` until the server hangs up (or 10 s pass). */
function trickle(url: string, head: string, rest: string, everyMs: number): Promise<Trickle> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket: Socket = connect(Number(port), hostname);
    let answer = '';
    let sent = 0;
    let timer: NodeJS.Timeout | undefined;
    const giveUp = setTimeout(() => {
      socket.destroy();
      reject(new Error(`still connected after 10 s; answer so far: ${answer}`));
    }, 10_000);
    socket.on('connect', () => {
      socket.write(head);
      timer = setInterval(() => {
        if (sent < rest.length && !socket.destroyed) socket.write(rest.charAt(sent++));
      }, everyMs);
    });
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('error', () => {});
    socket.on('close', () => {
      clearInterval(timer);
      clearTimeout(giveUp);
      resolve({ closedAfterMs: Date.now() - started, answer });
    });
  });
}

describe('slow clients are cut', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ httpTimeouts: { requestMs: 1500, headersMs: 1000, keepAliveMs: 1000 } });
  });
  afterAll(async () => server?.close());

  it('ends a request whose body trickles in after the request timeout, with 408', async () => {
    const body = JSON.stringify({ email: 'slow@example.test', password: 'x'.repeat(200) });
    const head = `POST /api/v1/auth/sign-in HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
    const result = await trickle(server.url, head, body, 100);
    expect(result.closedAfterMs).toBeLessThan(4000);
    expect(result.answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it('ends a connection whose headers trickle in after the headers timeout', async () => {
    const result = await trickle(server.url, 'GET /api/health HTTP/1.1\r\nHost: localhost\r\n', 'X-Slow: ' + 'a'.repeat(200), 100);
    expect(result.closedAfterMs).toBeLessThan(4000);
  });

  it('closes an idle keep-alive connection', async () => {
    const result = await trickle(server.url, 'GET /api/health HTTP/1.1\r\nHost: localhost\r\n\r\n', '', 100);
    expect(result.answer).toMatch(/^HTTP\/1\.1 200/);
    expect(result.closedAfterMs).toBeLessThan(4000);
  });
});
