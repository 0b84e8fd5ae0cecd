import { createServer } from 'node:http';
import type { AppContext } from '../context.ts';
import { canReadMetrics } from '../http/access-policies.ts';
import { createMetricsRegistry } from './metrics-registry.ts';

export interface MetricsListener {
  port: number;
  close(): Promise<void>;
}

/**
 * GET /metrics for a process without the HTTP API (`adloop worker`), under the same token rule as
 * the API's /metrics. Everything else is 404.
 */
export async function startMetricsListener(ctx: Pick<AppContext, 'jobs' | 'dbHandle' | 'platforms' | 'config'>, port: number, host: string): Promise<MetricsListener> {
  const registry = createMetricsRegistry(ctx, 'worker');
  const server = createServer((request, response) => {
    if (request.method !== 'GET' || (request.url ?? '').split('?')[0] !== '/metrics') {
      response.writeHead(404).end();
      return;
    }
    if (!canReadMetrics(ctx.config, request.headers.authorization)) {
      response.writeHead(401, { 'content-type': 'text/plain' }).end('Send the metrics token as a Bearer token\n');
      return;
    }
    registry.metrics().then(
      (text) => response.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' }).end(text),
      () => response.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
