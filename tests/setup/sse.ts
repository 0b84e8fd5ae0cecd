import type { TestClient } from './http-client.ts';

export interface StreamEvent {
  event: string;
  data: unknown;
  id: string | null;
}

/** An open Server-Sent Events stream, read incrementally over a real socket. */
export interface EventStream {
  status: number;
  headers: Headers;
  /** Every event received so far, in order. */
  events: StreamEvent[];
  /** Every comment line received so far (heartbeats, "connected"). */
  comments: string[];
  /** The JSON error body when the stream was refused. */
  body: unknown;
  /** Waits for the first event (already received or coming) that matches, up to `timeoutMs`. */
  waitFor(match: (event: StreamEvent) => boolean, timeoutMs?: number, what?: string): Promise<StreamEvent>;
  close(): void;
}

/**
 * Opens `path` as an event stream with the client's cookies (or API key) and parses it as it
 * arrives. Resolves once the server has written its first bytes (the stream is subscribed).
 */
export async function openEventStream(client: TestClient, path: string, headers: Record<string, string> = {}): Promise<EventStream> {
  const abort = new AbortController();
  const all: Record<string, string> = { accept: 'text/event-stream', ...client.authHeaders(), ...headers };
  const response = await fetch(new URL(path, client.baseUrl), { headers: all, signal: abort.signal });
  const events: StreamEvent[] = [];
  const comments: string[] = [];
  const waiters = new Set<() => void>();
  const notify = () => waiters.forEach((wake) => wake());
  let buffer = '';
  let ended = false;

  const parseBlock = (block: string) => {
    let event = 'message';
    let data = '';
    let id: string | null = null;
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) comments.push(line.slice(1).trim());
      else if (line.startsWith('event: ')) event = line.slice(7);
      else if (line.startsWith('data: ')) data += line.slice(6);
      else if (line.startsWith('id: ')) id = line.slice(4);
    }
    if (data) events.push({ event, data: JSON.parse(data), id });
  };

  let firstChunk: Promise<void> = Promise.resolve();
  if (response.ok && response.body) {
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let gotFirst: () => void = () => {};
    firstChunk = new Promise((resolve) => (gotFirst = resolve));
    void (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            parseBlock(buffer.slice(0, end));
            buffer = buffer.slice(end + 2);
          }
          gotFirst();
          notify();
        }
      } catch {
        // aborted
      } finally {
        ended = true;
        gotFirst();
        notify();
      }
    })();
  }
  await firstChunk;
  const body = response.ok ? null : await response.json().catch(() => null);

  return {
    status: response.status,
    headers: response.headers,
    events,
    comments,
    body,
    waitFor(match, timeoutMs = 30_000, what = 'event') {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = events.find(match);
          if (found) {
            cleanup();
            resolve(found);
          } else if (ended) {
            cleanup();
            reject(new Error(`stream ended before ${what}`));
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`no ${what} within ${timeoutMs} ms; got ${JSON.stringify(events)}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    close: () => abort.abort(),
  };
}
