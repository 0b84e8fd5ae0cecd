import type { FastifyInstance } from 'fastify';
import { Counter, Histogram } from 'prom-client';
import type { AppContext } from '../context.ts';
import { createMetricsRegistry } from '../observability/metrics-registry.ts';

/** Prometheus metrics for one app instance: the process's metrics plus request counts and latency. */
export function installMetrics(app: FastifyInstance, ctx: Pick<AppContext, 'jobs' | 'dbHandle' | 'platforms' | 'config'>, role = 'api'): void {
  const registry = createMetricsRegistry(ctx, role);
  const requests = new Counter({
    name: 'adloop_http_requests_total',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'adloop_http_request_duration_seconds',
    help: 'HTTP request latency',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    latency.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });

  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    return reply.type(registry.contentType).send(await registry.metrics());
  });
}
