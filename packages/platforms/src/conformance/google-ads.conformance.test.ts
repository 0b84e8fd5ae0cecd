import { startSandbox, DEFAULT_SETTINGS, submitConsentForm } from '@adloop/sandbox';
import { createGoogleAdsAdapter, type GoogleAdsConfig } from '../google-ads/google-ads.adapter.ts';
import { pick, searchAll, str } from '../google-ads/google-ads.search.ts';
import type { LoggedMutation } from './conformance-changes.ts';
import { runConformance } from './conformance.ts';

const START = Date.parse('2026-06-15T12:00:00Z');

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
    redirectUri: 'http://127.0.0.1:9/callback',
    today: new Date(START).toISOString().slice(0, 10),
    consent: (url, grant) => submitConsentForm(url, grant === 'all' ? accountIds : [], grant === 'all' ? 'allow' : 'deny'),
    mutations: async (accountId) => {
      const response = await fetch(`${sandbox.urls.control}/control/mutations?platform=google&account=${accountId}`);
      return ((await response.json()) as { mutations: LoggedMutation[] }).mutations;
    },
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
