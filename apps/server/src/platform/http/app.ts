import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.ts';
import { refuseNulCharacters, refuseUnexpectedBody } from './input-guard.ts';
import { installErrorHandling } from './error-handler.ts';
import { installMetrics } from './metrics.ts';
import { serverTimeoutOptions } from './server-timeouts.ts';
import { installAccessPolicies } from './access-policies.ts';
import { toFastifyTrustProxy } from './trust-proxy.ts';
import { RequestLog } from './request-log.ts';
import { installCanonicalOrigin } from './canonical-origin.ts';
import { registerModules } from '../../modules/index.ts';

export type App = FastifyInstance<
  import('node:http').Server,
  import('node:http').IncomingMessage,
  import('node:http').ServerResponse,
  import('fastify').FastifyBaseLogger,
  ZodTypeProvider
>;

/** Errors raised before routing (bad URL encoding, over-long path parameters), in the one error shape. */
function sendFrameworkError(code: string, reply: FastifyReply): void {
  const tooLong = code === 'FST_ERR_MAX_PARAM_LENGTH';
  void reply
    .status(tooLong ? 414 : 400)
    .type('application/json')
    .send({ error: { code: tooLong ? 'uri_too_long' : 'validation_failed', message: tooLong ? 'A path parameter is too long' : 'The URL is not valid' } });
}

export interface BuildAppOptions {
  /** Folder of the built web app; served with a fallback to index.html for client routes. */
  webDist?: string | null;
  /** The process's role, as `adloop_process_info` labels it. */
  role?: string;
}

/** Builds the HTTP app: one error shape, validation on every route, security headers, docs and metrics. */
export async function buildApp(ctx: AppContext, options: BuildAppOptions = {}): Promise<App> {
  const app = Fastify({
    loggerInstance: ctx.logger as FastifyBaseLogger,
    bodyLimit: ctx.config.bodyLimitBytes,
    trustProxy: toFastifyTrustProxy(ctx.config.trustProxy),
    ...serverTimeoutOptions(ctx.config.httpTimeouts),
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{8,64}$/.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    frameworkErrors: (error, _request, reply) => sendFrameworkError(error.code, reply as FastifyReply),
    routerOptions: { ignoreTrailingSlash: true },
    logController: new RequestLog(ctx.config.requestLog),
  }).withTypeProvider<ZodTypeProvider>();

  if (!ctx.config.isProduction) installCanonicalOrigin(app, ctx.config.publicUrl);

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // JSON only: browsers cannot send it cross-site without a preflight.
  app.removeContentTypeParser('text/plain');
  app.addHook('preValidation', async (request) => refuseNulCharacters(request));
  app.addHook('preValidation', async (request) => refuseUnexpectedBody(request));
  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: ctx.config.isHttps ? [] : null,
      },
    },
    hsts: ctx.config.isHttps ? { maxAge: 31536000, includeSubDomains: true } : false,
    frameguard: { action: 'deny' },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Adloop API', version: '1.0.0', description: 'Adloop REST API. Authenticate with a session cookie or `Authorization: Bearer <API key>`.' },
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'Organisation API key (adl_...)' },
          session: { type: 'apiKey', in: 'cookie', name: 'adloop_session' },
        },
      },
      security: [{ apiKey: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  installAccessPolicies(app, ctx.config);
  installMetrics(app, ctx, options.role ?? 'api');
  const indexHtml = options.webDist && existsSync(join(options.webDist, 'index.html'))
    ? await readFile(join(options.webDist, 'index.html'), 'utf8')
    : null;
  installErrorHandling(app, indexHtml);
  if (options.webDist && indexHtml) {
    await app.register(fastifyStatic, { root: options.webDist, wildcard: false, index: false, serve: true, prefix: '/' });
  }
  await app.register(async (scope) => registerModules(scope as unknown as App, ctx));
  return app;
}
