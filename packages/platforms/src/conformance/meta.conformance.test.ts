import { startSandbox, DEFAULT_SETTINGS } from '@adloop/sandbox';
import { createMetaAdapter, type MetaConfig } from '../meta/meta.adapter.ts';
import { metaCall } from '../meta/meta.http.ts';
import { runConformance } from './conformance.ts';
import { sandboxHarness, START } from './sandbox-harness.ts';

runConformance('Meta', async () => {
  const sandbox = await startSandbox({ seed: 25, clock: START });
  const base = sandbox.urls.meta;
  const config: MetaConfig = { baseUrl: base, authorizeBaseUrl: base, appId: DEFAULT_SETTINGS.meta.appId, appSecret: DEFAULT_SETTINGS.meta.appSecret };
  const adapter = createMetaAdapter(config, () => new Date(START));
  const accountIds = [...sandbox.simulator.world().platforms.meta.accounts.values()].filter((a) => !a.isManager).map((a) => a.id);
  return {
    adapter,
    ...sandboxHarness(sandbox, 'meta', accountIds),
    adCopy: async (tokens, _account, adId) => {
      const ad = (await metaCall(config, adId, { params: { fields: 'creative' }, accessToken: tokens.accessToken })) as { creative?: { id?: string } };
      const creative = (await metaCall(config, String(ad.creative?.id), { params: { fields: 'object_story_spec,asset_feed_spec' }, accessToken: tokens.accessToken })) as {
        object_story_spec?: { link_data?: { link?: string; message?: string; name?: string; description?: string; call_to_action?: { type?: string } } };
        asset_feed_spec?: { bodies?: Array<{ text: string }>; titles?: Array<{ text: string }>; descriptions?: Array<{ text: string }>; link_urls?: Array<{ website_url: string }>; call_to_action_types?: string[] } | null;
      };
      const link = creative.object_story_spec?.link_data;
      const feed = creative.asset_feed_spec;
      if (feed) {
        const texts = [...(feed.bodies ?? []), ...(feed.titles ?? []), ...(feed.descriptions ?? [])].map((t) => t.text);
        return { texts, finalUrl: feed.link_urls?.[0]?.website_url ?? '', callToAction: feed.call_to_action_types?.[0] };
      }
      return { texts: [link?.message, link?.name, link?.description].filter((t): t is string => !!t), finalUrl: link?.link ?? '', callToAction: link?.call_to_action?.type };
    },
  };
});
