/**
 * Live-update events (`GET /orgs/:orgId/events`, Server-Sent Events). Each is a hint telling the
 * client what to read again, never the data itself: an event carries ids and states only, so
 * nothing in it is more than a member of the organisation could read through the API.
 * Plain types (no Zod) so the web bundle can share them.
 */
export type LiveEvent =
  | { type: 'sync'; adAccountId: string; state: 'running' | 'succeeded' | 'failed' }
  | { type: 'change'; changeId: string; campaignId: string; status: 'proposed' | 'pending' | 'applied' | 'failed' | 'conflict' | 'undone' | 'rejected' | 'expired' | 'stopped' }
  | { type: 'notification' }
  /** The approval inbox moved: a proposal arrived, was decided, expired or was stopped. */
  | { type: 'proposal' }
  /**
   * Rules changed (created, edited, switched, deleted) or finished a run: their list, the rules and
   * their history are read again. `ruleIds`: the rules (at most 100; empty when more moved at once).
   */
  | { type: 'rule'; ruleIds: string[] };

export type LiveEventType = LiveEvent['type'];

export const LIVE_EVENT_TYPES: readonly LiveEventType[] = ['sync', 'change', 'notification', 'proposal', 'rule'];
