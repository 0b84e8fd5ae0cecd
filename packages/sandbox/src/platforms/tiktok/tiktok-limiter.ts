import type { SandboxSettings } from '../../sandbox-options.ts';
import type { SimClock } from '../../simulator/sim-clock.ts';
import { fail, TT, type TikTokFailure } from './tiktok-envelope.ts';

interface Window {
  bucket: number;
  count: number;
}
interface Counters {
  second: Window;
  minute: Window;
  day: Window;
}

const fresh = (): Counters => ({ second: { bucket: -1, count: 0 }, minute: { bucket: -1, count: 0 }, day: { bucket: -1, count: 0 } });

function hit(w: Window, bucket: number): number {
  if (w.bucket !== bucket) {
    w.bucket = bucket;
    w.count = 0;
  }
  w.count += 1;
  return w.count;
}

export interface TikTokLimiter {
  /** Counts one call; returns the throttling error when a QPS/QPM/QPD window is exceeded. */
  check(endpoint: string, advertiserId: string | null): TikTokFailure | null;
  reset(): void;
}

/**
 * Fixed one-second, one-minute and UTC-day windows per endpoint (TikTok limits apps per endpoint)
 * and an optional per-advertiser QPS. Throttling is signalled only in the envelope (40100 /
 * 40133), never with headers or HTTP 429. With a frozen simulated clock the windows still move
 * with wall time, so a client that waits a second is served again; advancing the clock also works.
 */
export function createTikTokLimiter(settings: SandboxSettings['tiktok'], clock: SimClock, wall: () => number = Date.now): TikTokLimiter {
  let perEndpoint = new Map<string, Counters>();
  let perAdvertiser = new Map<string, Window>();
  const simAtStart = clock.now();
  const now = (): number => (clock.mode === 'frozen' ? wall() + (clock.now() - simAtStart) : clock.now());
  return {
    check(endpoint, advertiserId) {
      const t = now();
      const override = settings.endpointLimits[endpoint];
      const limit = {
        qps: Math.min(settings.qps, override?.qps ?? Infinity),
        qpm: Math.min(settings.qpm, override?.qpm ?? Infinity),
        qpd: Math.min(settings.qpd, override?.qpd ?? Infinity),
      };
      let counters = perEndpoint.get(endpoint);
      if (!counters) perEndpoint.set(endpoint, (counters = fresh()));
      const day = hit(counters.day, Math.floor(t / 86_400_000));
      const minute = hit(counters.minute, Math.floor(t / 60_000));
      const second = hit(counters.second, Math.floor(t / 1000));
      if (day > limit.qpd) return fail(TT.APP_RATE_LIMIT, `Requests made too frequently. The daily limit (QPD ${limit.qpd}) of /${endpoint} for this app is used up; it resets at 00:00 UTC.`);
      if (minute > limit.qpm) return fail(TT.APP_RATE_LIMIT, `Requests made too frequently. QPM limit ${limit.qpm} of /${endpoint} exceeded for this app; pause for about 5 minutes.`);
      if (second > limit.qps) return fail(TT.APP_RATE_LIMIT, `Requests made too frequently. QPS limit ${limit.qps} of /${endpoint} exceeded for this app; retry after the current second.`);
      if (advertiserId !== null && settings.advertiserQps > 0) {
        let w = perAdvertiser.get(advertiserId);
        if (!w) perAdvertiser.set(advertiserId, (w = { bucket: -1, count: 0 }));
        if (hit(w, Math.floor(t / 1000)) > settings.advertiserQps) {
          return fail(TT.ADVERTISER_QPS, `Requests made too frequently for advertiser ${advertiserId} (QPS limit ${settings.advertiserQps}); retry after the current second.`);
        }
      }
      return null;
    },
    reset() {
      perEndpoint = new Map();
      perAdvertiser = new Map();
    },
  };
}
