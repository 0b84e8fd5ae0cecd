import { createHmac } from 'node:crypto';
import { all, type StripeObject, type StripeState } from './stripe-state.ts';

/** One delivery attempt as the control API lists it. */
export interface DeliveryRecord { event: string; type: string; endpoint: string; attempt: number; status: number | null; at: number }

export interface WebhookDispatcher {
  deliveries: DeliveryRecord[];
  /** Sends whatever is held (shuffled when the setting says so). */
  flush(): void;
  /** Sends every past event again, each 1..`maxCopies` times, the whole batch shuffled. */
  redeliverAll(maxCopies: number): number;
  /** Resolves when nothing is queued or in flight. */
  idle(): Promise<void>;
  close(): void;
}

/** `Stripe-Signature` as Stripe sends it: `t=…,v1=…` (HMAC-SHA256 of `${t}.${payload}` keyed by the whole secret), plus a test-mode `v0`. */
export function signature(payload: string, secret: string, timestamp: number): string {
  const v1 = createHmac('sha256', secret).update(`${timestamp}.${payload}`, 'utf8').digest('hex');
  const v0 = createHmac('sha256', `${secret}:v0`).update(`${timestamp}.${payload}`, 'utf8').digest('hex');
  return `t=${timestamp},v1=${v1},v0=${v0}`;
}

function matches(endpoint: StripeObject, type: string): boolean {
  const events = endpoint.enabled_events as string[];
  return events.includes('*') || events.includes(type);
}

/** Deliveries in flight at once per sandbox (the rest queue in order). */
const PARALLEL_DELIVERIES = 8;

export function createWebhookDispatcher(state: StripeState): WebhookDispatcher {
  const deliveries: DeliveryRecord[] = [];
  let held: Array<{ event: StripeObject; endpoint: StripeObject }> = [];
  let inFlight = 0;
  let closed = false;
  const timers = new Set<NodeJS.Timeout>();
  const waiters: Array<() => void> = [];
  const settleWaiters = (): void => {
    if (inFlight === 0 && (held.length === 0 || state.settings.webhookHold)) waiters.splice(0).forEach((fn) => fn());
  };

  // Like Stripe, a few requests at a time per endpoint: a burst waits its turn instead of timing out.
  let active = 0;
  const waiting: Array<() => void> = [];
  const release = (): void => {
    active--;
    const next = waiting.shift();
    if (next) {
      active++;
      next();
    }
  };

  const attempt = (event: StripeObject, endpoint: StripeObject, n: number): void => {
    if (closed) return;
    inFlight++;
    const run = (): void => post(event, endpoint, n);
    if (active < PARALLEL_DELIVERIES) {
      active++;
      run();
    } else waiting.push(run);
  };

  const post = (event: StripeObject, endpoint: StripeObject, n: number): void => {
    if (closed) return;
    const payload = JSON.stringify(event, null, 2);
    const t = Math.floor(Date.now() / 1000);
    const record: DeliveryRecord = { event: event.id, type: String(event.type), endpoint: endpoint.id, attempt: n, status: null, at: state.now() };
    deliveries.push(record);
    fetch(String(endpoint.url), {
      method: 'POST', body: payload, signal: AbortSignal.timeout(10_000),
      headers: { 'content-type': 'application/json; charset=utf-8', 'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)', 'stripe-signature': signature(payload, String(Reflect.get(endpoint, '_secret')), t) },
      redirect: 'manual',
    }).then(async (res) => {
      record.status = res.status;
      await res.arrayBuffer().catch(() => undefined);
      return res.status >= 200 && res.status < 300;
    }, () => false).then((ok) => {
      release();
      inFlight--;
      if (!ok && n < state.settings.webhookAttempts && !closed) {
        inFlight++;
        const timer = setTimeout(() => {
          timers.delete(timer);
          inFlight--;
          attempt(event, endpoint, n + 1);
        }, state.settings.webhookRetryDelayMs * 2 ** (n - 1));
        timers.add(timer);
      }
      settleWaiters();
    });
  };

  const send = (batch: Array<{ event: StripeObject; endpoint: StripeObject }>): void => {
    const order = [...batch];
    if (state.settings.webhookShuffle) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = state.prng.int(0, i);
        [order[i], order[j]] = [order[j] as (typeof order)[number], order[i] as (typeof order)[number]];
      }
    }
    for (const { event, endpoint } of order) attempt(event, endpoint, 1);
  };

  const copies = (max: number): number => (max <= 1 ? 1 : state.prng.int(1, max));

  state.onEvent.push((event) => {
    const endpoints = all(state, 'webhook_endpoint').filter((e) => e.status === 'enabled' && matches(e, String(event.type)));
    for (const endpoint of endpoints) for (let c = copies(state.settings.webhookCopies); c > 0; c--) held.push({ event, endpoint });
    event.pending_webhooks = endpoints.length;
    if (!state.settings.webhookHold) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        const batch = held;
        held = [];
        send(batch);
        settleWaiters();
      }, 0);
      timers.add(timer);
    }
  });

  return {
    deliveries,
    flush() {
      const batch = held;
      held = [];
      send(batch);
      settleWaiters();
    },
    redeliverAll(maxCopies) {
      const batch: Array<{ event: StripeObject; endpoint: StripeObject }> = [];
      const endpoints = all(state, 'webhook_endpoint').filter((e) => e.status === 'enabled');
      for (const event of all(state, 'event')) for (const endpoint of endpoints.filter((e) => matches(e, String(event.type)))) for (let c = copies(maxCopies); c > 0; c--) batch.push({ event, endpoint });
      const shuffle = state.settings.webhookShuffle;
      state.settings.webhookShuffle = true;
      send(batch);
      state.settings.webhookShuffle = shuffle;
      return batch.length;
    },
    idle: () => new Promise((resolve) => {
      waiters.push(resolve);
      settleWaiters();
    }),
    close() {
      closed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
    },
  };
}
