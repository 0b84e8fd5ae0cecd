import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import { redactUrl } from '../logger.ts';

/**
 * One log line per answered request instead of Fastify's two ("incoming request" and "request
 * completed"). Slow requests and server errors are logged at warn, so `slow` mode keeps the
 * terminal quiet while still showing what needs attention.
 */
export class RequestLog extends LogController {
  constructor(private readonly settings: Config['requestLog']) {
    super();
  }

  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (this.settings.mode === 'off' && !error) return;
    const ms = Math.round(reply.elapsedTime);
    const status = reply.statusCode;
    const needsAttention = Boolean(error) || status >= 500 || ms >= this.settings.slowMs;
    if (this.settings.mode === 'slow' && !needsAttention) return;
    const url = redactUrl(request.url);
    const line = { method: request.method, url, status, ms, ...(error ? { err: error } : {}) };
    const message = `${request.method} ${url} ${status} ${ms}ms`;
    if (error) request.log.error(line, message);
    else if (needsAttention) request.log.warn(line, message);
    else request.log.info(line, message);
  }
}
