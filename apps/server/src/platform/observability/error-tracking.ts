import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

/**
 * Error tracking over the Sentry envelope protocol (sentry.io, GlitchTip, self-hosted Sentry):
 * one POST per event to `<scheme>://<host>/api/<project>/envelope/`, the DSN's public key in
 * `X-Sentry-Auth`. Sending never throws and never waits on the caller: an unreachable tracker
 * loses events, not requests. At most `perMinute` events a minute leave a process (an error storm
 * is one alert, not a bill).
 */
export interface ErrorTracker {
  capture(report: ErrorReport): void;
  /** Resolves when the events sent so far have been answered (or failed). */
  flush(): Promise<void>;
}

export interface ErrorReport {
  message: string;
  error?: { name: string; message: string; stack?: string | undefined } | undefined;
  /** Extra fields of the log line (job name, request id…), sent as `extra`. */
  extra?: Record<string, unknown>;
  level?: 'error' | 'fatal';
}

export interface TrackerOptions {
  dsn: string;
  environment: string;
  release?: string;
  perMinute?: number;
  fetch?: typeof fetch;
  now?: () => number;
}

interface ParsedDsn {
  envelopeUrl: string;
  publicKey: string;
}

/** `https://<key>@<host>[/<path>]/<project>` → the envelope endpoint and key; null if malformed. */
export function parseDsn(dsn: string): ParsedDsn | null {
  let url: URL;
  try {
    url = new URL(dsn);
  } catch {
    return null;
  }
  const segments = url.pathname.split('/').filter(Boolean);
  const project = segments.pop();
  if (!url.username || !project || !/^\d+$/.test(project)) return null;
  const prefix = segments.length ? `/${segments.join('/')}` : '';
  return { envelopeUrl: `${url.protocol}//${url.host}${prefix}/api/${project}/envelope/`, publicKey: decodeURIComponent(url.username) };
}

/** Stack lines (V8 format) as Sentry frames, outermost first as the protocol wants. */
function framesOf(stack: string | undefined): Array<{ function?: string; filename?: string; lineno?: number; colno?: number }> {
  if (!stack) return [];
  const frames = stack
    .split('\n')
    .slice(1)
    .map((line) => /^\s*at (?:(.+?) \()?(.+?):(\d+):(\d+)\)?$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ function: match[1] ?? '?', filename: match[2] ?? '?', lineno: Number(match[3]), colno: Number(match[4]) }));
  return frames.reverse();
}

export function createErrorTracker(options: TrackerOptions): ErrorTracker | null {
  const parsed = parseDsn(options.dsn);
  if (!parsed) return null;
  const send = options.fetch ?? fetch;
  const now = options.now ?? Date.now;
  const perMinute = options.perMinute ?? 30;
  const pending = new Set<Promise<void>>();
  let windowStart = now();
  let sentInWindow = 0;
  const auth = `Sentry sentry_version=7, sentry_key=${parsed.publicKey}, sentry_client=adloop/1`;

  return {
    capture(report) {
      if (now() - windowStart >= 60_000) {
        windowStart = now();
        sentInWindow = 0;
      }
      if (sentInWindow >= perMinute) return;
      sentInWindow += 1;
      const eventId = randomUUID().replace(/-/g, '');
      const event = {
        event_id: eventId,
        timestamp: now() / 1000,
        platform: 'node',
        level: report.level ?? 'error',
        logger: 'adloop',
        server_name: hostname(),
        environment: options.environment,
        ...(options.release ? { release: options.release } : {}),
        message: { formatted: report.message },
        ...(report.error
          ? { exception: { values: [{ type: report.error.name, value: report.error.message, stacktrace: { frames: framesOf(report.error.stack) } }] } }
          : {}),
        ...(report.extra ? { extra: report.extra } : {}),
      };
      const body = [JSON.stringify({ event_id: eventId, sent_at: new Date(now()).toISOString() }), JSON.stringify({ type: 'event' }), JSON.stringify(event)].join('\n');
      const request = send(parsed.envelopeUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-sentry-envelope', 'x-sentry-auth': auth },
        body,
        signal: AbortSignal.timeout(5000),
      })
        .then((response) => void response.body?.cancel())
        .catch(() => undefined)
        .finally(() => pending.delete(request));
      pending.add(request);
    },
    async flush() {
      await Promise.all([...pending]);
    },
  };
}
