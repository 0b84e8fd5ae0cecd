import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { verifyAdloopSignature } from './verify-signature.ts';

/** What the receiver does with the next requests to an endpoint: answer 500, or hang until the sender gives up. */
export type FailureMode = '500' | 'timeout';

/** One request an endpoint received, as it arrived. */
export interface ReceivedDelivery {
  id: string;
  receivedAt: string;
  headers: Record<string, string>;
  body: string;
  eventId: string | null;
  /** What the receiver answered: `accepted` (2xx), `failed` (500) or `timed_out` (no answer). */
  outcome: 'accepted' | 'failed' | 'timed_out';
  /** Whether the signature verified with the endpoint's secret; null when no secret is set. */
  signature: { verified: boolean; reason: string | null } | null;
}

export interface ReceiverEndpoint {
  id: string;
  name: string;
  /** The signing secret to verify with (pasted from Adloop); null: not checked. */
  secret: string | null;
  /** Requests still to fail, and how. */
  failNext: number;
  failMode: FailureMode;
  deliveries: ReceivedDelivery[];
  createdAt: string;
}

const MAX_DELIVERIES = 500;
const MAX_ENDPOINTS = 200;

function flatHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) if (value !== undefined) out[key] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}

/** The receiver's endpoints and what each received, in memory. */
export class ReceiverState {
  readonly endpoints = new Map<string, ReceiverEndpoint>();

  create(name: string, secret: string | null): ReceiverEndpoint {
    if (this.endpoints.size >= MAX_ENDPOINTS) {
      const oldest = this.endpoints.keys().next().value;
      if (oldest !== undefined) this.endpoints.delete(oldest);
    }
    const endpoint: ReceiverEndpoint = {
      id: randomUUID().slice(0, 8), name: name || 'Endpoint', secret, failNext: 0, failMode: '500', deliveries: [], createdAt: new Date().toISOString(),
    };
    this.endpoints.set(endpoint.id, endpoint);
    return endpoint;
  }

  get(id: string): ReceiverEndpoint | undefined {
    return this.endpoints.get(id);
  }

  /** Records one request and decides the answer (failing while `failNext` lasts). */
  receive(endpoint: ReceiverEndpoint, headers: IncomingHttpHeaders, body: string): ReceivedDelivery {
    const flat = flatHeaders(headers);
    let outcome: ReceivedDelivery['outcome'] = 'accepted';
    if (endpoint.failNext > 0) {
      endpoint.failNext -= 1;
      outcome = endpoint.failMode === 'timeout' ? 'timed_out' : 'failed';
    }
    const verdict = endpoint.secret === null ? null : verifyAdloopSignature(body, flat['adloop-signature'], endpoint.secret);
    const delivery: ReceivedDelivery = {
      id: randomUUID(), receivedAt: new Date().toISOString(), headers: flat, body, eventId: flat['adloop-event-id'] ?? null, outcome,
      signature: verdict === null ? null : { verified: verdict.ok, reason: verdict.ok ? null : verdict.reason },
    };
    endpoint.deliveries.unshift(delivery);
    endpoint.deliveries.length = Math.min(endpoint.deliveries.length, MAX_DELIVERIES);
    return delivery;
  }

  /** Checks every stored request again with `secret` (set after the requests arrived). */
  setSecret(endpoint: ReceiverEndpoint, secret: string | null): void {
    endpoint.secret = secret;
    for (const d of endpoint.deliveries) {
      const verdict = secret === null ? null : verifyAdloopSignature(d.body, d.headers['adloop-signature'], secret, { nowSeconds: Math.floor(Date.parse(d.receivedAt) / 1000) });
      d.signature = verdict === null ? null : { verified: verdict.ok, reason: verdict.ok ? null : verdict.reason };
    }
  }
}
