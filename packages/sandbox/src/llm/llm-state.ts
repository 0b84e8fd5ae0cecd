import { DEFAULT_LLM_SETTINGS, type LlmFault, type LlmSandboxSettings, type LlmWireFormat } from './llm-settings.ts';

/** The LLM sandbox's run-time state: settings, queued faults and call counts per wire format. */
export interface LlmSandboxState {
  seed: number;
  settings: LlmSandboxSettings;
  /** Failures the next calls answer with, first in first out. */
  faults: Record<LlmWireFormat, LlmFault[]>;
  /** Requests received per wire format (every attempt, faults included). */
  calls: Record<LlmWireFormat, number>;
  nextId: number;
}

export function createLlmState(seed: number, settings: Partial<LlmSandboxSettings> = {}): LlmSandboxState {
  return { seed, settings: { ...DEFAULT_LLM_SETTINGS, ...settings }, faults: { openai: [], anthropic: [] }, calls: { openai: 0, anthropic: 0 }, nextId: 1 };
}

/** A request id in the provider's style, unique within this sandbox. */
export function nextRequestId(state: LlmSandboxState, prefix: string): string {
  const n = state.nextId++;
  return `${prefix}${state.seed.toString(36)}${n.toString(36).padStart(8, '0')}`;
}
