import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ManualClock } from '../../apps/server/src/platform/clock.ts';
import { testConfig, type Config } from '../../apps/server/src/platform/config.ts';
import { startServer, type RunningServer } from '../../apps/server/src/server.ts';
import type { GatewayOptions } from '../../apps/server/src/modules/connections/platform-gateway.ts';
import { openTestDatabase } from './db.ts';
import { freePort } from './ports.ts';
import { TestClient } from './http-client.ts';

/** How long a test waits for an email the server sends through its job queue (long enough for a loaded machine). */
export const EMAIL_WAIT_MS = 25_000;

export interface CaughtEmail {
  id: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** Every http(s) link in the text part, in order. */
  links: string[];
}

export interface TestServer extends RunningServer {
  url: string;
  clock: ManualClock;
  client(): TestClient;
  /** The first email to `to` (matching `subject`) the dev mailbox holds, waiting up to `waitMs` (EMAIL_WAIT_MS). */
  waitForEmail(to: string, subject?: RegExp, waitMs?: number): Promise<CaughtEmail>;
}

export const WEB_DIST = fileURLToPath(new URL('../../apps/web/dist', import.meta.url));


export interface TestServerOptions {
  /**
   * Serve the built web app, on a port chosen up front so the links in emails (built from the
   * public URL) point at this server on the same host the browser uses.
   */
  withWebApp?: boolean;
  /** Platform call retry/breaker timings (fault tests shorten them). */
  gateway?: GatewayOptions;
}

/**
 * The real product for one test file: a fresh database, the job workers, the SMTP sink and the
 * HTTP API listening on a free port. Tests talk to it over real sockets.
 */
export async function startTestServer(overrides: Partial<Config> = {}, options: TestServerOptions = {}): Promise<TestServer> {
  let webDist: string | null = null;
  if (options.withWebApp) {
    if (!existsSync(`${WEB_DIST}/index.html`)) {
      throw new Error(`No built web app in ${WEB_DIST}: run \`npm run build\` first (npm run e2e does).`);
    }
    // A copy: a build started meanwhile (another run) replaces the hashed assets the index names.
    webDist = mkdtempSync(join(tmpdir(), 'adloop-web-'));
    cpSync(WEB_DIST, webDist, { recursive: true });
  }
  const dbHandle = await openTestDatabase();
  const clock = new ManualClock(new Date());
  const start = async () => {
    // The web app's port is chosen up front (its emails' links name it); another process may take it
    // before this server listens, so a port found taken is replaced by a new one.
    const port = options.withWebApp ? await freePort() : null;
    const config = testConfig(port === null ? overrides : { port, host: '127.0.0.1', publicUrl: `http://127.0.0.1:${port}`, ...overrides });
    return startServer({ config, dbHandle, clock, secretKey: config.secretKey ?? 'ab'.repeat(32), role: 'all', ownsDatabase: true, webDist, ...(options.gateway ? { gateway: options.gateway } : {}) });
  };
  let running: Awaited<ReturnType<typeof startServer>> | null = null;
  for (let attempt = 1; !running; attempt++) {
    try {
      running = await start();
    } catch (error) {
      const taken = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
      if (!options.withWebApp || !taken || attempt >= 5) {
        await dbHandle.close();
        throw error;
      }
    }
  }
  const server = running;
  const url = server.url;
  return {
    ...server,
    async close() {
      await server.close();
      if (webDist) rmSync(webDist, { recursive: true, force: true });
    },
    url,
    clock,
    client: () => new TestClient(url),
    async waitForEmail(to, subject, waitMs = EMAIL_WAIT_MS) {
      const deadline = Date.now() + waitMs;
      const client = new TestClient(url);
      for (;;) {
        const list = await client.get<{ items: CaughtEmail[] }>(`/api/v1/dev/mailbox?to=${encodeURIComponent(to)}`);
        const match = list.body.items?.find((m) => !subject || subject.test(m.subject));
        if (match) return match;
        if (Date.now() > deadline) throw new Error(`No email to ${to}${subject ? ` matching ${subject}` : ''} within ${waitMs / 1000} s`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
  };
}
