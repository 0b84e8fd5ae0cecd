import { beforeAll, describe, expect, it } from 'vitest';
import { CHANGE_TIMEOUT_MS, escape, useCampaignJourney } from './support/campaign-journey.ts';
import { sandboxAccounts } from './support/sandbox-platforms.ts';

const NEW_NAME = 'Spring relaunch – renamed in Adloop';

describe('campaign objects in the browser: rename a campaign and pause an ad set from its page, remove a Google campaign after the warning', () => {
  const j = useCampaignJourney();
  let campaign = '';
  beforeAll(async () => {
    await j.signUpOwner();
    await j.connectMetaAccount();
    await j.openCampaigns();
  });

  const meta = () => j.server.sandbox!.simulator.world().platforms.meta;
  const last = <T,>(timeline: { points: { value: T }[] }) => timeline.points.at(-1)?.value;

  it('renames a campaign from its page: the Meta sandbox has the new name', async () => {
    const active = (await j.shownRows()).find((r) => r.status.startsWith('Active'));
    if (!active) throw new Error('no active campaign');
    campaign = active.name;
    await j.table().getByRole('link', { name: campaign, exact: true }).click();
    await j.page.getByRole('heading', { name: campaign, level: 1 }).waitFor();

    await j.page.getByRole('button', { name: `More actions for ${campaign}` }).click();
    await j.page.getByRole('menuitem', { name: 'Rename…' }).click();
    const dialog = j.page.getByRole('dialog', { name: `Rename “${campaign}”` });
    const input = dialog.getByLabel('New name');
    // Checked before anything is sent: empty, then too long for the platform.
    await input.fill(' ');
    await dialog.getByRole('button', { name: 'Rename' }).click();
    await dialog.getByRole('alert').getByText('Enter a name.').waitFor();
    await input.fill(NEW_NAME);
    await dialog.getByRole('button', { name: 'Rename' }).click();
    await dialog.waitFor({ state: 'detached' });
    await j.toasts().getByText(new RegExp(`is now ${escape(NEW_NAME)}\\.$`)).waitFor({ timeout: CHANGE_TIMEOUT_MS });
    expect((await j.sandboxCampaign(NEW_NAME))?.status).toBe('ENABLED');
    await j.page.getByRole('heading', { name: NEW_NAME, level: 1 }).waitFor();
    await j.page.getByRole('list', { name: 'Changes, newest first' }).getByText(`Name: ${campaign} → ${NEW_NAME}`).first().waitFor({ timeout: CHANGE_TIMEOUT_MS });
  });

  it('pauses an ad set from the campaign page: paused on the sandbox and named in the history', async () => {
    const adSets = j.page.getByRole('region', { name: 'Ad sets' });
    const pause = adSets.getByRole('button', { name: /^Pause / }).first();
    // The button reads "Pause <ad set name>" to assistive technology.
    const adSet = ((await pause.textContent()) ?? '').replace(/^Pause\s*/, '').trim();
    await pause.click();
    await j.toasts().getByText(/^Paused an ad set of “.+”\.$/).waitFor({ timeout: CHANGE_TIMEOUT_MS });
    // Ad set names repeat across campaigns: look under this campaign only (renamed or not).
    const onPlatform = (await j.sandboxCampaign(NEW_NAME)) ?? (await j.sandboxCampaign(campaign));
    const onMeta = [...meta().adGroups.values()].find((g) => g.campaignId === onPlatform?.id && g.name === adSet);
    expect(String(onMeta && last(onMeta.status)).toLowerCase()).toBe('paused');
    const history = j.page.getByRole('list', { name: 'Changes, newest first' });
    await history.getByText(`Ad set “${adSet}”:`).waitFor({ timeout: CHANGE_TIMEOUT_MS });
  });

  it('removes a Google campaign only after saying it cannot be undone: removed on the sandbox', async () => {
    const google = (await sandboxAccounts(j.server, 'google')).find((a) => !a.isManager && a.campaigns.some((c) => c.status === 'ENABLED'));
    if (!google) throw new Error('the Google sandbox has no client account with an enabled campaign');
    const page = j.page;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Connections' }).click();
    const card = page.getByRole('region', { name: 'Google Ads' });
    await card.getByRole('button', { name: 'Connect Google Ads', exact: true }).click();
    await page.waitForURL((url) => url.origin === new URL(j.server.sandbox!.urls.googleAds).origin);
    for (const box of await page.getByRole('group', { name: 'Accounts to share' }).getByRole('checkbox').all()) await box.uncheck();
    await page.getByRole('checkbox', { name: new RegExp(`^${escape(google.name)}`) }).check();
    await page.getByRole('button', { name: 'Allow' }).click();
    const add = page.getByRole('dialog', { name: 'Choose the accounts to add' });
    await add.getByRole('checkbox', { name: google.name }).check();
    await add.getByRole('button', { name: 'Add 1 account' }).click();
    await card.getByRole('article', { name: google.name }).getByText('Health: Fresh', { exact: true }).waitFor({ timeout: 90_000 });

    const target = google.campaigns.find((c) => c.status === 'ENABLED')!;
    await j.openCampaigns();
    await j.table().getByRole('link', { name: target.name, exact: true }).click();
    await page.getByRole('button', { name: `More actions for ${target.name}` }).click();
    await page.getByRole('menuitem', { name: 'Remove…' }).click();
    const confirm = page.getByRole('dialog', { name: `Remove “${target.name}”?` });
    await confirm.getByText('This cannot be undone: a campaign removed on Google Ads can never be brought back, by Adloop or on Google Ads.').waitFor();
    await confirm.getByRole('button', { name: 'Remove for good' }).click();
    await confirm.waitFor({ state: 'detached' });
    await j.toasts().getByText(`Removed “${target.name}”.`).waitFor({ timeout: CHANGE_TIMEOUT_MS });
    const after = (await sandboxAccounts(j.server, 'google')).find((a) => a.id === google.id)?.campaigns.find((c) => c.id === target.id);
    expect(after?.status).toBe('REMOVED');
    expect(j.pageErrors).toEqual([]);
  });
});
