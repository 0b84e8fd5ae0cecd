import type { SandboxResponse } from '../../http/http.types.ts';
import type { Fault } from '../../simulator/faults.ts';
import { adsError, adsFailure, plainStatus, unauthenticated } from './google-errors.ts';

/** Google's answer to an injected fault (google.rpc.Status with Ads details where the real one has them). */
export function renderGoogleFault(fault: Fault, version: string, requestId: string): SandboxResponse {
  switch (fault.kind) {
    case 'rate_limit':
    case 'quota_exhausted': {
      const code = fault.kind === 'rate_limit' ? 'RESOURCE_TEMPORARILY_EXHAUSTED' : 'RESOURCE_EXHAUSTED';
      const scope = fault.kind === 'rate_limit' ? 'ACCOUNT' : 'DEVELOPER';
      const error = adsError('quotaError', code, `Too many requests. Retry in ${fault.retryAfterSeconds} seconds.`, {
        details: { quotaErrorDetails: { rateScope: scope, rateName: 'Number of operations for basic access', retryDelay: `${fault.retryAfterSeconds}s` } },
      });
      return adsFailure(429, [error], version, requestId, 'Resource has been exhausted (e.g. check quota).');
    }
    case 'server_error':
      return adsFailure(500, [adsError('internalError', 'INTERNAL_ERROR', 'An internal error has occurred.')], version, requestId, 'Internal error encountered.');
    case 'unavailable':
    case 'platform_down':
      return plainStatus(503, 'The service is currently unavailable.');
    default:
      return unauthenticated();
  }
}
