/** Stripe's error bodies; handlers throw `StripeFailure`, the router writes it. */
export type StripeErrorType = 'invalid_request_error' | 'card_error' | 'idempotency_error' | 'api_error';

export interface StripeErrorBody {
  type: StripeErrorType;
  message: string;
  code?: string;
  param?: string;
  decline_code?: string;
  payment_intent?: unknown;
  doc_url?: string;
}

export class StripeFailure extends Error {
  constructor(readonly status: number, readonly body: StripeErrorBody, readonly headers: Record<string, string> = {}) {
    super(body.message);
  }
}

function withDoc(body: StripeErrorBody): StripeErrorBody {
  return body.code ? { ...body, doc_url: `https://stripe.com/docs/error-codes/${body.code.replace(/_/g, '-')}` } : body;
}

export function invalid(message: string, param?: string, code?: string): StripeFailure {
  return new StripeFailure(400, withDoc({ type: 'invalid_request_error', message, ...(param ? { param } : {}), ...(code ? { code } : {}) }));
}

export function missingParam(param: string): StripeFailure {
  return invalid(`Missing required param: ${param}.`, param, 'parameter_missing');
}

/** A referenced id that does not exist: 404 for the URL's own id, 400 naming the parameter otherwise. */
export function noSuch(kind: string, id: string, param = 'id'): StripeFailure {
  const body = withDoc({ type: 'invalid_request_error', code: 'resource_missing', param, message: `No such ${kind}: '${id}'` });
  return new StripeFailure(param === 'id' ? 404 : 400, body);
}

export function cardError(code: string, message: string, declineCode?: string, param?: string): StripeFailure {
  return new StripeFailure(402, withDoc({ type: 'card_error', code, message, ...(declineCode ? { decline_code: declineCode } : {}), ...(param ? { param } : {}) }));
}

export function unauthorized(key: string | undefined): StripeFailure {
  const message = key
    ? `Invalid API Key provided: ${key.slice(0, 8)}${'*'.repeat(Math.max(0, key.length - 12))}${key.slice(-4)}`
    : 'You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. \'Authorization: Bearer YOUR_SECRET_KEY\').';
  return new StripeFailure(401, { type: 'invalid_request_error', message }, { 'www-authenticate': 'Basic realm="Stripe"' });
}

export function rateLimited(): StripeFailure {
  return new StripeFailure(429, withDoc({ type: 'invalid_request_error', code: 'rate_limit', message: 'Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.' }), { 'stripe-should-retry': 'false' });
}
