import { randomUUID } from 'node:crypto';
import { header, type SandboxRequest, type SandboxResponse } from '../http/http.types.ts';
import * as billing from './stripe-billing.api.ts';
import * as catalog from './stripe-catalog.api.ts';
import { createPreview } from './stripe-preview.api.ts';
import * as schedules from './stripe-schedules.ts';
import { invalid, rateLimited, StripeFailure, unauthorized } from './stripe-errors.ts';
import { decodeForm, type FormTree } from './stripe-form.ts';
import { expand } from './stripe-query.ts';
import { find, type StripeObject, type StripeState } from './stripe-state.ts';

type OpFn = (op: catalog.Op) => StripeObject;
interface ApiRoute { method: string; pattern: RegExp; run: OpFn }

const get = (type: string): OpFn => ({ state, ids }) => find(state, type, ids.id ?? '');
const ID = '(?<id>[A-Za-z0-9_]+)';
const r = (method: string, path: string, run: OpFn): ApiRoute => ({ method, pattern: new RegExp(`^/v1/${path}$`), run });

/** Every operation the sandbox serves; anything else is Stripe's "Unrecognized request URL". */
const ROUTES: ApiRoute[] = [
  r('POST', 'products', catalog.createProduct), r('GET', 'products', catalog.listProducts), r('GET', `products/${ID}`, get('product')), r('POST', `products/${ID}`, catalog.updateProduct),
  r('POST', 'prices', catalog.createPrice), r('GET', 'prices', catalog.listPrices), r('GET', `prices/${ID}`, get('price')), r('POST', `prices/${ID}`, catalog.updatePrice),
  r('POST', 'customers', catalog.createCustomer), r('GET', 'customers', catalog.listCustomers), r('GET', `customers/${ID}`, catalog.retrieveCustomer),
  r('POST', `customers/${ID}`, catalog.updateCustomer), r('DELETE', `customers/${ID}`, catalog.deleteCustomer),
  r('GET', 'customers/(?<customer>[A-Za-z0-9_]+)/payment_methods', catalog.listPms),
  r('POST', 'payment_methods', catalog.createPaymentMethod), r('GET', 'payment_methods', catalog.listPms), r('GET', `payment_methods/${ID}`, get('payment_method')),
  r('POST', `payment_methods/${ID}/attach`, catalog.attachPm), r('POST', `payment_methods/${ID}/detach`, catalog.detachPm),
  r('POST', 'subscriptions', billing.createSub), r('GET', 'subscriptions', billing.listSubs), r('GET', `subscriptions/${ID}`, get('subscription')),
  r('POST', `subscriptions/${ID}`, billing.updateSub), r('DELETE', `subscriptions/${ID}`, billing.cancelSub),
  r('POST', 'invoices/create_preview', createPreview),
  r('GET', 'invoices', billing.listInvoices), r('GET', `invoices/${ID}`, get('invoice')), r('POST', `invoices/${ID}/pay`, billing.payInvoiceOp),
  r('POST', 'checkout/sessions', billing.createCheckout), r('GET', 'checkout/sessions', billing.listCheckout), r('GET', `checkout/sessions/${ID}`, get('checkout.session')),
  r('POST', `checkout/sessions/${ID}/expire`, billing.expireCheckout), r('GET', `checkout/sessions/${ID}/line_items`, billing.checkoutLineItems),
  r('POST', 'billing_portal/sessions', billing.createPortal),
  r('POST', 'subscription_schedules', schedules.createSchedule), r('GET', `subscription_schedules/${ID}`, get('subscription_schedule')),
  r('POST', `subscription_schedules/${ID}`, schedules.updateSchedule), r('POST', `subscription_schedules/${ID}/release`, schedules.releaseScheduleOp),
  r('GET', 'events', catalog.listEvents), r('GET', `events/${ID}`, get('event')),
  r('POST', 'webhook_endpoints', catalog.createEndpoint), r('GET', `webhook_endpoints/${ID}`, get('webhook_endpoint')),
];

function apiKey(req: SandboxRequest): string | undefined {
  const auth = header(req, 'authorization') ?? '';
  if (auth.startsWith('Bearer ')) return auth.slice(7).trim();
  if (auth.startsWith('Basic ')) return Buffer.from(auth.slice(6), 'base64').toString('utf8').split(':')[0];
  return undefined;
}

function errorResponse(failure: StripeFailure, requestId: string): SandboxResponse {
  const headers = { 'request-id': requestId, ...failure.headers };
  return { status: failure.status, json: { error: { ...failure.body, request_log_url: `https://dashboard.stripe.com/test/logs/${requestId}` } }, headers };
}

/** Stripe's REST API: keys, rate-limit faults, idempotency replay, form decoding and expansion around each operation. */
export function createStripeApi(state: StripeState): (req: SandboxRequest) => SandboxResponse {
  return (req) => {
    const requestId = `req_${randomUUID().replace(/-/g, '').slice(0, 14)}`;
    const version = header(req, 'stripe-version') ?? '2026-11-18.endive';
    const base = { 'request-id': requestId, 'stripe-version': version };
    try {
      const key = apiKey(req);
      if (key !== state.settings.secretKey) throw unauthorized(key);
      if (state.rateLimitNext > 0) {
        state.rateLimitNext--;
        throw rateLimited();
      }
      const route = ROUTES.find((rt) => rt.pattern.test(req.path) && rt.method === req.method);
      if (!route) throw new StripeFailure(404, { type: 'invalid_request_error', message: `Unrecognized request URL (${req.method}: ${req.path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.` });
      const p: FormTree = req.method === 'POST' ? decodeForm(req.form ?? new URLSearchParams(req.rawBody)) : decodeForm(req.query);
      const idemKey = req.method === 'POST' ? header(req, 'idempotency-key') : undefined;
      const fingerprint = `${req.method} ${req.path} ${req.rawBody}`;
      const storeKey = idemKey ? `${key}:${idemKey}` : undefined;
      const stored = storeKey ? state.idempotency.get(storeKey) : undefined;
      if (stored && idemKey) {
        if (stored.fingerprint !== fingerprint) {
          throw new StripeFailure(400, { type: 'idempotency_error', message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idemKey}' if you meant to execute a different request.` });
        }
        return { status: stored.status, json: stored.body, headers: { ...base, 'idempotency-key': idemKey, 'idempotent-replayed': 'true', 'original-request': stored.requestId } };
      }
      const ids = Object.fromEntries(Object.entries(route.pattern.exec(req.path)?.groups ?? {}).filter((e): e is [string, string] => e[1] !== undefined));
      let status = 200;
      let body: unknown;
      try {
        body = expand(state, route.run({ state, p, ids, requestId }), p);
      } catch (error) {
        if (!(error instanceof StripeFailure) || !storeKey) throw error;
        status = error.status;
        body = errorResponse(error, requestId).json;
      }
      if (storeKey && idemKey) state.idempotency.set(storeKey, { fingerprint, status, body, requestId });
      return { status, json: body, headers: { ...base, ...(idemKey ? { 'idempotency-key': idemKey, 'original-request': requestId } : {}) } };
    } catch (error) {
      if (error instanceof StripeFailure) return errorResponse(error, requestId);
      if (error instanceof Error) return errorResponse(invalid(error.message), requestId);
      throw error;
    }
  };
}
