/**
 * A fixed-window counter per key, in this process (the client report page: enough to stop a
 * script hammering a link; each API process counts its own share).
 */
export function createWindowLimiter(options: { limit: number; windowMs: number; maxKeys?: number }) {
  const windows = new Map<string, { start: number; count: number }>();
  const maxKeys = options.maxKeys ?? 10_000;
  return {
    /** Counts a request at `now`; returns 0 when allowed, else the milliseconds until the window ends. */
    hit(key: string, now: number): number {
      let entry = windows.get(key);
      if (!entry || now - entry.start >= options.windowMs) {
        if (!entry && windows.size >= maxKeys) windows.delete(windows.keys().next().value as string);
        entry = { start: now, count: 0 };
        windows.set(key, entry);
      }
      entry.count += 1;
      return entry.count > options.limit ? entry.start + options.windowMs - now : 0;
    },
  };
}
