import { startSandbox, DEFAULT_SETTINGS, submitConsentForm } from '@adloop/sandbox';
import { createGoogleAdsAdapter } from '../google-ads/google-ads.adapter.ts';
import type { LoggedMutation } from './conformance-changes.ts';
import { runConformance } from './conformance.ts';

const START = Date.parse('2026-06-15T12:00:00Z');

runConformance('Google Ads', async () => {
  const sandbox = await startSandbox({ seed: 21, clock: START });
  const base = sandbox.urls.googleAds;
  const adapter = createGoogleAdsAdapter(
    {
      baseUrl: base,
      oauthBaseUrl: base,
      authorizeBaseUrl: base,
      clientId: DEFAULT_SETTINGS.google.clientId,
      clientSecret: DEFAULT_SETTINGS.google.clientSecret,
      developerToken: 'sandbox-developer-token',
    },
    () => new Date(START),
  );
  const accountIds = [...sandbox.simulator.world().platforms.google.accounts.values()].filter((a) => a.managerId === null).map((a) => a.id);
  return {
    adapter,
    redirectUri: 'http://127.0.0.1:9/callback',
    today: new Date(START).toISOString().slice(0, 10),
    consent: (url, grant) => submitConsentForm(url, grant === 'all' ? accountIds : [], grant === 'all' ? 'allow' : 'deny'),
    mutations: async (accountId) => {
      const response = await fetch(`${sandbox.urls.control}/control/mutations?platform=google&account=${accountId}`);
      return ((await response.json()) as { mutations: LoggedMutation[] }).mutations;
    },
    injectFault: async (kind, accountId) => {
      const response = await fetch(`${sandbox.urls.control}/control/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ platform: 'google', kind, accountId, count: 1, retryAfterSeconds: 12 }),
      });
      if (response.status !== 201) throw new Error(`fault injection answered ${response.status}`);
    },
    close: () => sandbox.close(),
  };
});
