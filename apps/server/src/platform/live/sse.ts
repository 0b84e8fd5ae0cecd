import type { LiveEvent } from './live.types.ts';

/**
 * Server-Sent Events framing (WHATWG HTML, "event stream" format). The data is one line of JSON
 * (JSON.stringify never emits a raw newline), so one `data:` field carries it.
 */
export function formatEvent(id: number, event: LiveEvent): string {
  return `event: ${event.type}\ndata: ${JSON.stringify(event)}\nid: ${id}\n\n`;
}

/** A comment line: ignored by EventSource, keeps proxies and load balancers from closing an idle stream. */
export function formatComment(text: string): string {
  return `: ${text.replace(/[\r\n]+/g, ' ')}\n\n`;
}

/** Tells EventSource how long to wait before reconnecting after the stream ends. */
export function formatRetry(ms: number): string {
  return `retry: ${Math.max(0, Math.round(ms))}\n\n`;
}
