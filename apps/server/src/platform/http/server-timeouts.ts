import type { ServerOptions } from 'node:http';

/**
 * Fastify options that bound how long a client may take: the headers, the whole request (a body
 * trickled a byte at a time is cut with 408), and an idle keep-alive connection. Node checks open
 * connections against these on an interval, so the interval is kept well below the limits.
 * Responses (live-update streams) are not limited: only receiving the request is.
 */
export function serverTimeoutOptions(timeouts: { requestMs: number; headersMs: number; keepAliveMs: number }): {
  requestTimeout: number;
  keepAliveTimeout: number;
  http: ServerOptions;
} {
  const checkEveryMs = Math.max(50, Math.min(1000, Math.floor(timeouts.headersMs / 2)));
  return {
    requestTimeout: timeouts.requestMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    http: { requestTimeout: timeouts.requestMs, headersTimeout: timeouts.headersMs, connectionsCheckingInterval: checkEveryMs },
  };
}
