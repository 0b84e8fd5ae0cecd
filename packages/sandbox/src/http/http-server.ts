import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SandboxRequest, SandboxResponse } from './http.types.ts';

const MAX_BODY_BYTES = 10 * 1024 * 1024;

export interface RunningServer {
  port: number;
  /** `http://127.0.0.1:<port>` */
  localUrl: string;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new Error('body too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

async function toSandboxRequest(req: IncomingMessage): Promise<SandboxRequest> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const bodyBytes = await readBody(req);
  const rawBody = bodyBytes.toString('utf8');
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  const isForm = type.includes('application/x-www-form-urlencoded');
  return {
    method: (req.method ?? 'GET').toUpperCase(),
    url, path: url.pathname, query: url.searchParams, headers: req.headers, rawBody, bodyBytes,
    json: rawBody && !isForm ? parseJson(rawBody) : undefined,
    form: isForm ? new URLSearchParams(rawBody) : null,
    params: {},
  };
}

function write(res: ServerResponse, out: SandboxResponse): void {
  const headers: Record<string, string> = { ...(out.headers ?? {}) };
  let body = '';
  if (out.json !== undefined) {
    body = JSON.stringify(out.json);
    headers['content-type'] ??= 'application/json; charset=UTF-8';
  } else if (out.html !== undefined) {
    body = out.html;
    headers['content-type'] ??= 'text/html; charset=utf-8';
  } else if (out.text !== undefined) {
    body = out.text;
    headers['content-type'] ??= 'text/plain; charset=utf-8';
  }
  res.writeHead(out.status, headers);
  res.end(body);
}

/** Serves `handle` over HTTP on 127.0.0.1 (port 0 = random). Pending slow/dropped responses end on close. */
export async function startHttpServer(options: { port?: number; host?: string; handle(req: SandboxRequest): Promise<SandboxResponse> }): Promise<RunningServer> {
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => void): void => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };
  const server = createServer((req, res) => {
    toSandboxRequest(req)
      .then((parsed) => options.handle(parsed))
      .then((out) => {
        if (out.drop) later(out.delayMs ?? 0, () => req.socket.destroy());
        else if (out.delayMs) later(out.delayMs, () => write(res, out));
        else write(res, out);
      })
      .catch((error: unknown) => {
        write(res, { status: 500, json: { error: { message: error instanceof Error ? error.message : 'internal error' } } });
      });
  });
  server.keepAliveTimeout = 5_000;
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    port,
    localUrl: `http://${host}:${port}`,
    close: () => new Promise<void>((resolve) => {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
