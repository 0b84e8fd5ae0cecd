import { createMutationLog, type MutationRecorder } from './control/mutation-log.ts';
import { createOAuthStore, type OAuthStore } from './oauth/oauth-store.ts';
import type { SandboxSettings } from './sandbox-options.ts';
import type { Simulator } from './simulator/simulator.ts';
import type { PlatformId } from './simulator/world.types.ts';

/** What every platform server shares: the simulator, settings, its OAuth store and public base URL. */
export interface SandboxContext {
  sim: Simulator;
  settings: SandboxSettings;
  oauth: Record<PlatformId, OAuthStore>;
  /** Every object field the platform APIs changed (control API `GET /control/mutations`). */
  mutations: MutationRecorder;
  /** Public base URL of a platform server (for links such as Meta's paging.next). */
  baseUrl(platform: PlatformId): string;
  /** Clears tokens and per-platform state (after a simulator reset). */
  resetState(): void;
  /** Hooks platforms register to clear their own state on reset. */
  onReset(fn: () => void): void;
}

export function createSandboxContext(sim: Simulator, settings: SandboxSettings, baseUrls: () => Record<PlatformId, string>): SandboxContext {
  const hooks: Array<() => void> = [];
  const oauth: Record<PlatformId, OAuthStore> = { google: createOAuthStore(), meta: createOAuthStore(), tiktok: createOAuthStore() };
  const mutations = createMutationLog();
  return {
    sim, settings, oauth, mutations,
    baseUrl: (platform) => baseUrls()[platform],
    onReset: (fn) => hooks.push(fn),
    resetState() {
      oauth.google = createOAuthStore();
      oauth.meta = createOAuthStore();
      oauth.tiktok = createOAuthStore();
      mutations.clear();
      hooks.forEach((fn) => fn());
    },
  };
}
