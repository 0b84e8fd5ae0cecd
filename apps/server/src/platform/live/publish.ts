import type { LiveBus, LiveEvent } from './live.types.ts';

/**
 * Tells the organisation's open event streams what changed. Call it after the transaction that
 * made the change commits; it never throws (a lost hint only delays a refresh: clients still poll).
 */
export function publish(ctx: { live: LiveBus }, orgId: string, event: LiveEvent): Promise<void> {
  return ctx.live.publish(orgId, event);
}

/** Several events of one organisation after one commit (a batch of changes): one statement on PostgreSQL. */
export function publishMany(ctx: { live: LiveBus }, orgId: string, events: readonly LiveEvent[]): Promise<void> {
  return events.length === 0 ? Promise.resolve() : ctx.live.publishMany(orgId, events);
}
