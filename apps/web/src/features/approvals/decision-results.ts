import type { CampaignChange } from '../../lib/types.ts';

/** One proposal's outcome after Approve or Reject, shown on its row. */
export interface DecisionResult {
  changeId: string;
  ok: boolean;
  /** The decided change, when the server sent it back. */
  change?: CampaignChange;
  /** Why it was refused (stale, a guardrail, no longer waiting), in the server's words. */
  message?: string;
  /** The refusal's code: a `guardrail_refused` one may be confirmed past by a person when soft. */
  code?: string;
  /** The refusal's details (for a guardrail: which, soft or hard, and its numbers). */
  details?: unknown;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * The decision endpoints answer one result per proposal (`results: [{ changeId, ok | outcome,
 * change?, error? }]`) or the decided changes (`items`). Parse boundary: read defensively and name
 * every asked id, so a row never waits for an answer that is not coming.
 */
export function toDecisionResults(body: unknown, ids: readonly string[], goal: 'approved' | 'rejected'): DecisionResult[] {
  const byId = new Map<string, DecisionResult>();
  const list = isRecord(body) ? (Array.isArray(body.results) ? body.results : Array.isArray(body.items) ? body.items : []) : [];
  for (const entry of list) {
    if (!isRecord(entry)) continue;
    if (typeof entry.changeId === 'string') {
      const error = isRecord(entry.error) ? entry.error : undefined;
      const ok = entry.ok === true || entry.outcome === goal || entry.outcome === 'ok' || (entry.ok === undefined && entry.outcome === undefined && !error);
      const change = isRecord(entry.change) ? (entry.change as unknown as CampaignChange) : undefined;
      // The API's hint for scripts ("send again with confirm: [...]") is said by a button here instead.
      const message = (text(error?.message) ?? text(entry.message))?.replace(/\s*\(send again with confirm:[^)]*\)\s*$/, '');
      const code = text(error?.code) ?? text(entry.code);
      const details = error?.details;
      byId.set(entry.changeId, { changeId: entry.changeId, ok, ...(change ? { change } : {}), ...(message ? { message } : {}), ...(code ? { code } : {}), ...(details !== undefined ? { details } : {}) });
    } else if (typeof entry.id === 'string' && typeof entry.state === 'string') {
      const change = entry as unknown as CampaignChange;
      byId.set(change.id, { changeId: change.id, ok: change.state !== 'proposed', change });
    }
  }
  return ids.map((id) => byId.get(id) ?? { changeId: id, ok: false, message: 'The server did not say what became of this proposal. Reload to see it.' });
}
