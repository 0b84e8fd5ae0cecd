import { isDay } from '@adloop/engine';
import { json, type SandboxRequest, type SandboxResponse } from '../http/http.types.ts';
import { dispatch, route } from '../http/router.ts';
import { dailyRates } from './fx.ts';
import type { SandboxContext } from '../sandbox-context.ts';
import { FAULT_KINDS, type FaultKind } from '../simulator/faults.ts';
import { DAY_MS, HOUR_MS } from '../simulator/sim-clock.ts';
import { defaultMagnitude } from '../simulator/world-seed.ts';
import { addAnomaly } from '../simulator/world-mutations.ts';
import { ANOMALY_KINDS, PLATFORM_IDS, type AnomalyKind, type PlatformId } from '../simulator/world.types.ts';
import { groundTruth, worldSummary } from './control-views.ts';

const bad = (message: string): SandboxResponse => json(400, { error: { code: 'invalid_request', message } });

function body(req: SandboxRequest): Record<string, unknown> {
  return req.json && typeof req.json === 'object' && !Array.isArray(req.json) ? { ...req.json } : {};
}

function platformOf(value: unknown): PlatformId | null {
  return PLATFORM_IDS.find((p) => p === value) ?? null;
}

function instant(value: unknown, fallback: number): number | null {
  if (value === undefined || value === null) return fallback;
  const t = typeof value === 'number' ? value : Date.parse(String(value));
  return Number.isFinite(t) ? t : null;
}

/** The sandbox-only control API (never part of any real platform). */
export function createControlApi(ctx: SandboxContext): (req: SandboxRequest) => Promise<SandboxResponse> {
  const { sim } = ctx;
  let anomalyCounter = 0;
  const latencies = () => ({ latencyMs: Object.fromEntries(PLATFORM_IDS.map((id) => [id, ctx.settings[id].latencyMs])) });
  const state = (): SandboxResponse => json(200, { now: new Date(sim.clock.now()).toISOString(), clock: sim.clock.mode, seed: sim.seed });
  const routes = [
    route('GET', /^\/control\/state$/, state),
    route('POST', /^\/control\/clock\/advance$/, (req) => {
      const b = body(req);
      const ms = Number(b.hours ?? 0) * HOUR_MS + Number(b.days ?? 0) * DAY_MS + Number(b.ms ?? 0);
      if (b.to !== undefined) {
        const to = instant(b.to, sim.clock.now());
        if (to === null || to < sim.clock.now()) return bad('`to` must be an instant not earlier than now');
        sim.clock.advanceTo(to);
      } else if (!Number.isFinite(ms) || ms < 0) return bad('hours/days/ms must be non-negative numbers');
      else sim.clock.advance(ms);
      return state();
    }),
    route('GET', /^\/control\/accounts$/, (req) => json(200, worldSummary(ctx, platformOf(req.query.get('platform'))))),
    route('GET', /^\/control\/ground-truth$/, (req) => json(200, groundTruth(ctx, platformOf(req.query.get('platform'))))),
    route('POST', /^\/control\/anomalies$/, (req) => {
      const b = body(req);
      const platform = platformOf(b.platform);
      const kind = ANOMALY_KINDS.find((k): k is AnomalyKind => k === b.kind);
      if (!platform || !kind) return bad(`platform must be one of ${PLATFORM_IDS.join(', ')}; kind one of ${ANOMALY_KINDS.join(', ')}`);
      const accountId = String(b.accountId ?? '');
      if (!sim.world().platforms[platform].accounts.has(accountId)) return bad('unknown accountId');
      const start = instant(b.start, sim.clock.now());
      const end = start === null ? null : instant(b.end, start + Number(b.durationHours ?? 24) * HOUR_MS);
      if (start === null || end === null || end <= start) return bad('start/end must be instants with end after start');
      anomalyCounter += 1;
      const anomaly = {
        id: `injected-${anomalyCounter}`, kind, platform, accountId, campaignId: b.campaignId === undefined ? null : String(b.campaignId),
        start, end, magnitude: typeof b.magnitude === 'number' ? b.magnitude : defaultMagnitude(kind), origin: 'injected' as const,
      };
      addAnomaly(sim.world(), anomaly);
      return json(201, { ...anomaly, start: new Date(start).toISOString(), end: new Date(end).toISOString() });
    }),
    // Daily reference exchange rates (ECB style, base EUR) for the product's reporting currency.
    route('GET', /^\/fx\/daily$/, (req) => {
      const date = req.query.get('date') ?? new Date(sim.clock.now()).toISOString().slice(0, 10);
      if (!isDay(date)) return bad('date must be YYYY-MM-DD');
      return json(200, dailyRates(sim.seed, date));
    }),
    // Every object field the platform APIs changed, oldest first; `since` (a seq) gives only later ones.
    route('GET', /^\/control\/mutations$/, (req) => {
      const since = req.query.get('since');
      if (since !== null && !/^\d+$/.test(since)) return bad('since must be a mutation seq');
      const platform = req.query.get('platform');
      if (platform !== null && !platformOf(platform)) return bad(`platform must be one of ${PLATFORM_IDS.join(', ')}`);
      return json(200, { mutations: ctx.mutations.list({ platform: platformOf(platform), account: req.query.get('account'), ...(since === null ? {} : { since: Number(since) }) }) });
    }),
    route('GET', /^\/control\/latency$/, () => json(200, latencies())),
    // Every answer of the named platform (or of all three) comes after this round trip, as from the real APIs.
    route('PUT', /^\/control\/latency$/, (req) => {
      const b = body(req);
      const platform = b.platform === undefined ? null : platformOf(b.platform);
      if (b.platform !== undefined && !platform) return bad(`platform must be one of ${PLATFORM_IDS.join(', ')}, or absent for all three`);
      const ms = b.ms;
      if (typeof ms !== 'number' || !Number.isInteger(ms) || ms < 0 || ms > 60_000) return bad('ms must be a whole number of milliseconds from 0 to 60000');
      for (const id of platform ? [platform] : PLATFORM_IDS) ctx.settings[id].latencyMs = ms;
      return json(200, latencies());
    }),
    route('GET', /^\/control\/faults$/, () => json(200, { faults: sim.faults.list() })),
    route('POST', /^\/control\/faults$/, (req) => {
      const b = body(req);
      const platform = platformOf(b.platform);
      const kind = FAULT_KINDS.find((k): k is FaultKind => k === b.kind);
      if (!platform || !kind) return bad(`platform must be one of ${PLATFORM_IDS.join(', ')}; kind one of ${FAULT_KINDS.join(', ')}`);
      const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
      const seconds = num(b.durationSeconds);
      const fault = sim.faults.add({
        platform, kind, accountId: b.accountId === undefined ? null : String(b.accountId), remaining: num(b.count) ?? null,
        until: seconds === undefined ? null : sim.clock.now() + seconds * 1000, retryAfterSeconds: num(b.retryAfterSeconds),
        delayMs: num(b.delayMs), code: num(b.code) ?? null, probability: num(b.probability),
      });
      return json(201, fault);
    }),
    route('DELETE', /^\/control\/faults$/, () => (sim.faults.clear(), json(200, { cleared: true }))),
    route('DELETE', /^\/control\/faults\/(?<id>[^/]+)$/, (req) => json(sim.faults.remove(req.params.id ?? '') ? 200 : 404, { id: req.params.id })),
    route('POST', /^\/control\/tokens\/revoke$/, (req) => {
      const b = body(req);
      const platform = platformOf(b.platform);
      if (!platform) return bad('platform is required');
      return json(200, { revoked: ctx.oauth[platform].revokeAll(b.accountId === undefined ? undefined : String(b.accountId)) });
    }),
    route('POST', /^\/control\/reset$/, () => {
      sim.reset();
      ctx.resetState();
      return state();
    }),
  ];
  return (req) => dispatch(routes, req, (wrong) => json(wrong ? 405 : 404, { error: { code: wrong ? 'method_not_allowed' : 'not_found', message: req.path } }));
}
