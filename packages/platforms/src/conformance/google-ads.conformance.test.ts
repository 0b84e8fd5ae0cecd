import { startSandbox, DEFAULT_SETTINGS } from '@adloop/sandbox';
import { createGoogleAdsAdapter, type GoogleAdsConfig } from '../google-ads/google-ads.adapter.ts';
import { pick, searchAll, str } from '../google-ads/google-ads.search.ts';
import { runConformance } from './conformance.ts';
import { sandboxHarness, START } from './sandbox-harness.ts';

runConformance('Google Ads', async () => {
  const sandbox = await startSandbox({ seed: 21, clock: START });
  const base = sandbox.urls.googleAds;
  const config: GoogleAdsConfig = {
    baseUrl: base,
    oauthBaseUrl: base,
    authorizeBaseUrl: base,
    clientId: DEFAULT_SETTINGS.google.clientId,
    clientSecret: DEFAULT_SETTINGS.google.clientSecret,
    developerToken: 'sandbox-developer-token',
  };
  const adapter = createGoogleAdsAdapter(config, () => new Date(START));
  const accountIds = [...sandbox.simulator.world().platforms.google.accounts.values()].filter((a) => a.managerId === null).map((a) => a.id);
  return {
    adapter,
    ...sandboxHarness(sandbox, 'google', accountIds, { retryAfterSeconds: 12 }),
    adCopy: async (tokens, account, adId) => {
      const rsa = 'ad_group_ad.ad.responsive_search_ad';
      const [row] = await searchAll(config, tokens, account.platformAccountId, `SELECT ad_group_ad.ad.final_urls, ${rsa}.headlines, ${rsa}.descriptions, ${rsa}.path1, ${rsa}.path2 FROM ad_group_ad WHERE ad_group_ad.ad.id = ${adId}`, account.managerId);
      if (!row) throw new Error(`ad ${adId} not found`);
      const texts = (path: string) => ((pick(row, path) ?? []) as Array<{ text: string }>).map((t) => t.text);
      const paths = [str(row, 'adGroupAd.ad.responsiveSearchAd.path1'), str(row, 'adGroupAd.ad.responsiveSearchAd.path2')].filter((p) => p !== '');
      return {
        texts: [...texts('adGroupAd.ad.responsiveSearchAd.headlines'), ...texts('adGroupAd.ad.responsiveSearchAd.descriptions'), ...paths],
        finalUrl: String((pick(row, 'adGroupAd.ad.finalUrls') as string[] | undefined)?.[0] ?? ''),
      };
    },
  };
});
