import { startHttpServer } from '../http/http-server.ts';
import { json, type SandboxRequest, type SandboxResponse } from '../http/http.types.ts';
import { createStripeApi } from './stripe-api.ts';
import { advanceClock } from './stripe-lifecycle.ts';
import { handlePage } from './stripe-pages.ts';
import { all, createStripeState, type StripeSandboxSettings, type StripeState } from './stripe-state.ts';
import { createWebhookDispatcher, type WebhookDispatcher } from './stripe-webhooks.ts';

export interface StartStripeSandboxOptions {
  seed: number;
  port?: number;
  host?: string;
  /** The clock's start (ms); default real time. Moves only forward, through the control API. */
  start?: number;
  settings?: Partial<StripeSandboxSettings>;
}

export interface RunningStripeSandbox {
  /** The base URL: the `stripe` client's host/port/protocol, the hosted pages and `/sandbox/*` control. */
  url: string;
  state: StripeState;
  webhooks: WebhookDispatcher;
  close(): Promise<void>;
}

function body(req: SandboxRequest): Record<string, unknown> {
  return req.json && typeof req.json === 'object' && !Array.isArray(req.json) ? (req.json as Record<string, unknown>) : {};
}

const SETTING_TYPES: Record<keyof StripeSandboxSettings, 'string' | 'number' | 'boolean'> = {
  secretKey: 'string', webhookAttempts: 'number', webhookRetryDelayMs: 'number', webhookCopies: 'number', webhookShuffle: 'boolean', webhookHold: 'boolean',
};

/** `/sandbox/*`: the clock, delivery switches, queued 429s, and a look at what was sent. */
function control(state: StripeState, webhooks: WebhookDispatcher, req: SandboxRequest): SandboxResponse | null {
  const b = body(req);
  const key = `${req.method} ${req.path}`;
  if (key === 'GET /sandbox/clock') return json(200, { now: state.now() });
  if (key === 'POST /sandbox/clock/advance') {
    const seconds = typeof b.seconds === 'number' ? b.seconds : typeof b.days === 'number' ? b.days * 86_400 : typeof b.to === 'number' ? b.to - state.now() : NaN;
    if (!Number.isFinite(seconds) || seconds < 0) return json(400, { error: { message: 'Pass seconds, days or to (Unix seconds, not in the past).', param: 'seconds' } });
    const steps = advanceClock(state, state.now() + Math.round(seconds));
    return json(200, { now: state.now(), steps });
  }
  if (key === 'POST /sandbox/settings') {
    for (const [name, value] of Object.entries(b)) {
      const type = SETTING_TYPES[name as keyof StripeSandboxSettings];
      if (!type || typeof value !== type) return json(400, { error: { message: `Unknown or invalid setting ${name}`, param: name } });
      Object.assign(state.settings, { [name]: value });
    }
    return json(200, { settings: { ...state.settings, secretKey: undefined } });
  }
  if (key === 'POST /sandbox/faults') {
    const count = typeof b.rateLimit === 'number' ? b.rateLimit : NaN;
    if (!Number.isInteger(count) || count < 0) return json(400, { error: { message: 'rateLimit: how many next requests answer 429', param: 'rateLimit' } });
    state.rateLimitNext = count;
    return json(200, { rateLimitNext: count });
  }
  if (key === 'POST /sandbox/webhooks/flush') {
    webhooks.flush();
    return json(200, { ok: true });
  }
  if (key === 'POST /sandbox/webhooks/redeliver') {
    const max = typeof b.maxCopies === 'number' && b.maxCopies >= 1 ? Math.floor(b.maxCopies) : 1;
    return json(200, { deliveries: webhooks.redeliverAll(max) });
  }
  if (key === 'GET /sandbox/webhooks/deliveries') return json(200, { data: webhooks.deliveries });
  if (key === 'GET /sandbox/state') {
    const count = (type: string): number => all(state, type).length;
    return json(200, { now: state.now(), customers: count('customer'), subscriptions: count('subscription'), invoices: count('invoice'), events: count('event') });
  }
  return null;
}

/**
 * A Stripe stand-in on one port: the REST API the official `stripe` client speaks (form bodies,
 * expand, lists, idempotency, errors), hosted Checkout/portal/invoice pages, signed webhooks and
 * a clock for trials, renewals and failed payments.
 */
export async function startStripeSandbox(options: StartStripeSandboxOptions): Promise<RunningStripeSandbox> {
  const state = createStripeState(options.seed, options.settings, options.start);
  const webhooks = createWebhookDispatcher(state);
  const api = createStripeApi(state);
  const server = await startHttpServer({
    port: options.port ?? 0, host: options.host,
    handle: (req) => {
      if (req.path.startsWith('/v1/')) return Promise.resolve(api(req));
      const out = control(state, webhooks, req) ?? handlePage(state, req) ?? json(404, { error: { type: 'invalid_request_error', message: `Unrecognized request URL (${req.method}: ${req.path}).` } });
      return Promise.resolve(out);
    },
  });
  state.baseUrl = server.localUrl;
  return {
    url: server.localUrl, state, webhooks,
    close: async () => {
      webhooks.close();
      await server.close();
    },
  };
}
