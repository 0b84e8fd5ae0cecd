import { startSandbox, DEFAULT_SETTINGS, submitConsentForm } from '@adloop/sandbox';
import { createTikTokAdapter, type TikTokConfig } from '../tiktok/tiktok.adapter.ts';
import { tiktokCall } from '../tiktok/tiktok.http.ts';
import type { LoggedMutation } from './conformance-changes.ts';
import { runConformance } from './conformance.ts';

const START = Date.parse('2026-06-15T12:00:00Z');

runConformance('TikTok', async () => {
  // The Basic tier allows 10 calls per second per endpoint; the suite runs faster than a real sync would.
  const sandbox = await startSandbox({ seed: 23, clock: START, settings: { tiktok: { qps: 1000, qpm: 60_000 } } });
  const base = sandbox.urls.tiktok;
  const config: TikTokConfig = { baseUrl: base, authorizeBaseUrl: base, appId: DEFAULT_SETTINGS.tiktok.appId, secret: DEFAULT_SETTINGS.tiktok.secret };
  const adapter = createTikTokAdapter(config, () => new Date(START));
  const accountIds = [...sandbox.simulator.world().platforms.tiktok.accounts.values()].filter((a) => !a.isManager).map((a) => a.id);
  return {
    adapter,
    redirectUri: 'http://127.0.0.1:9/callback',
    today: new Date(START).toISOString().slice(0, 10),
    consent: (url, grant) => submitConsentForm(url, grant === 'all' ? accountIds : [], grant === 'all' ? 'allow' : 'deny'),
    mutations: async (accountId) => {
      const response = await fetch(`${sandbox.urls.control}/control/mutations?platform=tiktok&account=${accountId}`);
      return ((await response.json()) as { mutations: LoggedMutation[] }).mutations;
    },
    adCopy: async (tokens, account, adId) => {
      const data = (await tiktokCall(config, 'ad/get/', { params: { advertiser_id: account.platformAccountId, filtering: { ad_ids: [adId], primary_status: 'STATUS_ALL' } }, accessToken: tokens.accessToken })) as {
        list: Array<{ ad_text: string; landing_page_url: string; call_to_action: string }>;
      };
      const ad = data.list[0];
      if (!ad) throw new Error(`ad ${adId} not found`);
      return { texts: [ad.ad_text], finalUrl: ad.landing_page_url, callToAction: ad.call_to_action };
    },
    injectFault: async (kind, accountId) => {
      const response = await fetch(`${sandbox.urls.control}/control/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ platform: 'tiktok', kind, accountId, count: 1 }),
      });
      if (response.status !== 201) throw new Error(`fault injection answered ${response.status}`);
    },
    close: () => sandbox.close(),
  };
});
