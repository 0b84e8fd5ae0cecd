import { uniform } from './prng.ts';
import type { PlatformId } from './world.types.ts';

export type FaultKind =
  | 'rate_limit' | 'quota_exhausted' | 'server_error' | 'unavailable' | 'slow' | 'timeout'
  | 'token_expired' | 'token_revoked' | 'platform_down';
export const FAULT_KINDS: readonly FaultKind[] = [
  'rate_limit', 'quota_exhausted', 'server_error', 'unavailable', 'slow', 'timeout', 'token_expired', 'token_revoked', 'platform_down',
];

/** An injected failure: each platform answers it in its own wire format. */
export interface Fault {
  id: string;
  platform: PlatformId;
  /** null = every request to the platform; otherwise only requests about this account. */
  accountId: string | null;
  kind: FaultKind;
  /** Requests still to fail; null = until removed or `until`. */
  remaining: number | null;
  /** Simulated instant after which the fault lapses; null = never. */
  until: number | null;
  /** Retry hint returned with rate limits (seconds). */
  retryAfterSeconds: number;
  /** Delay for `slow` (then answer normally) and `timeout` (then drop the connection), ms. */
  delayMs: number;
  /** Optional platform error code to use instead of the default for the kind (e.g. Meta 613, TikTok 50002). */
  code: number | null;
  /** Share of matching requests that fail (1 = every one); drawn deterministically per fault and request. */
  probability: number;
  /** Requests this fault has been checked against, and how many it failed. */
  seen: number;
  fired: number;
}

export type FaultInput = Partial<Omit<Fault, 'id' | 'platform' | 'kind' | 'seen' | 'fired'>> & { platform: PlatformId; kind: FaultKind };

export interface FaultRegistry {
  add(input: FaultInput): Fault;
  list(): Fault[];
  remove(id: string): boolean;
  clear(): void;
  /**
   * The fault that applies to this request, consuming one use. With `accountId` undefined only
   * platform-wide faults match; with an account only that account's faults match.
   */
  take(platform: PlatformId, accountId?: string): Fault | null;
}

export function createFaultRegistry(now: () => number): FaultRegistry {
  let faults: Fault[] = [];
  let counter = 0;
  const live = (f: Fault): boolean => f.until === null || now() < f.until;
  return {
    add(input) {
      counter += 1;
      const fault: Fault = {
        id: `fault-${counter}`, platform: input.platform, kind: input.kind, accountId: input.accountId ?? null,
        remaining: input.remaining ?? null, until: input.until ?? null, retryAfterSeconds: input.retryAfterSeconds ?? 30,
        delayMs: input.delayMs ?? (input.kind === 'timeout' ? 30_000 : 1_500), code: input.code ?? null,
        probability: Math.min(1, Math.max(0, input.probability ?? 1)),
        seen: 0,
        fired: 0,
      };
      faults.push(fault);
      return fault;
    },
    list: () => faults.filter(live),
    remove(id) {
      const before = faults.length;
      faults = faults.filter((f) => f.id !== id);
      return faults.length < before;
    },
    clear() {
      faults = [];
    },
    take(platform, accountId) {
      faults = faults.filter(live);
      const fault = faults.find((f) => {
        if (f.platform !== platform || (accountId === undefined ? f.accountId !== null : f.accountId !== accountId)) return false;
        f.seen += 1;
        return f.probability >= 1 || uniform('fault', f.id, f.kind, f.seen) < f.probability;
      });
      if (!fault) return null;
      fault.fired += 1;
      if (fault.remaining !== null) {
        fault.remaining -= 1;
        if (fault.remaining <= 0) faults = faults.filter((f) => f !== fault);
      }
      return fault;
    },
  };
}
