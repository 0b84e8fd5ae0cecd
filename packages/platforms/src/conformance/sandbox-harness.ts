import { submitConsentForm, type RunningSandbox } from '@adloop/sandbox';
import type { LoggedMutation } from './conformance-changes.ts';
import type { ConformanceHarness } from './conformance.ts';

/** The sandboxes' clock at the start of a conformance run. */
export const START = Date.parse('2026-06-15T12:00:00Z');

/**
 * The parts of a conformance harness every platform's sandbox gives alike: the redirect URI, the simulated
 * today, consent through the sandbox's form (all of `accountIds`, or a denial), the sandbox's change log and
 * fault injection for `platform` (with `fault`'s extra fields, if any), and closing the sandbox.
 */
export function sandboxHarness(
  sandbox: RunningSandbox,
  platform: 'google' | 'meta' | 'tiktok',
  accountIds: string[],
  fault: Record<string, unknown> = {},
): Omit<ConformanceHarness, 'adapter' | 'adCopy' | 'adAssets'> {
  return {
    redirectUri: 'http://127.0.0.1:9/callback',
    today: new Date(START).toISOString().slice(0, 10),
    consent: (url, grant) => submitConsentForm(url, grant === 'all' ? accountIds : [], grant === 'all' ? 'allow' : 'deny'),
    mutations: async (accountId) => {
      const response = await fetch(`${sandbox.urls.control}/control/mutations?platform=${platform}&account=${accountId}`);
      return ((await response.json()) as { mutations: LoggedMutation[] }).mutations;
    },
    injectFault: async (kind, accountId) => {
      const response = await fetch(`${sandbox.urls.control}/control/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ platform, kind, accountId, count: 1, ...fault }),
      });
      if (response.status !== 201) throw new Error(`fault injection answered ${response.status}`);
    },
    close: () => sandbox.close(),
  };
}
