import { startSandbox, DEFAULT_SETTINGS } from '@adloop/sandbox';
import { createTikTokAdapter, type TikTokConfig } from '../tiktok/tiktok.adapter.ts';
import { tiktokCall } from '../tiktok/tiktok.http.ts';
import { runConformance } from './conformance.ts';
import { sandboxHarness, START } from './sandbox-harness.ts';

runConformance('TikTok', async () => {
  // The Basic tier allows 10 calls per second per endpoint; the suite runs faster than a real sync would.
  const sandbox = await startSandbox({ seed: 23, clock: START, settings: { tiktok: { qps: 1000, qpm: 60_000 } } });
  const base = sandbox.urls.tiktok;
  const config: TikTokConfig = { baseUrl: base, authorizeBaseUrl: base, appId: DEFAULT_SETTINGS.tiktok.appId, secret: DEFAULT_SETTINGS.tiktok.secret };
  const adapter = createTikTokAdapter(config, () => new Date(START));
  const accountIds = [...sandbox.simulator.world().platforms.tiktok.accounts.values()].filter((a) => !a.isManager).map((a) => a.id);
  return {
    adapter,
    ...sandboxHarness(sandbox, 'tiktok', accountIds),
    adCopy: async (tokens, account, adId) => {
      const data = (await tiktokCall(config, 'ad/get/', { params: { advertiser_id: account.platformAccountId, filtering: { ad_ids: [adId], primary_status: 'STATUS_ALL' } }, accessToken: tokens.accessToken })) as {
        list: Array<{ ad_text: string; landing_page_url: string; call_to_action: string }>;
      };
      const ad = data.list[0];
      if (!ad) throw new Error(`ad ${adId} not found`);
      return { texts: [ad.ad_text], finalUrl: ad.landing_page_url, callToAction: ad.call_to_action };
    },
  };
});
