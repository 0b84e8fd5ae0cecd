import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../apps/server/src/platform/config.ts';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { TestClient } from '../setup/http-client.ts';

/** An address of this machine other than loopback, when it has one. */
const outsideAddress = Object.values(networkInterfaces()).flat().find((entry) => entry && !entry.internal && entry.family === 'IPv4')?.address;

describe('sandbox mode is not reachable from the network by accident', () => {
  it('refuses a non-loopback HOST in sandbox mode unless acknowledged', () => {
    expect(() => loadConfig({ HOST: '0.0.0.0' })).toThrow(ConfigError);
    expect(() => loadConfig({ HOST: '0.0.0.0' })).toThrow(/HOST: .*SANDBOX_ALLOW_REMOTE/);
    expect(loadConfig({ HOST: '0.0.0.0', SANDBOX_ALLOW_REMOTE: 'true' }).host).toBe('0.0.0.0');
    expect(loadConfig({ HOST: '127.0.0.1' }).host).toBe('127.0.0.1');
  });

  describe('the dev mailbox', () => {
    let server: TestServer;
    beforeAll(async () => {
      // Listening everywhere (acknowledged), behind one proxy hop.
      server = await startTestServer({ host: '0.0.0.0', trustProxy: 1 });
    });
    afterAll(async () => server?.close());

    it('answers on this machine', async () => {
      expect((await server.client().get('/api/v1/dev/mailbox')).status).toBe(200);
    });

    it('does not answer a client forwarded by a proxy', async () => {
      expect((await server.client().get('/api/v1/dev/mailbox', { 'x-forwarded-for': '203.0.113.9' })).status).toBe(404);
    });

    it.skipIf(!outsideAddress)('does not answer over a network interface', async () => {
      const port = new URL(server.url).port;
      const remote = new TestClient(`http://${outsideAddress}:${port}`);
      expect((await remote.get('/api/v1/dev/mailbox')).status).toBe(404);
      expect((await remote.get('/api/health')).status).toBe(200);
    });
  });
});
