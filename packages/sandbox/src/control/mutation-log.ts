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

/** The objects of one account (or of every account when `account` is null), field by field. */
function snapshot(world: PlatformWorld, now: number, account: string | null): Snapshot {
  const out: Snapshot = new Map();
  const mine = (o: { accountId: string }) => account === null || o.accountId === account;
  for (const c of world.campaigns.values()) if (mine(c)) out.set(`campaign|${c.id}`, { account: c.accountId, level: 'campaign', id: c.id, fields: campaignFields(world, c, now) });
  for (const g of world.adGroups.values()) if (mine(g)) out.set(`ad_group|${g.id}`, { account: g.accountId, level: 'ad_group', id: g.id, fields: adGroupFields(world, g, now) });
  for (const a of world.ads.values()) if (mine(a)) out.set(`ad|${a.id}`, { account: a.accountId, level: 'ad', id: a.id, fields: adFields(a) });
  return out;
}

/**
 * The one account a request can change, so only its objects are compared: Google's `customers/{id}`,
 * Meta's `act_{id}` or the owner of the object in the path, TikTok's `advertiser_id`. Null (every
 * account) when the request does not say, e.g. a Meta batch.
 */
function accountOf(world: PlatformWorld, req: SandboxRequest): string | null {
  if (world.platform === 'google') return /\/customers\/(\d+)\//.exec(req.path)?.[1] ?? null;
  if (world.platform === 'tiktok') {
    const id: unknown = req.json && typeof req.json === 'object' ? Reflect.get(req.json, 'advertiser_id') : undefined;
    return typeof id === 'string' || typeof id === 'number' ? String(id) : null;
  }
  const act = /\/act_(\d+)/.exec(req.path)?.[1];
  if (act) return act;
  const id = /^(?:\/v\d+\.0)?\/(\d+)/.exec(req.path)?.[1] ?? '';
  return (world.campaigns.get(id) ?? world.adGroups.get(id) ?? world.ads.get(id))?.accountId ?? null;
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
      const world = () => ctx.sim.world().platforms[platform];
      const account = accountOf(world(), req);
      const before = snapshot(world(), ctx.sim.clock.now(), account);
      const response = await handle(req);
      // After the request, read at the clock's time after it: a running (real-time) clock has moved on
      // while the handler ran, and a budget it set from its own `now` only shows from that moment.
      const after = ctx.sim.clock.now();
      ctx.mutations.record(platform, before, snapshot(world(), after, account), after, `${req.method} ${req.path}`);
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
