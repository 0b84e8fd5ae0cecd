import { startHttpServer, type RunningServer } from '../http/http-server.ts';
import type { SandboxRequest, SandboxResponse } from '../http/http.types.ts';
import { createGoogleAdsApi } from '../platforms/google-ads/google-ads.api.ts';
import { createMetaApi } from '../platforms/meta/meta.api.ts';
import { createTikTokApi } from '../platforms/tiktok/tiktok.api.ts';
import { withDelay } from '../platforms/fault-outcome.ts';
import { createSandboxContext, type SandboxContext } from '../sandbox-context.ts';
import { resolveSettings, type SandboxSettingsInput } from '../sandbox-options.ts';
import { createSimClock, type SimClock } from '../simulator/sim-clock.ts';
import { createSimulator, type Simulator } from '../simulator/simulator.ts';
import type { PlatformId } from '../simulator/world.types.ts';
import { createControlApi } from './control.api.ts';
import { withMutationLog } from './mutation-log.ts';
import { keepState, type LoadOutcome } from './state-file.ts';
import { startWebSandbox, type RunningWebSandbox } from '../web/web-sandbox.ts';
import { startWebhookReceiver, type RunningWebhookReceiver } from '../webhooks/webhook-receiver.ts';

export interface SandboxUrls {
  googleAds: string;
  meta: string;
  tiktok: string;
  control: string;
  /**
   * The landing-page sandbox (advertisers' sites and their DNS, see web/web-sandbox.ts). Absent when
   * a process reaches sandboxes started elsewhere without knowing its port.
   */
  web?: string;
  /** The webhook receiver (endpoints that show what Adloop's webhooks delivered, and can be told to fail). */
  webhooks?: string;
}

export interface StartSandboxOptions {
  seed: number;
  /** Ports per server; 0 (default) = random free port. */
  ports?: Partial<Record<keyof SandboxUrls, number>>;
  /** Public base URLs (when behind a proxy); default `http://127.0.0.1:<port>`. */
  baseUrls?: Partial<SandboxUrls>;
  /** A start instant (frozen clock, moved only through the control API) or a clock; default real time. */
  clock?: Date | number | SimClock;
  settings?: SandboxSettingsInput;
  host?: string;
  /**
   * Where to keep the platforms' state across restarts (world and issued tokens, see state-file.ts);
   * absent: every start seeds a fresh world and earlier tokens are unknown.
   */
  stateFile?: string;
}

export interface RunningSandbox {
  urls: SandboxUrls;
  /** In-process access for the product's demo mode and tests. */
  simulator: Simulator;
  context: SandboxContext;
  /** The landing-page sandbox, in-process (its request log, its DNS). */
  web: RunningWebSandbox;
  /** The webhook receiver, in-process. */
  webhooks: RunningWebhookReceiver;
  /** With `stateFile`: whether this start took the platforms back from it. */
  state: LoadOutcome | null;
  close(): Promise<void>;
}

function toClock(clock: StartSandboxOptions['clock']): SimClock {
  if (clock === undefined) return createSimClock();
  if (typeof clock === 'number') return createSimClock({ start: clock });
  if (clock instanceof Date) return createSimClock({ start: clock.getTime() });
  return clock;
}

/** Starts the Google Ads, Meta and TikTok sandboxes and the control API, each on its own port. */
export async function startSandbox(options: StartSandboxOptions): Promise<RunningSandbox> {
  const sim = createSimulator({ seed: options.seed, clock: toClock(options.clock) });
  const urls: SandboxUrls = { googleAds: '', meta: '', tiktok: '', control: '' };
  const ctx = createSandboxContext(sim, resolveSettings(options.settings), (): Record<PlatformId, string> => ({ google: urls.googleAds, meta: urls.meta, tiktok: urls.tiktok }));
  const kept = options.stateFile ? keepState(ctx, options.stateFile) : null;
  // Each platform answers after its round trip (settings.<platform>.latencyMs, changeable while running).
  const platform = (id: PlatformId, api: (req: SandboxRequest) => Promise<SandboxResponse>) => {
    const logged = withMutationLog(ctx, id, api);
    return async (req: SandboxRequest) => withDelay(await logged(req), ctx.settings[id].latencyMs);
  };
  const handlers: Record<Exclude<keyof SandboxUrls, 'web' | 'webhooks'>, (req: SandboxRequest) => Promise<SandboxResponse>> = {
    googleAds: platform('google', createGoogleAdsApi(ctx)), meta: platform('meta', createMetaApi(ctx)),
    tiktok: platform('tiktok', createTikTokApi(ctx)), control: createControlApi(ctx),
  };
  const servers: RunningServer[] = [];
  let web: RunningWebSandbox;
  let webhooks: RunningWebhookReceiver;
  // Servers outside `servers` that started before a later one failed, closed with them.
  const startedExtras: { close(): Promise<void> }[] = [];
  try {
    for (const key of ['googleAds', 'meta', 'tiktok', 'control'] as const) {
      const server = await startHttpServer({ port: options.ports?.[key] ?? 0, host: options.host, handle: handlers[key] });
      servers.push(server);
      urls[key] = (options.baseUrls?.[key] ?? server.localUrl).replace(/\/$/, '');
    }
    web = await startWebSandbox({ port: options.ports?.web ?? 0, host: options.host });
    urls.web = web.url;
    startedExtras.push(web);
    webhooks = await startWebhookReceiver({ port: options.ports?.webhooks ?? 0, host: options.host });
    urls.webhooks = webhooks.url;
  } catch (error) {
    await Promise.all([...servers.map((s) => s.close()), ...startedExtras.map((s) => s.close())]);
    kept?.close();
    throw error;
  }
  return {
    urls,
    simulator: sim,
    context: ctx,
    state: kept?.outcome ?? null,
    web,
    webhooks,
    close: async () => {
      await Promise.all([...servers.map((s) => s.close()), web.close(), webhooks.close()]);
      kept?.close();
    },
  };
}
