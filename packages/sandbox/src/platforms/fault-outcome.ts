import type { SandboxResponse } from '../http/http.types.ts';
import type { Fault } from '../simulator/faults.ts';

/** How an injected fault changes a request: answer now, or answer normally but late. */
export type FaultOutcome = { respond: SandboxResponse } | { delayMs: number } | null;

/**
 * Applies a fault generically: `slow` delays the real answer, `timeout` drops the connection
 * after the delay, `token_revoked` revokes tokens first; everything else is answered by the
 * platform's own error renderer.
 */
export function faultOutcome(fault: Fault | null, render: (fault: Fault) => SandboxResponse, revokeTokens: (fault: Fault) => void): FaultOutcome {
  if (!fault) return null;
  if (fault.kind === 'slow') return { delayMs: fault.delayMs };
  if (fault.kind === 'timeout') return { respond: { status: 504, drop: true, delayMs: fault.delayMs } };
  if (fault.kind === 'token_revoked') revokeTokens(fault);
  return { respond: render(fault) };
}

export function withDelay(response: SandboxResponse, delayMs: number): SandboxResponse {
  return delayMs > 0 ? { ...response, delayMs: (response.delayMs ?? 0) + delayMs } : response;
}
