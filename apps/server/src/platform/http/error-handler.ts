import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { FieldIssue } from '@adloop/contracts';
import { AppError, ERROR_STATUS, type ErrorCode } from '../errors.ts';

interface ValidationEntry {
  keyword?: string;
  instancePath?: string;
  message?: string;
  params?: { keys?: unknown };
}

/** Turns Zod issues (as fastify-type-provider-zod reports them) into field issues naming each field. */
function toIssues(validation: ValidationEntry[], location: string): FieldIssue[] {
  return validation.flatMap((entry) => {
    const base = (entry.instancePath ?? '').split('/').filter(Boolean);
    const keys = entry.params?.keys;
    if (entry.keyword === 'unrecognized_keys' && Array.isArray(keys) && keys.length) {
      return keys.map((key) => ({ location, field: [...base, String(key)].join('.'), message: 'Unknown field' }));
    }
    return [{ location, field: base.join('.') || '(root)', message: entry.message ?? 'Invalid value' }];
  });
}

function send(reply: import('fastify').FastifyReply, code: ErrorCode, message: string, details?: unknown) {
  const body: { error: { code: string; message: string; details?: unknown } } = { error: { code, message } };
  if (details !== undefined) body.error.details = details;
  return reply.status(ERROR_STATUS[code]).type('application/json').send(body);
}

/** Maps every thrown error to the one error shape; a 5xx never shows internals. */
export function installErrorHandling(app: FastifyInstance, spaIndexHtml: string | null = null): void {
  app.setErrorHandler((error: unknown, request, reply) => {
    if (error instanceof AppError) {
      if (error.headers) void reply.headers(error.headers);
      return send(reply, error.code, error.message, error.details);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = toIssues(error.validation as ValidationEntry[], error.validationContext ?? 'body');
      const summary = issues.map((i) => `${i.field}: ${i.message}`).join('; ');
      return send(reply, 'validation_failed', summary || 'Invalid request', { issues });
    }
    const fastifyError = error as Partial<FastifyError>;
    switch (fastifyError.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return send(reply, 'invalid_json', 'The request body is not valid JSON');
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return send(reply, 'payload_too_large', 'The request body is too large');
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return send(reply, 'unsupported_media_type', 'Send the request body as application/json');
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return send(reply, 'validation_failed', 'Content-Length does not match the body');
    }
    const status = typeof fastifyError.statusCode === 'number' ? fastifyError.statusCode : 500;
    if (status >= 400 && status < 500) {
      return send(reply, status === 404 ? 'not_found' : status === 413 ? 'payload_too_large' : 'validation_failed', fastifyError.message ?? 'Bad request');
    }
    request.log.error({ err: error }, 'unhandled error');
    return send(reply, 'internal', 'Something went wrong on our side. Try again, and contact support if it keeps happening.');
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const isApi = path.startsWith('/api') || path === '/metrics';
    // Client-side routes of the web app get its index page; everything else a JSON 404.
    if (spaIndexHtml && !isApi && (request.method === 'GET' || request.method === 'HEAD')) {
      return reply.type('text/html').send(spaIndexHtml);
    }
    return send(reply, 'not_found', `No route for ${request.method} ${path}`);
  });
}
