import type { LiveEvent } from '@adloop/contracts';

export type { LiveEvent };

/** Receives the events of one organisation, in this process. */
export type LiveListener = (event: LiveEvent) => void;

/**
 * The live-update fan-out. `publish` reaches every subscriber of the organisation in every API
 * process (PostgreSQL NOTIFY on a server, in-process in embedded mode); it never throws and never
 * waits for subscribers. Publish after the transaction that made the change commits.
 */
export interface LiveBus {
  publish(orgId: string, event: LiveEvent): Promise<void>;
  /** Several events of one organisation at once, in order (one statement on PostgreSQL); never throws. */
  publishMany(orgId: string, events: readonly LiveEvent[]): Promise<void>;
  /**
   * Adds a subscriber; resolves with its unsubscribe once this process listens (the first
   * subscriber starts listening; if that fails it keeps retrying in the background).
   */
  subscribe(orgId: string, listener: LiveListener): Promise<() => void>;
  close(): Promise<void>;
}
