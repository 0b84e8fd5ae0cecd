import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directConnector } from './transport.ts';

/** A self-signed certificate for `shop.adloop-test.example` only. */
function makeCertificate(): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'adloop-tls-'));
  try {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=shop.adloop-test.example',
      '-addext', 'subjectAltName=DNS:shop.adloop-test.example', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    ], { stdio: 'ignore' });
    return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The direct connector over real TLS: the socket goes to the checked address, the certificate is checked against the name. */
describe('directConnector', () => {
  let server: Server;
  let port = 0;
  let cert = '';
  const seenHosts: string[] = [];
  beforeAll(async () => {
    const pair = makeCertificate();
    cert = pair.cert;
    server = createServer(pair, (req, res) => {
      seenHosts.push(String(req.headers.host));
      res.writeHead(200, { 'content-type': 'text/html' }).end('<title>Pinned</title>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  it('connects to the given address, sends the host name and verifies the certificate for it', async () => {
    // The name has no DNS record anywhere: the only way to reach the server is the pinned address.
    const res = await directConnector({ ca: cert })({
      url: new URL(`https://shop.adloop-test.example:${port}/`), address: { address: '127.0.0.1', family: 4 }, headers: {}, signal: AbortSignal.timeout(5_000),
    });
    expect(res.statusCode).toBe(200);
    res.resume();
    expect(seenHosts.at(-1)).toBe(`shop.adloop-test.example:${port}`);
  });

  it('refuses a certificate made out to another name', async () => {
    const attempt = directConnector({ ca: cert })({
      url: new URL(`https://other.adloop-test.example:${port}/`), address: { address: '127.0.0.1', family: 4 }, headers: {}, signal: AbortSignal.timeout(5_000),
    });
    await expect(attempt).rejects.toMatchObject({ code: 'ERR_TLS_CERT_ALTNAME_INVALID' });
  });

  it('refuses a certificate no authority signed', async () => {
    const attempt = directConnector()({
      url: new URL(`https://shop.adloop-test.example:${port}/`), address: { address: '127.0.0.1', family: 4 }, headers: {}, signal: AbortSignal.timeout(5_000),
    });
    await expect(attempt).rejects.toMatchObject({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
  });
});
