import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '@adloop/engine';
import { AD_ASSET_LIMIT } from '../ad-assets.ts';
import { changesConformance, type LiveAdCopy, type LoggedMutation } from './conformance-changes.ts';
import { PlatformError, type AccountRef, type AdAccount, type AdAssets, type AdPlatform, type AdTextField, type CreatedCampaign, type NewCampaignSpec, type PlatformErrorKind, type TokenSet } from '../types.ts';

/** What the conformance suite needs from a platform's sandbox. */
export interface ConformanceHarness {
  adapter: AdPlatform;
  redirectUri: string;
  /** Submits the platform's consent page for `authorizeUrl` granting the given accounts; returns the code. */
  consent(authorizeUrl: string, grant: 'all' | 'deny'): Promise<{ code: string | null; error: string | null }>;
  /** Injects a fault through the sandbox control API so the next call to the account fails with `kind`. */
  injectFault(kind: 'rate_limit' | 'server_error' | 'token_revoked', accountId: string): Promise<void>;
  /** The simulated "today" for metrics, YYYY-MM-DD. */
  today: string;
  /** Account assets a new ad is built from; absent: the first of each kind `campaigns.listAdAssets` offers. */
  adAssets?: AdAssets;
  /** The sandbox's change log for an account (`GET /control/mutations?platform=&account=`). */
  mutations(accountId: string): Promise<LoggedMutation[]>;
  /** An ad's copy as the platform's API answers it (read over the wire, in the platform's own fields). */
  adCopy(tokens: TokenSet, account: AccountRef, adId: string): Promise<LiveAdCopy>;
  close(): Promise<void>;
}

async function failure(promise: Promise<unknown>): Promise<PlatformError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof PlatformError) return error;
    throw error;
  }
  throw new Error('expected a PlatformError');
}

/** `count` texts of at most `field.max` characters, all different (empty when the platform has no such field). */
function texts(field: AdTextField, words: readonly string[]): string[] {
  if (field.max === 0) return [''];
  return Array.from({ length: field.count?.min ?? 1 }, (_, i) => `${words[i % words.length] ?? 'Ad'} ${i + 1}`.slice(0, field.max));
}

/** A paused wizard campaign within the adapter's own limits: the first objective, twice the smallest daily budget. */
function sampleSpec(adapter: AdPlatform, account: AccountRef, adAssets: AdAssets | undefined): NewCampaignSpec {
  const { capabilities } = adapter;
  const [headline = '', ...extraHeadlines] = texts(capabilities.adText.headline, ['Trail shoes', 'Free returns', 'Spring range', 'Light and fast']);
  const [description = '', ...extraDescriptions] = texts(capabilities.adText.description, ['Shoes for every trail, shipped free.', 'Order today and run tomorrow.']);
  return {
    name: `Conformance ${adapter.id} spring`,
    objective: capabilities.objectives[0] ?? '',
    status: 'paused',
    budget: { kind: 'daily', amount: { micros: 2 * capabilities.minDailyBudgetMicros(account.currency), currency: account.currency } },
    adGroup: { name: 'Conformance ad group', countries: ['US', 'CA'], ageMin: 25, ageMax: 44 },
    ad: {
      name: 'Conformance ad',
      headline,
      description,
      finalUrl: 'https://example.com/spring',
      callToAction: capabilities.adText.callToActions?.[0],
      extraHeadlines,
      extraDescriptions,
      assets: adAssets,
    },
  };
}

async function everything<T>(list: (page: string | null) => Promise<{ items: T[]; nextPage: string | null }>): Promise<T[]> {
  const all: T[] = [];
  let page: string | null = null;
  let guard = 0;
  do {
    const result: { items: T[]; nextPage: string | null } = await list(page);
    all.push(...result.items);
    page = result.nextPage;
  } while (page && ++guard < 100);
  return all;
}

/**
 * The one suite every adapter passes against its sandbox, over real sockets: OAuth round trip,
 * accounts, paging to the end, campaign read, status and budget round trips, metrics by day and
 * hour, the account assets an ad is built from, creation, and the error classes.
 */
export function runConformance(name: string, makeHarness: () => Promise<ConformanceHarness>): void {
  describe(`${name} adapter conformance`, () => {
    let h: ConformanceHarness;
    let tokens: TokenSet;
    let accounts: AdAccount[];
    let account: AccountRef;
    /** What the account's ads can be built from, as `listAdAssets` offered it (first of each kind). */
    let listedAssets: AdAssets = {};
    const adAssets = (): AdAssets => h.adAssets ?? listedAssets;
    let created: CreatedCampaign | undefined;

    beforeAll(async () => {
      h = await makeHarness();
    });
    afterAll(async () => h?.close());

    it('completes the OAuth round trip, with PKCE where supported', async () => {
      const verifier = randomBytes(32).toString('base64url');
      const challenge = h.adapter.capabilities.supportsPkce ? createHash('sha256').update(verifier).digest('base64url') : undefined;
      const url = h.adapter.oauth.authorizeUrl({ state: 'state-1', redirectUri: h.redirectUri, codeChallenge: challenge });
      const { code } = await h.consent(url, 'all');
      expect(code).toBeTruthy();
      const exchange = { code: code ?? '', redirectUri: h.redirectUri, codeVerifier: challenge ? verifier : undefined };
      tokens = await h.adapter.oauth.exchangeCode(exchange);
      expect(tokens.accessToken).toBeTruthy();
      if (h.adapter.capabilities.refreshableTokens) expect(tokens.refreshToken).toBeTruthy();
    });

    it('refuses a reused authorization code', async () => {
      // A separate grant: replaying a code may revoke what it issued (Google does), which must not touch `tokens`.
      const url = h.adapter.oauth.authorizeUrl({ state: 'state-3', redirectUri: h.redirectUri });
      const { code } = await h.consent(url, 'all');
      const exchange = { code: code ?? '', redirectUri: h.redirectUri };
      await h.adapter.oauth.exchangeCode(exchange);
      const reused = await failure(h.adapter.oauth.exchangeCode(exchange));
      expect(['auth_expired', 'invalid_request']).toContain(reused.kind);
    });

    it('reports a denied consent', async () => {
      const url = h.adapter.oauth.authorizeUrl({ state: 'state-2', redirectUri: h.redirectUri });
      expect((await h.consent(url, 'deny')).error).toBeTruthy();
    });

    it('lists the granted accounts with currency and time zone', async () => {
      accounts = await h.adapter.accounts.list(tokens);
      const queryable = accounts.filter((a) => !a.isManager);
      expect(queryable.length).toBeGreaterThan(0);
      for (const a of accounts) {
        expect(a.currency).toMatch(/^[A-Z]{3}$/);
        expect(a.timeZone).toMatch(/\//);
      }
      const first = queryable[0];
      if (!first) throw new Error('no account');
      account = { platformAccountId: first.platformAccountId, managerId: first.managerId, currency: first.currency, timeZone: first.timeZone };
    });

    it('pages campaigns, ad groups and ads to the end', async () => {
      for (const list of [h.adapter.campaigns.listCampaigns, h.adapter.campaigns.listAdGroups, h.adapter.campaigns.listAds]) {
        let page: string | null = null;
        let total = 0;
        let guard = 0;
        do {
          const result: { items: unknown[]; nextPage: string | null } = await list(tokens, account, page);
          total += result.items.length;
          page = result.nextPage;
        } while (page && ++guard < 100);
        expect(total).toBeGreaterThan(0);
        expect(page).toBeNull();
      }
    });

    it('pauses and enables a campaign, and changes its daily budget, reading each change back', async () => {
      const { items } = await h.adapter.campaigns.listCampaigns(tokens, account, null);
      const campaign = items.find((c) => c.dailyBudget) ?? items[0];
      if (!campaign) throw new Error('no campaign');
      expect((await h.adapter.campaigns.setStatus(tokens, account, campaign.platformId, 'paused')).status).toBe('paused');
      expect((await h.adapter.campaigns.setStatus(tokens, account, campaign.platformId, 'active')).status).toBe('active');
      if (campaign.dailyBudget) {
        const micros = campaign.dailyBudget.micros + 5_000_000;
        const updated = await h.adapter.campaigns.setBudget(tokens, account, campaign.platformId, { kind: 'daily', amount: { micros, currency: account.currency } });
        expect(updated.dailyBudget?.micros).toBe(micros);
      }
    });

    it('pulls campaign metrics for a date range by day and by hour', async () => {
      const since = addDays(h.today, -7);
      const until = addDays(h.today, -1);
      const daily = await h.adapter.metrics.pull(tokens, account, { level: 'campaign', granularity: 'day', since, until });
      expect(daily.length).toBeGreaterThan(0);
      expect(daily.every((r) => r.date >= since && r.date <= until && r.hour === null)).toBe(true);
      expect(daily.reduce((s, r) => s + r.spend.micros, 0)).toBeGreaterThan(0);
      expect(daily.every((r) => Number.isInteger(r.spend.micros) && r.spend.currency === account.currency)).toBe(true);
      const hourly = await h.adapter.metrics.pull(tokens, account, { level: 'campaign', granularity: 'hour', since: until, until });
      expect(hourly.some((r) => r.hour !== null && r.hour > 0)).toBe(true);
      const dailyOfDay = daily.filter((r) => r.date === until).reduce((s, r) => s + r.spend.micros, 0);
      const hourlySum = hourly.reduce((s, r) => s + r.spend.micros, 0);
      expect(Math.abs(hourlySum - dailyOfDay)).toBeLessThanOrEqual(hourly.length + 1);
    });

    it('classifies a request for something that does not exist', async () => {
      const error = await failure(h.adapter.campaigns.getCampaign(tokens, account, '999999999999'));
      expect(['not_found', 'invalid_request']).toContain(error.kind);
    });

    it('lists the account assets a new ad is built from, each kind the ads need non-empty', async () => {
      const choices = (await h.adapter.campaigns.listAdAssets?.(tokens, account)) ?? {};
      for (const kind of h.adapter.capabilities.requiredAdAssets) expect(choices[kind]?.length, kind).toBeGreaterThan(0);
      for (const [kind, list] of Object.entries(choices)) {
        expect(['videoId', 'pageId', 'identityId']).toContain(kind);
        expect(list.length).toBeLessThanOrEqual(AD_ASSET_LIMIT);
        expect(new Set(list.map((c) => c.id)).size, `${kind} ids are unique`).toBe(list.length);
        for (const choice of list) expect(choice.id && choice.name, `${kind} ${JSON.stringify(choice)}`).toBeTruthy();
      }
      listedAssets = Object.fromEntries(Object.entries(choices).flatMap(([kind, list]) => (list[0] ? [[kind, list[0].id]] : [])));
    });

    it('uploads an image and a video where its capabilities offer them (the same bytes keep one id), and has no upload where they do not', async () => {
      // A 1×1 PNG and the first box of an MP4 file: what every platform offering uploads takes.
      const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
      const mp4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom'), Buffer.alloc(12)]).toString('base64');
      const { capabilities, campaigns } = h.adapter;
      const uploads = [
        { offered: capabilities.imageUpload ?? undefined, upload: campaigns.uploadImage, file: { name: 'conformance.png', base64: png }, type: 'image/png' },
        { offered: capabilities.videoUpload, upload: campaigns.uploadVideo, file: { name: 'conformance.mp4', base64: mp4 }, type: 'video/mp4' },
      ];
      for (const { offered, upload, file, type } of uploads) {
        expect(Boolean(upload), `${type}: an upload method exactly where the capabilities offer one`).toBe(Boolean(offered));
        if (!offered || !upload) continue;
        expect(offered.contentTypes).toContain(type);
        const first = await upload(tokens, account, file);
        expect(first.id, type).toBeTruthy();
        expect((await upload(tokens, account, file)).id, `${type} uploaded again`).toBe(first.id);
      }
    });

    it('creates a campaign with one ad group and one ad, and reads it back', async () => {
      const spec = sampleSpec(h.adapter, account, adAssets());
      const made = await h.adapter.campaigns.create(tokens, account, spec);
      created = made;
      expect(made.campaign.platformId).toMatch(/^\d+$/);
      expect(made.campaign).toMatchObject({ name: spec.name, status: 'paused', objective: spec.objective, lifetimeBudget: null });
      expect(made.campaign.dailyBudget).toEqual(spec.budget.amount);
      expect(await h.adapter.campaigns.getCampaign(tokens, account, made.campaign.platformId)).toMatchObject({ name: spec.name, status: 'paused' });
      const groups = await everything((page) => h.adapter.campaigns.listAdGroups(tokens, account, page));
      expect(groups.find((g) => g.platformId === made.adGroupPlatformId)).toMatchObject({ campaignPlatformId: made.campaign.platformId, name: spec.adGroup.name });
      const ads = await everything((page) => h.adapter.campaigns.listAds(tokens, account, page));
      expect(ads.find((a) => a.platformId === made.adPlatformId)).toMatchObject({ adGroupPlatformId: made.adGroupPlatformId, campaignPlatformId: made.campaign.platformId });
    });

    changesConformance(() => {
      if (!created) throw new Error('the campaign was not created');
      return {
        adapter: h.adapter, tokens, account, created,
        mutations: () => h.mutations(account.platformAccountId),
        adCopy: (adId) => h.adCopy(tokens, account, adId),
        createLifetime: () => {
          const spec = sampleSpec(h.adapter, account, adAssets());
          const daily = h.adapter.capabilities.minDailyBudgetMicros(account.currency);
          return h.adapter.campaigns.create(tokens, account, {
            ...spec, name: `${spec.name} lifetime`, startDate: h.today, endDate: addDays(h.today, 10),
            budget: { kind: 'lifetime', amount: { micros: 30 * daily, currency: account.currency } },
          });
        },
      };
    });

    it('refuses an over-long headline before sending anything', async () => {
      const spec = sampleSpec(h.adapter, account, adAssets());
      spec.ad.headline = 'H'.repeat(h.adapter.capabilities.adText.headline.max + 1);
      // A token and account no platform knows: had the adapter sent a request, the answer would be an auth or permission error.
      const nowhere: AccountRef = { ...account, platformAccountId: '1000000001' };
      const error = await failure(h.adapter.campaigns.create({ accessToken: 'not-a-token' }, nowhere, spec));
      expect(error.kind).toBe('invalid_request');
      expect(error.details.field).toBe('ad.headline');
    });

    const classes: Array<['rate_limit' | 'server_error' | 'token_revoked', PlatformErrorKind]> = [
      ['rate_limit', 'rate_limited'],
      ['server_error', 'transient'],
      ['token_revoked', 'auth_expired'],
    ];
    // token_revoked last: a revoked token ends the grant the other checks use.
    for (const [fault, kind] of classes) {
      it(`classifies an injected ${fault} as ${kind}`, async () => {
        await h.injectFault(fault, account.platformAccountId);
        const error = await failure(h.adapter.campaigns.listCampaigns(tokens, account, null));
        expect(error.kind).toBe(kind);
        if (kind === 'rate_limited') expect(error.details.retryAfterSeconds).toBeGreaterThan(0);
        expect(error.details.platformMessage).toBeTruthy();
      });
    }

  });
}
