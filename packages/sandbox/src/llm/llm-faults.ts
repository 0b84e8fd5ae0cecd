import { INJECTABLE_STATUSES, type LlmWireFormat } from './llm-settings.ts';
import type { LlmSandboxState } from './llm-state.ts';

/**
 * The failure this request answers with, if any: an `x-sandbox-fault: <status>` request header
 * wins, else the next status queued through `POST /sandbox/faults`.
 */
export function takeFault(state: LlmSandboxState, format: LlmWireFormat, requested: string | undefined): number | null {
  const fromHeader = Number(requested);
  if (requested && INJECTABLE_STATUSES[format].includes(fromHeader)) return fromHeader;
  return state.faults[format].shift() ?? null;
}
