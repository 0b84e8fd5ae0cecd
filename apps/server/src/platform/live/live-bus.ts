import { listenOnPostgres, type DbHandle, type PgListener } from '@adloop/db';
import type { LiveEvent } from '@adloop/contracts';
import type { Logger } from '../logger.ts';
import type { LiveBus, LiveListener } from './live.types.ts';

export const LIVE_CHANNEL = 'adloop_live';
/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more. */
const MAX_PAYLOAD_BYTES = 7900;
const RECONNECT_MIN_MS = 250;
const RECONNECT_MAX_MS = 15_000;

interface Envelope {
  orgId: string;
  event: LiveEvent;
}

/** Local subscribers by organisation: the part every transport shares. */
function createDispatcher(logger: Logger) {
  const byOrg = new Map<string, Set<LiveListener>>();
  return {
    add(orgId: string, listener: LiveListener): () => void {
      const set = byOrg.get(orgId) ?? new Set();
      set.add(listener);
      byOrg.set(orgId, set);
      return () => {
        set.delete(listener);
        if (set.size === 0 && byOrg.get(orgId) === set) byOrg.delete(orgId);
      };
    },
    dispatch({ orgId, event }: Envelope): void {
      for (const listener of byOrg.get(orgId) ?? []) {
        try {
          listener(event);
        } catch (error) {
          logger.error({ err: error, orgId }, 'live listener failed');
        }
      }
    },
    clear: () => byOrg.clear(),
  };
}

function parseEnvelope(payload: string): Envelope | null {
  try {
    const value = JSON.parse(payload) as Partial<Envelope>;
    return typeof value.orgId === 'string' && value.event && typeof value.event.type === 'string' ? (value as Envelope) : null;
  } catch {
    return null;
  }
}

/**
 * Embedded mode is one process: events go straight to the local subscribers (on the next tick,
 * so a publisher never runs a subscriber's code).
 */
export function createLocalLiveBus(logger: Logger): LiveBus {
  const dispatcher = createDispatcher(logger);
  return {
    async publish(orgId, event) {
      queueMicrotask(() => dispatcher.dispatch({ orgId, event }));
    },
    async publishMany(orgId, events) {
      for (const event of events) queueMicrotask(() => dispatcher.dispatch({ orgId, event }));
    },
    subscribe: async (orgId, listener) => dispatcher.add(orgId, listener),
    async close() {
      dispatcher.clear();
    },
  };
}

/**
 * On a PostgreSQL server: `pg_notify('adloop_live', …)` from any process (API or worker), and one
 * dedicated LISTEN connection per process that has subscribers, reconnected with capped
 * exponential backoff when it drops. Events published while it is down are lost; clients still
 * poll slowly, so they catch up.
 */
export function createPostgresLiveBus(dbHandle: DbHandle, url: string, logger: Logger): LiveBus {
  const dispatcher = createDispatcher(logger);
  let listener: PgListener | null = null;
  let starting: Promise<void> | null = null;
  let retryTimer: NodeJS.Timeout | null = null;
  let failures = 0;
  let closed = false;

  const scheduleReconnect = () => {
    if (closed || retryTimer) return;
    const delay = Math.min(RECONNECT_MAX_MS, RECONNECT_MIN_MS * 2 ** failures) * (0.5 + Math.random() / 2);
    failures++;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void start();
    }, delay);
    retryTimer.unref();
  };

  const start = (): Promise<void> => {
    if (closed || listener) return Promise.resolve();
    starting ??= listenOnPostgres(url, LIVE_CHANNEL, {
      onNotify: (payload) => {
        const envelope = parseEnvelope(payload);
        if (envelope) dispatcher.dispatch(envelope);
      },
      onEnd: (error) => {
        logger.warn({ err: error }, 'live updates: LISTEN connection lost, reconnecting');
        listener = null;
        scheduleReconnect();
      },
    })
      .then(async (opened) => {
        if (closed) return opened.close();
        listener = opened;
        failures = 0;
      })
      .catch((error: unknown) => {
        logger.warn({ err: error }, 'live updates: cannot LISTEN, retrying');
        scheduleReconnect();
      })
      .finally(() => {
        starting = null;
      });
    return starting;
  };

  return {
    async publish(orgId, event) {
      try {
        const payload = JSON.stringify({ orgId, event } satisfies Envelope);
        if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES) throw new Error(`live event too large (${Buffer.byteLength(payload)} bytes)`);
        await dbHandle.sql.query('SELECT pg_notify($1, $2)', [LIVE_CHANNEL, payload]);
      } catch (error) {
        logger.error({ err: error, orgId, type: event.type }, 'live update not published');
      }
    },
    async publishMany(orgId, events) {
      const payloads: string[] = [];
      for (const event of events) {
        const payload = JSON.stringify({ orgId, event } satisfies Envelope);
        if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES) logger.error({ orgId, type: event.type }, `live update not published: too large (${Buffer.byteLength(payload)} bytes)`);
        else payloads.push(payload);
      }
      try {
        // One statement per thousand (unnest keeps the order; NOTIFYs arrive in the order sent).
        for (let i = 0; i < payloads.length; i += 1000) {
          await dbHandle.sql.query('SELECT pg_notify($1, p) FROM unnest($2::text[]) AS p', [LIVE_CHANNEL, payloads.slice(i, i + 1000)]);
        }
      } catch (error) {
        logger.error({ err: error, orgId }, 'live updates not published');
      }
    },
    async subscribe(orgId, onEvent) {
      const unsubscribe = dispatcher.add(orgId, onEvent);
      await start();
      return unsubscribe;
    },
    async close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      await starting;
      await listener?.close();
      listener = null;
      dispatcher.clear();
    },
  };
}

/** The fan-out this process uses: PostgreSQL LISTEN/NOTIFY on a server, in-process when embedded. */
export function createLiveBus(dbHandle: DbHandle, logger: Logger): LiveBus {
  return dbHandle.url ? createPostgresLiveBus(dbHandle, dbHandle.url, logger) : createLocalLiveBus(logger);
}
