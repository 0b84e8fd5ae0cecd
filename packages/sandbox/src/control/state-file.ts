import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SandboxContext } from '../sandbox-context.ts';
import type { TokenRecord } from '../oauth/oauth-store.ts';
import { PLATFORM_IDS, type PlatformId, type World } from '../simulator/world.types.ts';

const FORMAT = 1;

interface SavedState {
  format: number;
  seed: number;
  savedAt: number;
  world: World;
  tokens: Record<PlatformId, TokenRecord[]>;
}

/** JSON has no Map: a Map is written as `{ "$map": [[key, value], …] }`. */
function replacer(_key: string, value: unknown): unknown {
  return value instanceof Map ? { $map: [...value.entries()] } : value;
}

function reviver(_key: string, value: unknown): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 1 && '$map' in value) {
    return new Map((value as { $map: Array<[unknown, unknown]> }).$map);
  }
  return value;
}

export function serializeState(ctx: SandboxContext, now: number): string {
  const state: SavedState = {
    format: FORMAT,
    seed: ctx.sim.seed,
    savedAt: now,
    world: ctx.sim.world(),
    tokens: { google: ctx.oauth.google.exportTokens(), meta: ctx.oauth.meta.exportTokens(), tiktok: ctx.oauth.tiktok.exportTokens() },
  };
  return JSON.stringify(state, replacer);
}

/**
 * What loading a state file did: `restored`, `fresh` (no file, or a file of another seed or
 * format: the world is seeded anew) or `unreadable` (the file was moved aside to `<file>.unreadable`).
 */
export type LoadOutcome = 'restored' | 'fresh' | 'unreadable';

export function loadState(ctx: SandboxContext, file: string): LoadOutcome {
  if (!existsSync(file)) return 'fresh';
  let state: SavedState;
  try {
    state = JSON.parse(readFileSync(file, 'utf8'), reviver) as SavedState;
    if (!state || typeof state !== 'object' || !state.world || !state.tokens) throw new Error('not a sandbox state file');
  } catch {
    renameSync(file, `${file}.unreadable`);
    return 'unreadable';
  }
  if (state.format !== FORMAT || state.seed !== ctx.sim.seed) return 'fresh';
  ctx.sim.restore(state.world);
  for (const platform of PLATFORM_IDS) ctx.oauth[platform].importTokens(state.tokens[platform] ?? []);
  return 'restored';
}

/**
 * Keeps the sandbox's platforms across restarts: the world (campaigns, budgets and statuses as the
 * APIs changed them, created objects) and the tokens issued, so connections made before a restart
 * keep working. Written when it changed, every `intervalMs`, and on `close`; atomically (temp file
 * and rename), so a crash leaves the previous state.
 */
export function keepState(ctx: SandboxContext, file: string, intervalMs = 5_000): { outcome: LoadOutcome; save(): void; close(): void } {
  const outcome = loadState(ctx, file);
  let last = '';
  const save = () => {
    const text = serializeState(ctx, ctx.sim.clock.now());
    // savedAt changes every time; compare what follows it.
    const body = text.replace(/"savedAt":\d+,/, '');
    if (body === last) return;
    mkdirSync(dirname(file), { recursive: true });
    const temp = `${file}.tmp`;
    writeFileSync(temp, text, { mode: 0o600 });
    renameSync(temp, file);
    last = body;
  };
  const timer = setInterval(() => {
    try {
      save();
    } catch {
      // A full disk or a vanished folder must not stop the platforms; the next round tries again.
    }
  }, intervalMs);
  timer.unref();
  return {
    outcome,
    save,
    close() {
      clearInterval(timer);
      save();
    },
  };
}
