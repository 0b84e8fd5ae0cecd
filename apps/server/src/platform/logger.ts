import pino, { type Logger } from 'pino';
import type { Config } from './config.ts';
import { createErrorTracker, type ErrorReport, type ErrorTracker } from './observability/error-tracking.ts';

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

/** Field names whose values never leave the process with an error report. */
const SECRET_FIELD = /pass|token|secret|code|key|cookie|authori[sz]ation/i;

/** A pino call's arguments as an error report: its message, its `err`, and its plain non-secret fields. */
export function toErrorReport(args: unknown[], level: number): ErrorReport {
  const [first, second] = args;
  const fields = typeof first === 'object' && first !== null && !(first instanceof Error) ? (first as Record<string, unknown>) : {};
  const thrown = first instanceof Error ? first : fields.err instanceof Error ? fields.err : fields.error instanceof Error ? fields.error : undefined;
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (SECRET_FIELD.test(key) || key === 'err' || key === 'error') continue;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') extra[key] = value;
  }
  const message = typeof second === 'string' ? second : typeof first === 'string' ? first : (thrown?.message ?? 'error');
  return {
    message,
    ...(thrown ? { error: { name: thrown.name, message: thrown.message, stack: thrown.stack } } : {}),
    ...(Object.keys(extra).length ? { extra } : {}),
    level: level >= 60 ? 'fatal' : 'error',
  };
}

/** Log levels pino numbers 50 (error) and above are also reported to the error tracker, when one is configured. */
const REPORTED_LEVEL = 50;

export function createLogger(
  config: Pick<Config, 'logLevel'> & { errorTracking?: Config['errorTracking'] },
  destination?: pino.DestinationStream,
  tracker: ErrorTracker | null = config.errorTracking?.dsn ? createErrorTracker({ dsn: config.errorTracking.dsn, environment: config.errorTracking.environment }) : null,
): Logger {
  const options: pino.LoggerOptions = {
    level: config.logLevel,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: {
      req: (req: LoggableRequest) => ({ id: req.id, method: req.method, url: redactUrl(req.url ?? ''), ip: req.ip }),
    },
    ...(tracker
      ? {
          hooks: {
            logMethod(this: Logger, args: Parameters<pino.LogFn>, method: pino.LogFn, level: number) {
              if (level >= REPORTED_LEVEL) tracker.capture(toErrorReport(args, level));
              return method.apply(this, args);
            },
          },
        }
      : {}),
  };
  return destination ? pino(options, destination) : pino(options);
}
export type { Logger };
