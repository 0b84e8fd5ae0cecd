import { startSandbox, DEFAULT_SETTINGS, submitConsentForm } from '@adloop/sandbox';
import { createMetaAdapter } from '../meta/meta.adapter.ts';
import type { LoggedMutation } from './conformance-changes.ts';
import { runConformance } from './conformance.ts';

const START = Date.parse('2026-06-15T12:00:00Z');

runConformance('Meta', async () => {
  const sandbox = await startSandbox({ seed: 25, clock: START });
  const base = sandbox.urls.meta;
  const adapter = createMetaAdapter(
    { baseUrl: base, authorizeBaseUrl: base, appId: DEFAULT_SETTINGS.meta.appId, appSecret: DEFAULT_SETTINGS.meta.appSecret },
    () => new Date(START),
  );
  const accountIds = [...sandbox.simulator.world().platforms.meta.accounts.values()].filter((a) => !a.isManager).map((a) => a.id);
  return {
    adapter,
    redirectUri: 'http://127.0.0.1:9/callback',
    today: new Date(START).toISOString().slice(0, 10),
    consent: (url, grant) => submitConsentForm(url, grant === 'all' ? accountIds : [], grant === 'all' ? 'allow' : 'deny'),
    mutations: async (accountId) => {
      const response = await fetch(`${sandbox.urls.control}/control/mutations?platform=meta&account=${accountId}`);
      return ((await response.json()) as { mutations: LoggedMutation[] }).mutations;
    },
    injectFault: async (kind, accountId) => {
      const response = await fetch(`${sandbox.urls.control}/control/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ platform: 'meta', kind, accountId, count: 1 }),
      });
      if (response.status !== 201) throw new Error(`fault injection answered ${response.status}`);
    },
    close: () => sandbox.close(),
  };
});
