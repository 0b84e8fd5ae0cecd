/**
 * Overhead of the Adloop HTTP stack (Fastify + validation + security headers + metrics) on the
 * liveness route, against a bare node:http server answering the same JSON, over real sockets.
 * Prints `http requests=N p50_ms= p95_ms= ratio_vs_bare=` (ratio of mean latencies).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { migrate, openDatabase } from '@adloop/db';
import { testConfig } from '../apps/server/src/platform/config.ts';
import { startServer } from '../apps/server/src/server.ts';

const REQUESTS = 3000;
const CONCURRENCY = 8;

async function measure(url: string): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < REQUESTS) {
      next++;
      const start = performance.now();
      const response = await fetch(url);
      await response.arrayBuffer();
      latencies.push(performance.now() - start);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return latencies.sort((a, b) => a - b);
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

export async function run(): Promise<void> {
  const handle = await openDatabase({ kind: 'pglite', dataDir: null });
  await migrate(handle);
  const adloop = await startServer({ config: testConfig(), dbHandle: handle, secretKey: 'ab'.repeat(32), role: 'api', ownsDatabase: true });
  const bare: Server = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end('{"status":"ok"}');
  });
  await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
  const barePort = (bare.address() as AddressInfo).port;

  await measure(`${adloop.url}/api/health`); // warm-up
  await measure(`http://127.0.0.1:${barePort}/`);
  const ours = await measure(`${adloop.url}/api/health`);
  const base = await measure(`http://127.0.0.1:${barePort}/`);

  await adloop.close();
  bare.close();
  const ratio = mean(ours) / mean(base);
  process.stdout.write(
    `http requests=${REQUESTS} concurrency=${CONCURRENCY} p50_ms=${pct(ours, 50).toFixed(2)} p95_ms=${pct(ours, 95).toFixed(2)} bare_p95_ms=${pct(base, 95).toFixed(2)} ratio_vs_bare=${ratio.toFixed(2)}\n`,
  );
}
