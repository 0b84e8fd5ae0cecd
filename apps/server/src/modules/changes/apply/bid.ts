import { PlatformError, type AdPlatform } from '@adloop/platforms';
import type { FieldApply, SendTarget } from './field-apply.ts';

/**
 * The campaign's strategy whose value is of `kind`: the one it has when that takes such a value,
 * else the platform's only strategy of that kind (a target CPA switches Google to TARGET_CPA, a target ROAS to TARGET_ROAS).
 */
async function strategyFor(adapter: AdPlatform, t: SendTarget, kind: 'campaign_bid' | 'target_roas'): Promise<string> {
  const { bidding } = adapter.capabilities;
  const live = await adapter.campaigns.getCampaign(t.tokens, t.ref, t.platformId);
  if (live.bidStrategy && bidding.strategyValue[live.bidStrategy] === kind) return live.bidStrategy;
  const offered = bidding.campaignStrategies.filter((s) => bidding.strategyValue[s] === kind);
  // The platform's only strategy taking such a value (Google TARGET_CPA, TARGET_ROAS): setting the value switches to it.
  if (offered.length === 1 && offered[0]) return offered[0];
  const what = kind === 'target_roas' ? 'target ROAS' : 'bid';
  throw new PlatformError('invalid_request', `This campaign's bid strategy (${live.bidStrategy ?? 'none'}) takes no ${what} on the campaign.`, { platform: adapter.id, field: kind === 'target_roas' ? 'targetRoas' : 'bid' });
}

/** A campaign-level bid (Google target CPA), in micros of the campaign's currency. */
export const bidApply: FieldApply = {
  mirrorValue: (c) => (c.bidMicros === null ? null : String(c.bidMicros)),
  platformValue: (c) => (c.bidMicros === undefined ? null : String(c.bidMicros)),
  send: async (adapter, t) => adapter.changes.setCampaignBidding(t.tokens, t.ref, t.platformId, { strategy: await strategyFor(adapter, t, 'campaign_bid'), bidMicros: Number(t.after) }),
};

/** A campaign's target ROAS as a ratio (3.5 = 350 %), where a strategy takes one (Google TARGET_ROAS). */
export const targetRoasApply: FieldApply = {
  mirrorValue: (c) => (c.targetRoas === null ? null : String(c.targetRoas)),
  platformValue: (c) => (c.targetRoas === undefined ? null : String(c.targetRoas)),
  send: async (adapter, t) => adapter.changes.setCampaignBidding(t.tokens, t.ref, t.platformId, { strategy: await strategyFor(adapter, t, 'target_roas'), targetRoas: Number(t.after) }),
};
