import { ApiClient, AuthenticationApi, type Callback, type Envelope } from 'tiktok-business-api-sdk-official';
import { expect } from 'vitest';
import { startSandbox, type RunningSandbox } from '../control/start-sandbox.ts';
import { DEFAULT_SETTINGS, type SandboxSettingsInput } from '../sandbox-options.ts';
import { REDIRECT, submitConsent, TEST_START } from './sandbox-test.helpers.ts';

/** Runs one SDK call; a non-zero envelope code rejects with the SDK's Error. */
export function sdkCall(run: (callback: Callback) => unknown): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    run((error: Error | null, data: Envelope | null) => (error ? reject(error) : resolve(data?.data ?? {})));
  });
}

/** The envelope code of a refused SDK call ("request_id: … message: … code: 40002"). */
export async function codeOf(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
  } catch (error) {
    return Number(/code: (\d+)/.exec(error instanceof Error ? error.message : '')?.[1] ?? -1);
  }
  throw new Error('the call succeeded');
}

export const list = (data: Record<string, unknown>): Array<Record<string, unknown>> => (Array.isArray(data.list) ? data.list : []) as Array<Record<string, unknown>>;

/** The official SDK pointed at a TikTok sandbox, with a token for its USD advertiser. */
export interface TikTokSdkSandbox {
  sandbox: RunningSandbox;
  token: string;
  usd: string;
  /** Points the SDK back where it was and stops the sandbox. */
  close: () => Promise<void>;
}

/**
 * Starts a TikTok sandbox (seed 7, the tests' start time, these TikTok settings), points the SDK at it through
 * `ApiClient.instance.basePath` (its documented setting), grants the USD advertiser through the consent page
 * and exchanges the code with the SDK's oauth2AccessToken, which must name that advertiser alone.
 */
export async function tiktokSdkOnSandbox(tiktok: SandboxSettingsInput['tiktok']): Promise<TikTokSdkSandbox> {
  const sandbox = await startSandbox({ seed: 7, clock: TEST_START, settings: { tiktok } });
  const originalBase = ApiClient.instance.basePath;
  ApiClient.instance.basePath = sandbox.urls.tiktok;
  const close = async () => {
    ApiClient.instance.basePath = originalBase;
    await sandbox.close();
  };
  try {
    const usd = [...sandbox.simulator.world().platforms.tiktok.accounts.values()].find((a) => a.currency === 'USD' && !a.isManager)?.id ?? '';
    const s = DEFAULT_SETTINGS.tiktok;
    const back = await submitConsent(`${sandbox.urls.tiktok}/portal/auth`, { app_id: s.appId, redirect_uri: REDIRECT, state: 'tt' }, [usd], 'allow');
    const exchanged = await sdkCall((cb) => new AuthenticationApi().oauth2AccessToken({ body: { app_id: s.appId, secret: s.secret, auth_code: back.searchParams.get('auth_code') ?? '' } }, cb));
    expect(exchanged.advertiser_ids).toEqual([usd]);
    return { sandbox, token: String(exchanged.access_token), usd, close };
  } catch (error) {
    await close();
    throw error;
  }
}
