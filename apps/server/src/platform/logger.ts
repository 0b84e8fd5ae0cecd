import pino, { type Logger } from 'pino';
import type { Config } from './config.ts';

/** Paths whose values never reach a log line. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.token',
  '*.code',
  '*.secret',
  '*.accessToken',
  '*.refreshToken',
  '*.apiKey',
];

/**
 * Request URLs can carry single-use tokens (invitation previews, links); the query string is
 * dropped and any long opaque path segment masked before a URL is logged.
 */
export function redactUrl(url: string): string {
  const [path = ''] = url.split('?');
  return path
    .split('/')
    .map((segment) => (/^[A-Za-z0-9_-]{24,}$/.test(segment) && !/^[0-9a-f-]{36}$/.test(segment) ? '[redacted]' : segment))
    .join('/');
}

interface LoggableRequest {
  id?: string;
  method?: string;
  url?: string;
  ip?: string;
}

export function createLogger(config: Pick<Config, 'logLevel'>, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level: config.logLevel,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: {
      req: (req: LoggableRequest) => ({ id: req.id, method: req.method, url: redactUrl(req.url ?? ''), ip: req.ip }),
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
export type { Logger };
