import { expect, it } from 'vitest';
import { PlatformError, type AccountRef, type AdGroup, type AdPlatform, type CreatedCampaign, type Money, type NewAdSpec, type TokenSet } from '../types.ts';

/** One field change as the sandbox's control log (`GET /control/mutations`) lists it. */
export interface LoggedMutation {
  level: string;
  id: string;
  field: string;
  old: unknown;
  new: unknown;
}

/** An ad's copy as read back from the platform: every text it carries, its landing page and call to action. */
export interface LiveAdCopy {
  texts: string[];
  finalUrl: string;
  callToAction?: string | undefined;
}

export interface ChangesContext {
  adapter: AdPlatform;
  tokens: TokenSet;
  account: AccountRef;
  /** The paused campaign the suite created, with its ad group and ad. */
  created: CreatedCampaign;
  /** The control log of the account, oldest first. */
  mutations(): Promise<LoggedMutation[]>;
  /** An ad's copy, read over the wire. */
  adCopy(adId: string): Promise<LiveAdCopy>;
  /** Creates another paused campaign of the suite with a lifetime budget over the next ten days. */
  createLifetime(): Promise<CreatedCampaign>;
}

async function refusal(promise: Promise<unknown>): Promise<PlatformError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof PlatformError) return error;
    throw error;
  }
  throw new Error('expected a PlatformError');
}

async function allAdGroups(c: ChangesContext): Promise<AdGroup[]> {
  const all: AdGroup[] = [];
  let page: string | null = null;
  do {
    const result: { items: AdGroup[]; nextPage: string | null } = await c.adapter.campaigns.listAdGroups(c.tokens, c.account, page);
    all.push(...result.items);
    page = result.nextPage;
  } while (page);
  return all;
}

/** An amount of the account currency that every platform's step takes: `units` whole units plus 0.25 where the currency has cents. */
function money(c: ChangesContext, units: number): Money {
  const whole = c.account.currency === 'JPY' ? units * 100 : units;
  const cents = c.account.currency === 'JPY' ? 0 : 250_000;
  return { micros: whole * 1_000_000 + cents, currency: c.account.currency };
}

/**
 * The `changes` part of the suite: ad group and ad status, ad-group budgets and bids (units converted
 * exactly), campaign bidding, renames, archive/removal and copies, each read back from the platform
 * and each found in the sandbox's change log. Registered inside `runConformance`, after creation.
 */
/** A new ad's copy in the fields the platform's ads take (`validateNewAd`). */
export function sampleNewAd(adapter: AdPlatform, name: string): NewAdSpec {
  const base = { name, status: 'active' as const, finalUrl: 'https://example.com/autumn', headlines: [] as string[], descriptions: [] as string[], primaryTexts: [] as string[] };
  if (adapter.id === 'google_ads') {
    return { ...base, headlines: ['Autumn trail shoes', 'Grip on wet rock', 'Free returns'], descriptions: ['Light shoes for muddy autumn trails.', 'Order today, run this weekend.'], paths: ['shoes', 'autumn'] };
  }
  if (adapter.id === 'meta') return { ...base, primaryTexts: ['Light shoes for muddy autumn trails.'], headlines: ['Autumn trail shoes'], descriptions: ['Free returns'], callToAction: 'SHOP_NOW' };
  return { ...base, primaryTexts: ['Light shoes for muddy autumn trails'], callToAction: 'SHOP_NOW' };
}

export function changesConformance(get: () => ChangesContext): void {
  it('creates an ad with the given copy in the existing ad group; the platform holds every text, and bad copy is refused naming the field', async () => {
    const c = get();
    const spec = sampleNewAd(c.adapter, 'Conformance new ad');
    const made = await c.adapter.changes.createAd(c.tokens, c.account, c.created.adGroupPlatformId, spec);
    expect(made).toMatchObject({ adGroupPlatformId: c.created.adGroupPlatformId, campaignPlatformId: c.created.campaign.platformId, status: 'active' });
    expect(made.platformId).not.toBe(c.created.adPlatformId);
    const live = await c.adapter.changes.getAd(c.tokens, c.account, made.platformId);
    expect(live.platformId).toBe(made.platformId);
    const copy = await c.adCopy(made.platformId);
    expect(copy.finalUrl).toBe(spec.finalUrl);
    for (const text of [...spec.headlines, ...spec.descriptions, ...spec.primaryTexts, ...(spec.paths ?? [])]) expect(copy.texts).toContain(text);
    if (spec.callToAction) expect(copy.callToAction).toBe(spec.callToAction);
    // Paused afterwards, as an undo of the creation does it.
    expect((await c.adapter.changes.setAdStatus(c.tokens, c.account, made.platformId, 'paused')).status).toBe('paused');

    const tooLong = { ...spec, headlines: spec.headlines.map((h, i) => (i === 0 ? 'x'.repeat(200) : h)), primaryTexts: spec.primaryTexts.map((t, i) => (i === 0 ? 'x'.repeat(3000) : t)) };
    const refused = await refusal(c.adapter.changes.createAd(c.tokens, c.account, c.created.adGroupPlatformId, tooLong));
    expect(refused.kind).toBe('invalid_request');
    expect(refused.details.field).toMatch(/^ad\.(headlines|primaryTexts)\.0$/);
    const badUrl = await refusal(c.adapter.changes.createAd(c.tokens, c.account, c.created.adGroupPlatformId, { ...spec, finalUrl: 'ftp://example.com' }));
    expect(badUrl.details.field).toBe('ad.finalUrl');
  });

  it('creates a Meta ad with several texts per field as text options (asset_feed_spec)', async () => {
    const c = get();
    if (c.adapter.id !== 'meta') return;
    const spec: NewAdSpec = { ...sampleNewAd(c.adapter, 'Conformance text options'), primaryTexts: ['Light shoes for autumn.', 'Grip when the trail is wet.'], headlines: ['Autumn trail shoes', 'Run in the rain'] };
    const made = await c.adapter.changes.createAd(c.tokens, c.account, c.created.adGroupPlatformId, spec);
    const copy = await c.adCopy(made.platformId);
    expect(copy.texts).toEqual(expect.arrayContaining([...spec.primaryTexts, ...spec.headlines, ...spec.descriptions]));
    expect(copy.finalUrl).toBe(spec.finalUrl);
  });

  it('reads the new ad group and ad, pauses and enables each, and the platform logs every status', async () => {
    const c = get();
    const { changes } = c.adapter;
    expect(await changes.getAdGroup(c.tokens, c.account, c.created.adGroupPlatformId)).toMatchObject({ platformId: c.created.adGroupPlatformId, campaignPlatformId: c.created.campaign.platformId });
    expect(await changes.getAd(c.tokens, c.account, c.created.adPlatformId)).toMatchObject({ platformId: c.created.adPlatformId, adGroupPlatformId: c.created.adGroupPlatformId });
    expect((await changes.setAdGroupStatus(c.tokens, c.account, c.created.adGroupPlatformId, 'paused')).status).toBe('paused');
    expect((await changes.setAdGroupStatus(c.tokens, c.account, c.created.adGroupPlatformId, 'active')).status).toBe('active');
    expect((await changes.setAdStatus(c.tokens, c.account, c.created.adPlatformId, 'paused')).status).toBe('paused');
    expect((await changes.setAdStatus(c.tokens, c.account, c.created.adPlatformId, 'active')).status).toBe('active');
    const log = await c.mutations();
    const statuses = (level: string, id: string) => log.filter((m) => m.level === level && m.id === id && m.field === 'status').map((m) => m.new);
    expect(statuses('ad_group', c.created.adGroupPlatformId)).toEqual(['paused', 'active']);
    expect(statuses('ad', c.created.adPlatformId)).toEqual(['paused', 'active']);
  });

  it('sets an ad group bid in micros and reads back the same micros, and refuses a bid of nothing', async () => {
    const c = get();
    const field = c.adapter.capabilities.bidding.adGroupBidField;
    if (!field) {
      expect((await refusal(c.adapter.changes.setAdGroupBid(c.tokens, c.account, c.created.adGroupPlatformId, money(c, 1)))).kind).toBe('invalid_request');
      return;
    }
    const bid = money(c, 1);
    expect((await c.adapter.changes.setAdGroupBid(c.tokens, c.account, c.created.adGroupPlatformId, bid)).bidMicros).toBe(bid.micros);
    expect((await c.mutations()).filter((m) => m.id === c.created.adGroupPlatformId && m.field === 'bid').at(-1)?.new).toBe(bid.micros);
    const zero = await refusal(c.adapter.changes.setAdGroupBid(c.tokens, c.account, c.created.adGroupPlatformId, { micros: 0, currency: c.account.currency }));
    expect(zero.kind).toBe('invalid_request');
  });

  it('switches the campaign through every bid strategy it offers, with its value, and refuses one it does not', async () => {
    const c = get();
    const { bidding } = c.adapter.capabilities;
    const id = c.created.campaign.platformId;
    for (const strategy of bidding.campaignStrategies) {
      const value = bidding.strategyValue[strategy];
      const after = await c.adapter.changes.setCampaignBidding(c.tokens, c.account, id, {
        strategy, ...(value === 'campaign_bid' ? { bidMicros: money(c, 12).micros } : {}), ...(value === 'target_roas' ? { targetRoas: 3.5 } : {}),
      });
      expect(after.bidStrategy, strategy).toBe(strategy);
      if (value === 'campaign_bid') expect(after.bidMicros).toBe(money(c, 12).micros);
      if (value === 'target_roas') expect(after.targetRoas).toBe(3.5);
    }
    const wrong = await refusal(c.adapter.changes.setCampaignBidding(c.tokens, c.account, id, { strategy: 'NOT_A_STRATEGY' }));
    expect(wrong.kind).toBe('invalid_request');
  });

  it("changes an ad group's own budget where it has one (exact micros), and refuses one whose budget lives on the campaign", async () => {
    const c = get();
    const hasOwn = (g: AdGroup) => Boolean(g.dailyBudget ?? g.lifetimeBudget);
    let own = (await allAdGroups(c)).find(hasOwn);
    // A lifetime campaign keeps its budget on the ad group where the platform puts it there (TikTok).
    if (!own && c.adapter.capabilities.adGroupBudgets && c.adapter.capabilities.lifetimeBudgets) {
      const lifetime = await c.createLifetime();
      own = (await allAdGroups(c)).find((g) => g.platformId === lifetime.adGroupPlatformId && hasOwn(g));
    }
    if (c.adapter.capabilities.adGroupBudgets && own) {
      const kind = own.dailyBudget ? 'daily' : 'lifetime';
      const current = (own.dailyBudget ?? own.lifetimeBudget)?.micros ?? 0;
      const amount = { micros: current + money(c, 7).micros, currency: c.account.currency };
      const after = await c.adapter.changes.setAdGroupBudget(c.tokens, c.account, own.platformId, { kind, amount });
      expect((kind === 'daily' ? after.dailyBudget : after.lifetimeBudget)?.micros).toBe(amount.micros);
      expect((await c.mutations()).filter((m) => m.id === own.platformId && m.field === `${kind}_budget`).at(-1)?.new).toBe(amount.micros);
    }
    // The suite's campaign keeps its budget on the campaign (or the platform has no ad-group budgets at all).
    const refused = await refusal(c.adapter.changes.setAdGroupBudget(c.tokens, c.account, c.created.adGroupPlatformId, { kind: 'daily', amount: money(c, 30) }));
    expect(refused.kind).toBe('invalid_request');
  });

  it('renames where the platform names objects, refuses an empty name, and refuses the levels it does not name', async () => {
    const c = get();
    const targets = { campaign: c.created.campaign.platformId, ad_group: c.created.adGroupPlatformId, ad: c.created.adPlatformId };
    for (const level of ['campaign', 'ad_group', 'ad'] as const) {
      const target = { level, id: targets[level] };
      if (!c.adapter.capabilities.renameLevels.includes(level)) {
        expect((await refusal(c.adapter.changes.rename(c.tokens, c.account, target, 'Renamed'))).kind).toBe('invalid_request');
        continue;
      }
      expect((await c.adapter.changes.rename(c.tokens, c.account, target, `Renamed ${level}`)).name).toBe(`Renamed ${level}`);
      expect((await refusal(c.adapter.changes.rename(c.tokens, c.account, target, ''))).kind, level).toBe('invalid_request');
      expect((await c.mutations()).filter((m) => m.id === target.id && m.field === 'name').at(-1)?.new).toBe(`Renamed ${level}`);
    }
  });

  it('duplicates the campaign paused as "<name> (copy)" with its ad groups', async () => {
    const c = get();
    const source = await c.adapter.campaigns.getCampaign(c.tokens, c.account, c.created.campaign.platformId);
    const copy = await c.adapter.changes.duplicateCampaign(c.tokens, c.account, source.platformId);
    expect(copy.platformId).not.toBe(source.platformId);
    expect(copy).toMatchObject({ name: `${source.name} (copy)`, status: 'paused' });
    const groups = (await allAdGroups(c)).filter((g) => g.campaignPlatformId === copy.platformId);
    expect(groups.length).toBeGreaterThan(0);
    expect(groups.every((g) => g.status === 'paused' || g.status === 'active')).toBe(true);
    expect((await c.mutations()).some((m) => m.level === 'campaign' && m.id === copy.platformId && m.field === 'created')).toBe(true);
  });

  it('archives where offered and removes a campaign for good: no way back, and removing twice is refused', async () => {
    const c = get();
    const { campaignEnd } = c.adapter.capabilities;
    const id = c.created.campaign.platformId;
    if (campaignEnd.archive) {
      const copy = await c.adapter.changes.duplicateCampaign(c.tokens, c.account, id, 'Archived copy');
      expect((await c.adapter.changes.endCampaign(c.tokens, c.account, copy.platformId, 'archive')).status).toBe('archived');
      if (!campaignEnd.archiveUndoable) expect((await refusal(c.adapter.campaigns.setStatus(c.tokens, c.account, copy.platformId, 'active'))).kind).toBe('invalid_request');
    } else {
      expect((await refusal(c.adapter.changes.endCampaign(c.tokens, c.account, id, 'archive'))).kind).toBe('invalid_request');
    }
    expect((await c.adapter.changes.endCampaign(c.tokens, c.account, id, 'remove')).status).toBe('removed');
    if (!campaignEnd.removalUndoable) expect(['invalid_request', 'not_found']).toContain((await refusal(c.adapter.campaigns.setStatus(c.tokens, c.account, id, 'active'))).kind);
    expect(['invalid_request', 'not_found']).toContain((await refusal(c.adapter.changes.endCampaign(c.tokens, c.account, id, 'remove'))).kind);
    expect((await c.mutations()).filter((m) => m.id === id && m.field === 'status').at(-1)?.new).toBe('removed');
  });
}
