import type { Locator } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT, CHANGE_TIMEOUT_MS, FIRST_SYNC_TIMEOUT_MS, escape, useCampaignJourney } from './support/campaign-journey.ts';
import { metaCreativePages, metaPromotablePages, sandboxAccounts, tiktokAdVideos, tiktokLibraryVideos } from './support/sandbox-platforms.ts';

const NEW_CAMPAIGN = 'E2E Summer Sale';
/** A TikTok advertiser of the same world, for a campaign whose video comes from its library. */
const TIKTOK_ACCOUNT = 'Northwind Outdoor TT';
const TIKTOK_CAMPAIGN = 'E2E Trail Video';
const UPLOAD_CAMPAIGN = 'E2E Own Film';
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
// The first box of an MP4 file: size, "ftyp", brand "isom".
const MP4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom'), Buffer.alloc(12)]);

describe('campaign wizard in the browser: a Meta campaign with its Page, seen after the next sync, and TikTok campaigns with a library video and with an uploaded one', () => {
  const j = useCampaignJourney();

  /** From the campaign list through the TikTok wizard's first steps to the ad step: account, name, objective, 60 a day, US. */
  async function walkTikTokWizardToAd(campaignName: string, currency: string): Promise<Locator> {
    await j.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Campaigns' }).click();
    await j.page.getByRole('link', { name: 'New campaign' }).click();
    const next = j.page.getByRole('button', { name: 'Next' });
    await j.page.getByRole('radio', { name: 'TikTok', exact: true }).check();
    await next.click();
    await j.page.getByRole('radio', { name: TIKTOK_ACCOUNT }).check();
    await next.click();
    await j.page.getByLabel('Campaign name').fill(campaignName);
    await j.page.getByRole('group', { name: 'Objective' }).getByRole('radio').first().check();
    await next.click();
    await j.page.getByLabel(`Daily budget in ${currency}`).fill('60.00');
    await next.click();
    await j.page.getByLabel('Ad group name').fill(`${campaignName} – US`);
    await j.page.getByRole('combobox', { name: 'Countries' }).fill('US');
    await j.page.getByRole('combobox', { name: 'Countries' }).press('Enter');
    await next.click();
    return next;
  }

  beforeAll(async () => {
    await j.signUpOwner();
    await j.connectMetaAccount();
    await j.openCampaigns();
  });

  it('creates a campaign through the wizard: a draft that survives a reload, amounts in the browser’s locale, countries by name, one-click return to review', async () => {
    await j.page.getByRole('link', { name: 'New campaign' }).click();
    await j.page.getByRole('heading', { name: 'New campaign', level: 1 }).waitFor();
    const next = j.page.getByRole('button', { name: 'Next' });

    await j.page.getByRole('radio', { name: 'Meta', exact: true }).check();
    await next.click();
    await j.page.getByRole('radio', { name: ACCOUNT }).check();
    await next.click();
    await j.page.getByLabel('Campaign name').fill(NEW_CAMPAIGN);
    // Objectives by name, Meta's five website objectives.
    const objectives = j.page.getByRole('group', { name: 'Objective' });
    expect(await objectives.getByRole('radio').count()).toBe(5);
    await objectives.getByRole('radio', { name: 'Leads' }).check();
    await next.click();
    // en-US: "1,5" is a slip (not fifteen), "1,500" is fifteen hundred, "$25" is understood.
    const amount = j.page.getByLabel(`Daily budget in ${j.truth.currency}`);
    await amount.fill('1,5');
    await amount.blur();
    await j.page.getByText(/Check the separators/).waitFor();
    await amount.fill('1,500');
    await j.page.getByText('= $1,500.00 a day.').waitFor();
    await amount.fill('$25');
    await j.page.getByText('= $25.00 a day.').waitFor();
    await next.click();
    await j.page.getByLabel('Ad set name').fill(`${NEW_CAMPAIGN} – US and DE`);
    const countries = j.page.getByRole('combobox', { name: 'Countries' });
    await countries.fill('germ');
    await j.page.getByRole('option', { name: 'Germany' }).waitFor();
    await countries.press('Enter');
    await countries.fill('united st');
    await j.page.getByRole('option', { name: 'United States', exact: true }).click();
    const chosen = j.page.getByRole('list', { name: 'Chosen countries' }).getByRole('listitem');
    expect(await chosen.allTextContents()).toEqual(['Germany', 'United States']);
    await j.page.getByLabel('Minimum age').selectOption('25');

    // A reload keeps the draft and the step.
    await j.page.reload();
    await j.page.getByLabel('Ad set name').waitFor();
    expect(await j.page.getByLabel('Ad set name').inputValue()).toBe(`${NEW_CAMPAIGN} – US and DE`);
    expect(await chosen.count()).toBe(2);
    expect(await j.page.getByLabel('Minimum age').inputValue()).toBe('25');
    await next.click();

    await j.page.getByLabel('Ad name').fill(`${NEW_CAMPAIGN} – ad`);
    const headline = j.page.getByRole('textbox', { name: /^Headline/ });
    const limit = Number(/\/\s*(\d+)/.exec((await j.page.getByText(/^0 \/ \d+/).first().textContent()) ?? '')?.[1]);
    expect(limit).toBeGreaterThan(0);
    // Over the platform's limit: the counter says so and Next is blocked.
    await headline.fill('x'.repeat(limit + 3));
    await j.page.getByText('3 too many').waitFor();
    expect(await next.isDisabled()).toBe(true);
    await headline.fill('Summer gear, 20 % off');
    expect(await next.isEnabled()).toBe(true);
    await j.page.getByRole('textbox', { name: /^Primary text/ }).fill('Tents, boots and jackets for the season.');
    await j.page.getByLabel('Final URL').fill('https://northwind.example/summer');
    // The organisation's UTM template, filled in with the names.
    const tagged = 'https://northwind.example/summer?utm_source=meta&utm_medium=paid&utm_campaign=e2e_summer_sale&utm_content=e2e_summer_sale_ad';
    await j.page.getByTestId('tagged-url').getByText(tagged).waitFor();
    const cta = j.page.getByLabel('Call to action');
    if ((await cta.count()) > 0) await cta.selectOption({ index: 1 });
    // The Page the ad runs as: picked from the account's own Pages, listed from Meta, not typed.
    const pages = await metaPromotablePages(j.server, j.truth.id);
    expect(pages.length).toBeGreaterThan(0);
    const pagePicker = j.page.getByRole('combobox', { name: 'Facebook Page' });
    await pagePicker.waitFor();
    const offered = (await pagePicker.locator('option').allTextContents()).filter((label) => !label.endsWith('…'));
    expect(offered).toEqual(pages.map((p) => p.name));
    const chosenPage = pages[pages.length - 1]!;
    await pagePicker.selectOption({ label: chosenPage.name });
    expect(await pagePicker.inputValue()).toBe(chosenPage.id);
    expect(await j.page.getByRole('textbox', { name: /Page id/ }).count()).toBe(0);
    // An image for the ad: a text file is refused before upload, a PNG is uploaded to Meta's library.
    const image = j.page.getByLabel(/^Image/);
    await image.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not an image') });
    await j.page.getByText('Choose a JPEG, PNG, GIF image').waitFor();
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    await image.setInputFiles({ name: 'summer.png', mimeType: 'image/png', buffer: png });
    await j.page.getByText('Uploaded: summer.png').waitFor();
    // The ad as a Meta feed post: by the Page, primary text, headline, the landing page's host.
    const preview = j.page.getByRole('figure', { name: 'Ad preview' });
    await preview.getByText('summer.png').waitFor();
    await preview.getByText(chosenPage.name).waitFor();
    await preview.getByText('Tents, boots and jackets for the season.').waitFor();
    await preview.getByText('Summer gear, 20 % off').waitFor();
    await preview.getByText('northwind.example').waitFor();
    await next.click();

    await j.page.getByRole('heading', { name: /Review/ }).waitFor();
    await j.page.getByText(NEW_CAMPAIGN, { exact: false }).first().waitFor();
    await j.page.getByText(`Facebook Page: ${chosenPage.name}`).waitFor();
    await j.page.getByText(tagged).waitFor();
    // Edit from the review: one click back to it.
    await j.page.getByRole('button', { name: 'Edit budget' }).click();
    await amount.fill('30');
    await j.page.getByRole('button', { name: 'Back to review' }).click();
    await j.page.getByRole('heading', { name: /Review/ }).waitFor();
    await j.page.getByText('$30.00 per day').waitFor();
    await j.page.getByRole('button', { name: 'Create campaign' }).click();
    await j.page.getByRole('heading', { name: 'Campaign created' }).waitFor({ timeout: CHANGE_TIMEOUT_MS });
    expect(await j.sandboxCampaign(NEW_CAMPAIGN), 'the campaign exists on the Meta sandbox').toBeDefined();
    expect((await metaCreativePages(j.server, j.truth.id)).get(`${NEW_CAMPAIGN} – ad creative`), 'the ad runs as the Page picked').toBe(chosenPage.id);

    // Its change history starts with its creation, by the person who created it.
    await j.page.getByRole('link', { name: 'Open the campaign' }).click();
    const history = j.page.getByRole('list', { name: 'Changes, newest first' });
    await history.getByText('Created', { exact: false }).first().waitFor();
    await history.getByText(/Leads · daily budget \$30\.00/).waitFor();
    // The draft was cleared: a new wizard starts empty.
    await j.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Campaigns' }).click();
    await j.page.getByRole('link', { name: 'New campaign' }).click();
    expect(await j.page.getByRole('radio', { name: 'Meta', exact: true }).isChecked()).toBe(false);
    await j.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Campaigns' }).click();
  });

  it('shows the new campaign in the table after the next sync', async () => {
    type Runs = { items: { id: string; kind: string; status: string }[] };
    const runsPath = `/api/v1/orgs/${j.orgId}/ad-accounts/${j.adloopAccountId}/sync-runs?limit=50`;
    const runs = async () => (await j.apiCall<Runs>('GET', runsPath)).body.items;
    const deadline = Date.now() + FIRST_SYNC_TIMEOUT_MS;
    // Creating queues a sync of its own: let a running one finish first, or "Sync now" would find
    // the account busy (leased) and skip, and no new run would show.
    let before: Set<string>;
    for (;;) {
      const now = await runs();
      if (!now.some((r) => r.status === 'running')) {
        before = new Set(now.map((r) => r.id));
        break;
      }
      if (Date.now() > deadline) throw new Error('a sync kept running');
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    // "Sync now", as the Connections j.page's button does.
    const sync = await j.apiCall('POST', `/api/v1/orgs/${j.orgId}/ad-accounts/${j.adloopAccountId}/sync`, {});
    expect(sync.status).toBe(202);
    for (;;) {
      const now = await runs();
      const fresh = now.filter((r) => !before.has(r.id));
      if (fresh.some((r) => r.kind === 'structure' && r.status === 'succeeded') && !now.some((r) => r.status === 'running')) break;
      if (fresh.some((r) => r.status === 'failed')) throw new Error(`the sync failed: ${JSON.stringify(fresh)}`);
      if (Date.now() > deadline) throw new Error(`the sync after creating the campaign did not finish: ${JSON.stringify(fresh)}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    await j.page.getByLabel('Campaign name').fill(NEW_CAMPAIGN);
    await j.page.waitForURL((url) => url.searchParams.get('q') === NEW_CAMPAIGN);
    await j.table().getByRole('link', { name: NEW_CAMPAIGN, exact: true }).waitFor();
    const row = j.table().getByRole('row').filter({ has: j.page.getByRole('link', { name: NEW_CAMPAIGN, exact: true }) });
    await row.getByText('Paused', { exact: true }).waitFor();
    expect(j.pageErrors).toEqual([]);
  });

  it('creates a TikTok campaign whose video is picked from the account’s library', async () => {
    const advertiser = (await sandboxAccounts(j.server, 'tiktok')).find((a) => a.name === TIKTOK_ACCOUNT);
    if (!advertiser) throw new Error(`the sandbox has no TikTok advertiser named ${TIKTOK_ACCOUNT}`);
    await j.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Connections' }).click();
    await j.page.getByRole('heading', { name: 'Connections', level: 1 }).waitFor();
    await j.page.getByRole('region', { name: 'TikTok' }).getByRole('button', { name: 'Connect TikTok', exact: true }).click();
    await j.page.waitForURL((url) => url.origin === new URL(j.server.sandbox!.urls.tiktok).origin);
    for (const box of await j.page.getByRole('group', { name: 'Accounts to share' }).getByRole('checkbox').all()) await box.uncheck();
    await j.page.getByRole('checkbox', { name: new RegExp(`^${escape(TIKTOK_ACCOUNT)}`) }).check();
    await j.page.getByRole('button', { name: 'Allow' }).click();
    const dialog = j.page.getByRole('dialog', { name: 'Choose the accounts to add' });
    await dialog.getByRole('checkbox', { name: TIKTOK_ACCOUNT }).check();
    await dialog.getByRole('button', { name: 'Add 1 account' }).click();
    await dialog.waitFor({ state: 'detached' });

    const next = await walkTikTokWizardToAd(TIKTOK_CAMPAIGN, advertiser.currency);

    await j.page.getByLabel('Ad name').fill(`${TIKTOK_CAMPAIGN} – ad`);
    await j.page.getByRole('textbox', { name: /^Description/ }).fill('Trail shoes for every season, shipped free.');
    await j.page.getByLabel('Final URL').fill('https://northwind.example/trail');
    // The library as TikTok lists it, not an id to type.
    const library = await tiktokLibraryVideos(j.server, advertiser.id);
    expect(library.length).toBeGreaterThan(1);
    const picker = j.page.getByRole('combobox', { name: 'Video', exact: true });
    await picker.waitFor();
    expect(await j.page.getByRole('textbox', { name: 'Video id' }).count()).toBe(0);
    const offered = (await picker.locator('option').allTextContents()).filter((label) => !label.endsWith('…'));
    expect(offered.map((label) => label.split(' · ')[0])).toEqual(library.map((v) => v.file_name));
    expect(offered.every((label) => / · \d+(\.\d)? s · \d+×\d+$/.test(label))).toBe(true);
    // Next without a video: the picker says what is missing.
    await next.click();
    await j.page.getByText('Choose a video', { exact: true }).waitFor();
    expect(await picker.getAttribute('aria-invalid')).toBe('true');
    const video = library[1]!;
    await picker.selectOption({ label: offered[1]! });
    expect(await picker.inputValue()).toBe(video.video_id);
    // The advertiser's one custom identity is chosen for the person.
    expect(await j.page.getByRole('combobox', { name: 'Identity', exact: true }).inputValue()).not.toBe('');
    await j.page.getByRole('figure', { name: 'Ad preview' }).getByText('Trail shoes for every season, shipped free.').waitFor();
    await next.click();

    await j.page.getByRole('heading', { name: /Review/ }).waitFor();
    await j.page.getByText(`Video: ${offered[1]!}`).waitFor();
    await j.page.getByRole('button', { name: 'Create campaign' }).click();
    await j.page.getByRole('heading', { name: 'Campaign created' }).waitFor({ timeout: CHANGE_TIMEOUT_MS });
    expect((await tiktokAdVideos(j.server, advertiser.id)).get(`${TIKTOK_CAMPAIGN} – ad`), 'the ad uses the video picked').toBe(video.video_id);
    expect(j.pageErrors).toEqual([]);
  });

  it('uploads the TikTok ad’s own video and cover image, and the ad is created with the uploaded video', async () => {
    const advertiser = (await sandboxAccounts(j.server, 'tiktok')).find((a) => a.name === TIKTOK_ACCOUNT)!;
    const next = await walkTikTokWizardToAd(UPLOAD_CAMPAIGN, advertiser.currency);

    await j.page.getByLabel('Ad name').fill(`${UPLOAD_CAMPAIGN} – ad`);
    await j.page.getByRole('textbox', { name: /^Description/ }).fill('Our own trail film.');
    await j.page.getByLabel('Final URL').fill('https://northwind.example/film');
    const upload = j.page.getByLabel(/^Upload a video/);
    await upload.setInputFiles({ name: 'cover.png', mimeType: 'image/png', buffer: PNG });
    await j.page.getByText('Choose an MP4, MOV video', { exact: true }).waitFor();
    await upload.setInputFiles({ name: 'trail-film.mp4', mimeType: 'video/mp4', buffer: MP4 });
    await j.page.getByText('Uploaded: trail-film.mp4').waitFor();
    const picker = j.page.getByRole('combobox', { name: 'Video', exact: true });
    await expect.poll(() => picker.inputValue()).toMatch(/^v10033g50000[0-9a-f]{20}$/);
    const videoId = await picker.inputValue();
    expect((await tiktokLibraryVideos(j.server, advertiser.id)).map((v) => v.video_id)).toContain(videoId);
    await j.page.getByLabel(/^Cover image/).setInputFiles({ name: 'cover.png', mimeType: 'image/png', buffer: PNG });
    await j.page.getByText('Uploaded: cover.png').waitFor();
    await next.click();

    await j.page.getByRole('heading', { name: /Review/ }).waitFor();
    await j.page.getByRole('button', { name: 'Create campaign' }).click();
    await j.page.getByRole('heading', { name: 'Campaign created' }).waitFor({ timeout: CHANGE_TIMEOUT_MS });
    expect((await tiktokAdVideos(j.server, advertiser.id)).get(`${UPLOAD_CAMPAIGN} – ad`), 'the ad uses the uploaded video').toBe(videoId);
    expect(j.pageErrors).toEqual([]);
  });
});
