import { startHttpServer } from '../http/http-server.ts';
import { json, param, redirect, type SandboxRequest, type SandboxResponse } from '../http/http.types.ts';
import { dispatch, route } from '../http/router.ts';
import { endpointPage, indexPage } from './receiver-pages.ts';
import { ReceiverState, type FailureMode, type ReceiverEndpoint } from './receiver-state.ts';

export interface RunningWebhookReceiver {
  /** `http://127.0.0.1:<port>`: the page at `/`, endpoints receive at `/hooks/<id>`, JSON control under `/api`. */
  url: string;
  state: ReceiverState;
  close(): Promise<void>;
}

/** How long a "timeout" failure keeps the request open before dropping it (longer than any sender waits). */
const HANG_MS = 60_000;

const present = (e: ReceiverEndpoint, base: string) => ({
  id: e.id, name: e.name, url: `${base}/hooks/${e.id}`, hasSecret: e.secret !== null, failNext: e.failNext, failMode: e.failMode, deliveries: e.deliveries,
});

function failSettings(req: SandboxRequest): { count: number; mode: FailureMode } | null {
  const count = Number(param(req, 'count'));
  const mode = param(req, 'mode') ?? '500';
  if (!Number.isInteger(count) || count < 0 || count > 1000 || (mode !== '500' && mode !== 'timeout')) return null;
  return { count, mode };
}

/**
 * A webhook receiver for sandbox mode: endpoints one creates, a page per endpoint showing every request
 * (headers, body, whether the signature verifies with a given secret), and a control making the next N
 * requests fail with a 500 or time out. It checks signatures exactly as docs/webhooks.md tells receivers to.
 */
export async function startWebhookReceiver(options: { port?: number; host?: string } = {}): Promise<RunningWebhookReceiver> {
  const state = new ReceiverState();
  let base = '';
  const find = (req: SandboxRequest): ReceiverEndpoint | undefined => state.get(req.params.id ?? '');
  const missing = json(404, { error: 'no such endpoint' });
  const routes = [
    route('POST', /^\/hooks\/(?<id>[\w-]+)$/, (req): SandboxResponse => {
      const endpoint = find(req);
      if (!endpoint) return missing;
      const received = state.receive(endpoint, req.headers, req.rawBody);
      if (received.outcome === 'failed') return json(500, { error: 'failing on purpose (sandbox control)' });
      if (received.outcome === 'timed_out') return { status: 504, drop: true, delayMs: HANG_MS };
      return json(200, { received: true, id: received.id });
    }),
    route('GET', /^\/$/, () => ({ status: 200, html: indexPage([...state.endpoints.values()], base) })),
    route('POST', /^\/endpoints$/, (req) => redirect(`/endpoints/${state.create((param(req, 'name') ?? '').slice(0, 80), null).id}`)),
    route('GET', /^\/endpoints\/(?<id>[\w-]+)$/, (req) => {
      const endpoint = find(req);
      return endpoint ? { status: 200, html: endpointPage(endpoint, base) } : { status: 404, html: '<p>No such endpoint.</p>' };
    }),
    route('POST', /^\/endpoints\/(?<id>[\w-]+)\/secret$/, (req) => {
      const endpoint = find(req);
      if (!endpoint) return missing;
      state.setSecret(endpoint, param(req, 'secret')?.trim() || null);
      return redirect(`/endpoints/${endpoint.id}`);
    }),
    route('POST', /^\/endpoints\/(?<id>[\w-]+)\/fail$/, (req) => {
      const endpoint = find(req);
      const settings = failSettings(req);
      if (!endpoint) return missing;
      if (!settings) return { status: 400, html: '<p>Give a count from 0 to 1000 and a mode (500 or timeout).</p>' };
      endpoint.failNext = settings.count;
      endpoint.failMode = settings.mode;
      return redirect(`/endpoints/${endpoint.id}`);
    }),
    route('POST', /^\/api\/endpoints$/, (req) => json(201, present(state.create((param(req, 'name') ?? '').slice(0, 80), param(req, 'secret') ?? null), base))),
    route('GET', /^\/api\/endpoints\/(?<id>[\w-]+)$/, (req) => {
      const endpoint = find(req);
      return endpoint ? json(200, present(endpoint, base)) : missing;
    }),
    route('PUT', /^\/api\/endpoints\/(?<id>[\w-]+)\/secret$/, (req) => {
      const endpoint = find(req);
      if (!endpoint) return missing;
      state.setSecret(endpoint, param(req, 'secret') ?? null);
      return json(200, present(endpoint, base));
    }),
    route('POST', /^\/api\/endpoints\/(?<id>[\w-]+)\/fail$/, (req) => {
      const endpoint = find(req);
      const settings = failSettings(req);
      if (!endpoint) return missing;
      if (!settings) return json(400, { error: 'count must be 0–1000 and mode 500 or timeout' });
      endpoint.failNext = settings.count;
      endpoint.failMode = settings.mode;
      return json(200, present(endpoint, base));
    }),
  ];
  const server = await startHttpServer({
    port: options.port ?? 0, host: options.host,
    handle: (req) => dispatch(routes, req, (methodNotAllowed) => json(methodNotAllowed ? 405 : 404, { error: methodNotAllowed ? 'method not allowed' : 'not found' })),
  });
  base = server.localUrl;
  return { url: base, state, close: () => server.close() };
}
