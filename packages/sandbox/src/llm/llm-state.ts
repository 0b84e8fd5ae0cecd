import { DEFAULT_LLM_SETTINGS, type LlmFault, type LlmSandboxSettings, type LlmWireFormat } from './llm-settings.ts';

/** The LLM sandbox's run-time state: settings, queued faults and call counts per wire format. */
export interface LlmSandboxState {
  seed: number;
  settings: LlmSandboxSettings;
  /** Failures the next calls answer with, first in first out. */
  faults: Record<LlmWireFormat, LlmFault[]>;
  /** Requests received per wire format (every attempt, faults included). */
  calls: Record<LlmWireFormat, number>;
  /** Outcomes (`rule_break:too_long`, `malformed`, `clean`…) the next answers are made to be, first in first out, either wire format. */
  copyOutcomes: string[];
  nextId: number;
}

export function createLlmState(seed: number, settings: Partial<LlmSandboxSettings> = {}): LlmSandboxState {
  return { seed, settings: { ...DEFAULT_LLM_SETTINGS, ...settings }, faults: { openai: [], anthropic: [] }, calls: { openai: 0, anthropic: 0 }, copyOutcomes: [], nextId: 1 };
}

/** A request id in the provider's style, unique within this sandbox. */
export function nextRequestId(state: LlmSandboxState, prefix: string): string {
  const n = state.nextId++;
  return `${prefix}${state.seed.toString(36)}${n.toString(36).padStart(8, '0')}`;
}

/** The outcome this answer is made to be: the request's `x-sandbox-copy` header, else the next queued one (taken). */
export function takeCopyOutcome(state: LlmSandboxState, header: string | undefined): string | undefined {
  return header ?? state.copyOutcomes.shift();
}
