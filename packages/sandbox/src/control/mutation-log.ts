import type { SandboxRequest, SandboxResponse } from '../http/http.types.ts';
import type { SandboxContext } from '../sandbox-context.ts';
import type { JsonValue, PlatformId, PlatformWorld } from '../simulator/world.types.ts';
import { adFields, adGroupFields, campaignFields, type EntityFields, type MutationLevel } from './mutation-fields.ts';

/** One field of one object changed by one platform API request. */
export interface Mutation {
  /** Increasing from 1 per sandbox run (reset clears the log). */
  seq: number;
  /** Simulated time of the request, ISO 8601. */
  at: string;
  platform: PlatformId;
  account: string;
  level: MutationLevel;
  id: string;
  /** name, status, daily_budget, lifetime_budget, bid, bid_strategy, target_roas; `created` for a new object (old null, new its name). */
  field: string;
  old: JsonValue;
  new: JsonValue;
  /** The request that applied it: method and path. */
  request: string;
}

export interface MutationLog {
  list(filter: { platform?: PlatformId | null; account?: string | null; since?: number }): Mutation[];
  clear(): void;
}

interface Entry { account: string; level: MutationLevel; id: string; fields: EntityFields }
type Snapshot = Map<string, Entry>;

function snapshot(world: PlatformWorld, now: number): Snapshot {
  const out: Snapshot = new Map();
  for (const c of world.campaigns.values()) out.set(`campaign|${c.id}`, { account: c.accountId, level: 'campaign', id: c.id, fields: campaignFields(world, c, now) });
  for (const g of world.adGroups.values()) out.set(`ad_group|${g.id}`, { account: g.accountId, level: 'ad_group', id: g.id, fields: adGroupFields(world, g, now) });
  for (const a of world.ads.values()) out.set(`ad|${a.id}`, { account: a.accountId, level: 'ad', id: a.id, fields: adFields(a) });
  return out;
}

/** Paths that only read (reports, searches, uploads of library files, OAuth): never diffed. */
const READ_ONLY = /googleAds:search|\/insights$|\/report\/|\/oauth|\/file\/|adimages$|\/token$|\/revoke$|dialog\//;

/**
 * Wraps a platform API so every request that can change objects is diffed: the platform's objects
 * before and after, field by field. Mutating requests run one at a time (their handlers are
 * synchronous, so this costs nothing but keeps two requests' changes apart).
 */
export function withMutationLog(ctx: SandboxContext, platform: PlatformId, handle: (req: SandboxRequest) => Promise<SandboxResponse>): (req: SandboxRequest) => Promise<SandboxResponse> {
  let queue: Promise<unknown> = Promise.resolve();
  return (req) => {
    if (req.method === 'GET' || req.method === 'HEAD' || READ_ONLY.test(req.path)) return handle(req);
    const run = async (): Promise<SandboxResponse> => {
      const now = ctx.sim.clock.now();
      const world = () => ctx.sim.world().platforms[platform];
      const before = snapshot(world(), now);
      const response = await handle(req);
      ctx.mutations.record(platform, before, snapshot(world(), now), now, `${req.method} ${req.path}`);
      return response;
    };
    const result = queue.then(run, run);
    queue = result.catch(() => undefined);
    return result;
  };
}

export interface MutationRecorder extends MutationLog {
  record(platform: PlatformId, before: Snapshot, after: Snapshot, now: number, request: string): void;
}

export function createMutationLog(): MutationRecorder {
  let entries: Mutation[] = [];
  const push = (m: Omit<Mutation, 'seq'>) => entries.push({ seq: entries.length + 1, ...m });
  return {
    record(platform, before, after, now, request) {
      const at = new Date(now).toISOString();
      for (const [key, entry] of after) {
        const old = before.get(key);
        const base = { at, platform, account: entry.account, level: entry.level, id: entry.id, request };
        if (!old) {
          push({ ...base, field: 'created', old: null, new: String(entry.fields.name ?? '') });
          continue;
        }
        for (const field of new Set([...Object.keys(old.fields), ...Object.keys(entry.fields)])) {
          const was = old.fields[field] ?? null;
          const is = entry.fields[field] ?? null;
          if (JSON.stringify(was) !== JSON.stringify(is)) push({ ...base, field, old: was, new: is });
        }
      }
    },
    list({ platform, account, since }) {
      return entries.filter((m) => (!platform || m.platform === platform) && (!account || m.account === account) && (since === undefined || m.seq > since));
    },
    clear() {
      entries = [];
    },
  };
}
