import { INJECTABLE_STATUSES, STREAM_ERROR, type LlmFault, type LlmWireFormat } from './llm-settings.ts';
import type { LlmSandboxState } from './llm-state.ts';

/**
 * The failure this request answers with, if any: an `x-sandbox-fault: <status|stream_error>`
 * request header wins, else the next failure queued through `POST /sandbox/faults`.
 */
export function takeFault(state: LlmSandboxState, format: LlmWireFormat, requested: string | undefined): LlmFault | null {
  if (requested === STREAM_ERROR) return STREAM_ERROR;
  const fromHeader = Number(requested);
  if (requested && INJECTABLE_STATUSES[format].includes(fromHeader)) return fromHeader;
  return state.faults[format].shift() ?? null;
}
