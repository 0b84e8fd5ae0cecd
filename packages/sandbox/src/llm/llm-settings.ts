/** How the LLM sandbox behaves; changeable at run time through `POST /sandbox/settings`. */
export interface LlmSandboxSettings {
  /** Share of answers (0–1) whose copy breaks a platform rule (too long, claim, "!!!", capitals, trademark). */
  ruleBreakRate: number;
  /** Share of structured answers (0–1) that are not valid JSON or do not match the schema. */
  malformedRate: number;
  /** The `retry-after` (seconds) sent with injected 429s; keep it small, the clients wait as told. */
  retryAfterSeconds: number;
}

export const DEFAULT_LLM_SETTINGS: LlmSandboxSettings = { ruleBreakRate: 0.05, malformedRate: 0.02, retryAfterSeconds: 1 };

export type LlmWireFormat = 'openai' | 'anthropic';

/** Statuses the control endpoint and the `x-sandbox-fault` header can inject, per wire format. */
export const INJECTABLE_STATUSES: Record<LlmWireFormat, readonly number[]> = { openai: [401, 429, 500, 503], anthropic: [401, 429, 500, 529] };

/** A fault that breaks a streamed answer after its first piece (an error event after the 200); other calls get a 500. */
export const STREAM_ERROR = 'stream_error';

/** An HTTP status to answer with, or a stream broken midway. */
export type LlmFault = number | typeof STREAM_ERROR;

/** Keys the sandbox accepts; any other key gets the provider's real 401. */
export const SANDBOX_KEY_PREFIX: Record<LlmWireFormat, string> = { openai: 'sk-sandbox', anthropic: 'sk-ant-sandbox' };

export function isSandboxKey(format: LlmWireFormat, key: string | undefined): boolean {
  return typeof key === 'string' && key.startsWith(SANDBOX_KEY_PREFIX[format]);
}
