import { json, type SandboxRequest, type SandboxResponse } from '../http/http.types.ts';
import { isObject, parseForcedOutcome } from './llm-completion.ts';
import { INJECTABLE_STATUSES, STREAM_ERROR, type LlmFault, type LlmSandboxSettings, type LlmWireFormat } from './llm-settings.ts';
import type { LlmSandboxState } from './llm-state.ts';

const bad = (field: string, message: string): SandboxResponse => json(400, { error: { field, message } });

export function llmStateView(state: LlmSandboxState) {
  return { settings: state.settings, faults: state.faults, calls: state.calls, copyOutcomes: state.copyOutcomes };
}

/** `POST /sandbox/settings`: changes the rates and the 429 wait; each field optional. */
export function updateSettings(state: LlmSandboxState, req: SandboxRequest): SandboxResponse {
  const body = isObject(req.json) ? req.json : {};
  const next: LlmSandboxSettings = { ...state.settings };
  for (const field of ['ruleBreakRate', 'malformedRate'] as const) {
    const value = body[field];
    if (value === undefined) continue;
    if (typeof value !== 'number' || value < 0 || value > 1) return bad(field, `${field} must be a number from 0 to 1`);
    next[field] = value;
  }
  if (next.ruleBreakRate + next.malformedRate > 1) return bad('ruleBreakRate', 'ruleBreakRate + malformedRate must not exceed 1');
  const wait = body.retryAfterSeconds;
  if (wait !== undefined) {
    if (typeof wait !== 'number' || !Number.isInteger(wait) || wait < 0 || wait > 60) return bad('retryAfterSeconds', 'retryAfterSeconds must be a whole number from 0 to 60');
    next.retryAfterSeconds = wait;
  }
  state.settings = next;
  return json(200, llmStateView(state));
}

/** `POST /sandbox/faults {format, status, count?}`: the next `count` calls in that wire format answer `status` (or break mid-stream: `stream_error`). */
export function queueFaults(state: LlmSandboxState, req: SandboxRequest): SandboxResponse {
  const body = isObject(req.json) ? req.json : {};
  const format = body.format;
  if (format !== 'openai' && format !== 'anthropic') return bad('format', "format must be 'openai' or 'anthropic'");
  const wire: LlmWireFormat = format;
  const status = body.status;
  const isStatus = typeof status === 'number' && INJECTABLE_STATUSES[wire].includes(status);
  if (!isStatus && status !== STREAM_ERROR) return bad('status', `status must be one of ${INJECTABLE_STATUSES[wire].join(', ')} or '${STREAM_ERROR}'`);
  const count = body.count ?? 1;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > 1000) return bad('count', 'count must be a whole number from 1 to 1000');
  const fault: LlmFault = status === STREAM_ERROR ? STREAM_ERROR : Number(status);
  for (let i = 0; i < count; i++) state.faults[wire].push(fault);
  return json(200, llmStateView(state));
}

/**
 * `POST /sandbox/copy {outcome, count?}`: the next `count` answers (either wire format) are made `outcome`, as the
 * `x-sandbox-copy` header would make one: `clean`, `rule_break[:kind]` or `malformed[:kind]`. For callers that
 * cannot set the header on the product's requests (a browser journey).
 */
export function queueCopyOutcomes(state: LlmSandboxState, req: SandboxRequest): SandboxResponse {
  const body = isObject(req.json) ? req.json : {};
  const outcome = body.outcome;
  if (typeof outcome !== 'string' || parseForcedOutcome(outcome) === null) return bad('outcome', "outcome must be 'clean', 'rule_break[:kind]' or 'malformed[:kind]'");
  const count = body.count ?? 1;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > 1000) return bad('count', 'count must be a whole number from 1 to 1000');
  for (let i = 0; i < count; i++) state.copyOutcomes.push(outcome);
  return json(200, llmStateView(state));
}

export function clearFaults(state: LlmSandboxState): SandboxResponse {
  state.faults = { openai: [], anthropic: [] };
  state.copyOutcomes = [];
  return json(200, llmStateView(state));
}
