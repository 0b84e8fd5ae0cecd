import { header, type SandboxRequest, type SandboxResponse } from '../../http/http.types.ts';
import type { TokenRecord } from '../../oauth/oauth-store.ts';
import type { SandboxContext } from '../../sandbox-context.ts';
import type { Account } from '../../simulator/world.types.ts';
import { faultOutcome } from '../fault-outcome.ts';
import { adsError, adsFailure, unauthenticated } from './google-errors.ts';
import { renderGoogleFault } from './google-faults.ts';

/** An authenticated Google Ads API call. */
export interface GoogleCall {
  version: string;
  requestId: string;
  token: TokenRecord;
  /** Extra latency from a `slow` fault. */
  delayMs: number;
}

export function authenticate(ctx: SandboxContext, req: SandboxRequest, version: string, requestId: string): GoogleCall | SandboxResponse {
  const bearer = /^Bearer\s+(\S+)$/i.exec(header(req, 'authorization') ?? '')?.[1];
  const token = bearer ? ctx.oauth.google.find(bearer) : undefined;
  if (!token || token.kind !== 'access' || token.revoked || (token.expiresAt !== null && ctx.sim.clock.now() >= token.expiresAt)) return unauthenticated();
  const devToken = header(req, 'developer-token');
  if (ctx.settings.google.requireDeveloperToken) {
    if (!devToken) return adsFailure(401, [adsError('authenticationError', 'DEVELOPER_TOKEN_PARAMETER_MISSING', 'Developer token parameter is missing.')], version, requestId);
    if (!/^[A-Za-z0-9_-]{22}$/.test(devToken)) return adsFailure(401, [adsError('authenticationError', 'DEVELOPER_TOKEN_INVALID', 'The developer token is not valid.')], version, requestId);
  }
  if (token.grant.accountIds.length === 0) {
    return adsFailure(401, [adsError('authenticationError', 'NOT_ADS_USER', 'User in the cookie is not a valid Ads user.')], version, requestId);
  }
  return { version, requestId, token, delayMs: 0 };
}

const denied = (call: GoogleCall, customerId: string): SandboxResponse => adsFailure(403, [adsError('authorizationError', 'USER_PERMISSION_DENIED',
  "User doesn't have permission to access customer. Note: If you're accessing a client customer, the manager's customer id must be set in the 'login-customer-id' header.",
  { trigger: { stringValue: customerId } })], call.version, call.requestId, 'The caller does not have permission');

/** Resolves the customer in the path, enforcing grants, `login-customer-id` and per-account faults. */
export function authorizeCustomer(ctx: SandboxContext, req: SandboxRequest, call: GoogleCall, customerId: string): Account | SandboxResponse {
  const { version, requestId } = call;
  if (!/^\d{10}$/.test(customerId)) {
    return adsFailure(400, [adsError('requestError', 'INVALID_CUSTOMER_ID', 'The customer ID is invalid: use 10 digits without dashes.', { trigger: { stringValue: customerId } })], version, requestId);
  }
  const accounts = ctx.sim.world().platforms.google.accounts;
  const customer = accounts.get(customerId);
  if (!customer) return adsFailure(400, [adsError('authenticationError', 'CUSTOMER_NOT_FOUND', 'No customer found for the provided customer id.')], version, requestId);
  const granted = call.token.grant.accountIds;
  const login = header(req, 'login-customer-id');
  if (login !== undefined) {
    if (!/^\d{10}$/.test(login)) {
      return adsFailure(400, [adsError('headerError', 'INVALID_LOGIN_CUSTOMER_ID', 'The login customer ID could not be validated.', { trigger: { stringValue: login } })], version, requestId);
    }
    const allowed = granted.includes(login) && (login === customerId || customer.managerId === login);
    if (!allowed) return denied(call, customerId);
  } else if (!granted.includes(customerId)) {
    return denied(call, customerId);
  }
  const outcome = faultOutcome(ctx.sim.faults.take('google', customerId), (f) => renderGoogleFault(f, version, requestId), () => ctx.oauth.google.revokeAll(customerId));
  if (outcome && 'respond' in outcome) return outcome.respond;
  if (outcome) call.delayMs += outcome.delayMs;
  return customer;
}

/** Sliding 24 h operation counter per developer (Explorer 2,880 / Basic 15,000). */
export function createOperationQuota(limit: () => number, now: () => number): { spend(ops: number): number | null; reset(): void } {
  let log: Array<{ at: number; ops: number }> = [];
  return {
    /** Records `ops`; returns the retry delay in seconds when the window is full. */
    spend(ops) {
      const t = now();
      log = log.filter((e) => e.at > t - 86_400_000);
      const used = log.reduce((s, e) => s + e.ops, 0);
      if (used + ops > limit()) return Math.max(1, Math.ceil(((log[0]?.at ?? t) + 86_400_000 - t) / 1000));
      log.push({ at: t, ops });
      return null;
    },
    reset() {
      log = [];
    },
  };
}

export function quotaExceeded(call: GoogleCall, retrySeconds: number): SandboxResponse {
  return adsFailure(429, [adsError('quotaError', 'RESOURCE_EXHAUSTED', `Too many requests. Retry in ${retrySeconds} seconds.`, {
    details: { quotaErrorDetails: { rateScope: 'DEVELOPER', rateName: 'Number of operations for basic access', retryDelay: `${retrySeconds}s` } },
  })], call.version, call.requestId, 'Resource has been exhausted (e.g. check quota).');
}
