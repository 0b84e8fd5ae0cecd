import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';
import { safeEqual } from '../crypto.ts';
import { AppError } from '../errors.ts';

/**
 * `/metrics` needs `Authorization: Bearer <METRICS_TOKEN>` when a token is set, and is closed in
 * production without one (it names routes, queues and volumes). Health and readiness stay open.
 */
export function canReadMetrics(config: Pick<Config, 'metricsToken' | 'isProduction'>, authorization: string | undefined): boolean {
  if (!config.metricsToken) return !config.isProduction;
  const given = authorization?.match(/^Bearer (.+)$/i)?.[1];
  return given !== undefined && safeEqual(given, config.metricsToken);
}

/** The API reference (Swagger UI and the OpenAPI document): open in sandbox mode; in production it needs the operators' token too. */
export function isApiDocsPath(path: string): boolean {
  return path === '/api/docs' || path.startsWith('/api/docs/') || path === '/api/v1/openapi.json';
}

export function canReadApiDocs(config: Pick<Config, 'metricsToken' | 'isProduction'>, authorization: string | undefined): boolean {
  return !config.isProduction || canReadMetrics(config, authorization);
}

/** HTTP rules that cut across routes: who may read /metrics, and that API answers are never cached. */
export function installAccessPolicies(app: FastifyInstance, config: Pick<Config, 'metricsToken' | 'isProduction'>): void {
  app.addHook('onRequest', async (request) => {
    const path = request.url.split('?')[0] ?? '';
    if (isApiDocsPath(path) && !canReadApiDocs(config, request.headers.authorization)) {
      throw new AppError('unauthenticated', config.metricsToken ? 'Send the metrics token as a Bearer token to read the API reference' : 'The API reference is off in production: set METRICS_TOKEN to read it');
    }
    if (path !== '/metrics') return;
    if (!canReadMetrics(config, request.headers.authorization)) {
      throw new AppError('unauthenticated', config.metricsToken ? 'Send the metrics token as a Bearer token' : 'Metrics are off: set METRICS_TOKEN to read them');
    }
  });
  // API answers hold account data: no browser, proxy or shared cache may keep them.
  app.addHook('onSend', async (request, reply) => {
    if ((request.url.startsWith('/api/') || request.url.startsWith('/metrics')) && !reply.hasHeader('cache-control')) {
      void reply.header('cache-control', 'no-store');
    }
  });
}
