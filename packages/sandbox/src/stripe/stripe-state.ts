import { createRng, type SequentialRng } from '../simulator/prng.ts';
import { noSuch } from './stripe-errors.ts';

/** One stored Stripe object as its JSON; references to other objects are ids until expanded. */
export type StripeObject = Record<string, unknown> & { id: string; object: string };

export interface StripeSandboxSettings {
  /** The only secret key accepted (others get Stripe's 401). */
  secretKey: string;
  /** Webhook delivery: attempts per event (first try + retries) and the wait between them. */
  webhookAttempts: number;
  webhookRetryDelayMs: number;
  /** Each event is sent 1..N times (N = 1: exactly once). */
  webhookCopies: number;
  /** Deliver the events of one batch in shuffled order. */
  webhookShuffle: boolean;
  /** Keep events until `POST /sandbox/webhooks/flush` (so a test can shuffle a whole batch). */
  webhookHold: boolean;
}

export const DEFAULT_STRIPE_SETTINGS: StripeSandboxSettings = {
  secretKey: 'sk_test_sandbox', webhookAttempts: 4, webhookRetryDelayMs: 500, webhookCopies: 1, webhookShuffle: false, webhookHold: false,
};

export interface StoredResponse { fingerprint: string; status: number; body: unknown; requestId: string }

export interface StripeState {
  settings: StripeSandboxSettings;
  prng: SequentialRng;
  /** The sandbox's clock in Unix seconds (real time plus every advance). */
  now(): number;
  advanceBy(seconds: number): void;
  objects: Map<string, StripeObject>;
  /** Insertion order, so lists are newest first even within one second. */
  seq: Map<string, number>;
  idempotency: Map<string, StoredResponse>;
  /** Requests that answer 429 before running (control API). */
  rateLimitNext: number;
  /** Called with each new event (the webhook dispatcher subscribes). */
  onEvent: Array<(event: StripeObject) => void>;
  counter: number;
  /** Public base URL (hosted checkout, portal and invoice pages link here). */
  baseUrl: string;
}

export function createStripeState(seed: number, settings: Partial<StripeSandboxSettings> = {}, start?: number): StripeState {
  let offset = start === undefined ? 0 : start - Date.now();
  return {
    settings: { ...DEFAULT_STRIPE_SETTINGS, ...settings },
    prng: createRng(seed),
    now: () => Math.floor((Date.now() + offset) / 1000),
    advanceBy: (seconds) => {
      offset += seconds * 1000;
    },
    objects: new Map(), seq: new Map(), idempotency: new Map(), rateLimitNext: 0, onEvent: [], counter: 0, baseUrl: '',
  };
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A Stripe-style id: prefix + 24 characters, unique within the sandbox. */
export function newId(state: StripeState, prefix: string): string {
  state.counter += 1;
  let tail = '';
  for (let i = 0; i < 14; i++) tail += ALPHABET[Math.floor(state.prng.next() * ALPHABET.length)];
  return `${prefix}${tail}${state.counter.toString(36).padStart(10, '0')}`;
}

export function store(state: StripeState, object: StripeObject): StripeObject {
  if (!state.seq.has(object.id)) state.seq.set(object.id, state.counter++);
  state.objects.set(object.id, object);
  return object;
}

/** The stored object of that type, or Stripe's "No such …" (404 for the URL id, 400 naming `param`). */
export function find(state: StripeState, type: string, id: string, param = 'id'): StripeObject {
  const found = state.objects.get(id);
  if (!found || found.object !== type) throw noSuch(type.replace(/^.*\./, '').replace(/_/g, ' '), id, param);
  return found;
}

export function all(state: StripeState, type: string): StripeObject[] {
  return [...state.objects.values()].filter((o) => o.object === type).sort((a, b) => (state.seq.get(b.id) ?? 0) - (state.seq.get(a.id) ?? 0));
}

/** Records an event (`data.object` is a copy as of now) and hands it to the webhook dispatcher. */
export function emit(state: StripeState, type: string, object: StripeObject, previous?: Record<string, unknown>, requestId: string | null = null): StripeObject {
  const event = store(state, {
    id: newId(state, 'evt_'), object: 'event', api_version: '2026-11-18.endive', created: state.now(), livemode: false, type,
    data: { object: structuredClone(object), ...(previous ? { previous_attributes: previous } : {}) },
    pending_webhooks: 0, request: { id: requestId, idempotency_key: null },
  });
  state.onEvent.forEach((fn) => fn(event));
  return event;
}
