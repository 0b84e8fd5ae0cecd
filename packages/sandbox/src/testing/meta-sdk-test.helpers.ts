import sdk from 'facebook-nodejs-business-sdk';
import { startSandbox, type RunningSandbox } from '../control/start-sandbox.ts';
import { DEFAULT_SETTINGS } from '../sandbox-options.ts';
import { at, REDIRECT, submitConsent, TEST_START } from './sandbox-test.helpers.ts';

const { FacebookAdsApi } = sdk;

/** The Graph error a rejected SDK call carries (`FacebookRequestError.response`: the `error` object). */
export async function graphErrorOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return Reflect.get(error as object, 'response');
  }
  throw new Error('the call succeeded');
}

/** The official SDK pointed at a Meta sandbox, with a user token for its USD ad account (not yet given to the SDK). */
export interface MetaSdkSandbox {
  sandbox: RunningSandbox;
  accountId: string;
  /** The short-lived token of the code exchange. */
  token: string;
  /** Gives `FacebookAdsApi.GRAPH` back and stops the sandbox. */
  close: () => Promise<void>;
}

/**
 * Starts a Meta sandbox (this seed, the tests' start time), grants its USD ad account through the OAuth
 * dialog and exchanges the code for a token. The SDK builds every URL from the static getter
 * `FacebookAdsApi.GRAPH` (no setting or constructor option exists): that one getter is redefined to the
 * sandbox URL, and `close` restores it.
 */
export async function metaSdkOnSandbox(seed: number): Promise<MetaSdkSandbox> {
  const sandbox = await startSandbox({ seed, clock: TEST_START });
  let originalGraph: PropertyDescriptor | undefined;
  const close = async () => {
    if (originalGraph) Object.defineProperty(FacebookAdsApi, 'GRAPH', originalGraph);
    await sandbox.close();
  };
  try {
    const m = sandbox.urls.meta;
    const s = DEFAULT_SETTINGS.meta;
    const accountId = [...sandbox.simulator.world().platforms.meta.accounts.values()].find((a) => a.currency === 'USD' && !a.isManager)?.id ?? '';
    const back = await submitConsent(`${m}/v25.0/dialog/oauth`, { client_id: s.appId, redirect_uri: REDIRECT, state: 's' }, [accountId], 'allow');
    const exchange = await fetch(`${m}/v25.0/oauth/access_token?client_id=${s.appId}&client_secret=${s.appSecret}&redirect_uri=${encodeURIComponent(REDIRECT)}&code=${back.searchParams.get('code') ?? ''}`);
    originalGraph = Object.getOwnPropertyDescriptor(FacebookAdsApi, 'GRAPH');
    Object.defineProperty(FacebookAdsApi, 'GRAPH', { get: () => m, configurable: true });
    return { sandbox, accountId, token: String(at(await exchange.json(), 'access_token')), close };
  } catch (error) {
    await close();
    throw error;
  }
}
