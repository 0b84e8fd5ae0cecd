import { useCallback, useSyncExternalStore } from 'react';
import type { LiveEvent } from '@adloop/contracts/live';

/**
 * The live-update stream's state, shared by the one `useLiveEvents` of the org layout and the
 * pages that poll: while the stream is open, their polling is only a slow fallback.
 */
export const LIVE_FALLBACK_MS = 20_000;

const listeners = new Set<(event: LiveEvent) => void>();
/** The last events, so a waiter that starts just after its event arrived still sees it. */
const recent: LiveEvent[] = [];
const RECENT_KEPT = 100;
const connectionWatchers = new Set<() => void>();
let connected = false;

export function setLiveConnected(value: boolean): void {
  if (connected === value) return;
  connected = value;
  connectionWatchers.forEach((watch) => watch());
}

export function emitLiveEvent(event: LiveEvent): void {
  recent.push(event);
  if (recent.length > RECENT_KEPT) recent.shift();
  listeners.forEach((listener) => listener(event));
}

export const isLiveConnected = () => connected;

/** True while the organisation's event stream is open. */
export function useLiveConnected(): boolean {
  return useSyncExternalStore(
    (watch) => {
      connectionWatchers.add(watch);
      return () => connectionWatchers.delete(watch);
    },
    isLiveConnected,
    () => false,
  );
}

/** A polling interval that stretches to the fallback while live updates arrive: `interval(2000)`. */
export function usePollInterval(): (ms: number) => number {
  const isLive = useLiveConnected();
  return useCallback((ms: number) => (isLive ? Math.max(ms, LIVE_FALLBACK_MS) : ms), [isLive]);
}

/**
 * Waits `ms` (at least the fallback while the stream is open), or less when a matching event
 * arrives or has just arrived: match on ids, so an old event cannot wake a new waiter.
 */
export function waitForLiveEvent(ms: number, match: (event: LiveEvent) => boolean): Promise<void> {
  if (recent.some(match)) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      listeners.delete(listener);
      resolve();
    };
    const listener = (event: LiveEvent) => {
      if (match(event)) done();
    };
    const timer = setTimeout(done, connected ? Math.max(ms, LIVE_FALLBACK_MS) : ms);
    listeners.add(listener);
  });
}
