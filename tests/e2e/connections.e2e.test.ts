import { beforeAll, describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { useSignedOutBrowser } from './support/app-browser.ts';
import { followEmailLink, PASSWORD, signInWithPassword, signUp } from './support/journey-steps.ts';
import { metaSpendLast7DaysMicros, sandboxAccounts, type SandboxAccount } from './support/sandbox-platforms.ts';

const owner = { name: 'Olivia Owner', email: 'olivia@northwind.test', organizationName: 'Northwind Marketing' };
/**
 * Two Meta ad accounts of the sandbox's seeded world (seed 42): one in USD (America/New_York), one
 * in JPY (Asia/Tokyo), so the spend shows with and without decimals in its own currency.
 */
const PICKED = ['Northwind Outdoor – Meta', 'Sakura Tea – Meta'];
const FIRST_SYNC_TIMEOUT_MS = 90_000;

/** The browser's locale, so the amounts the page formats can be formatted the same way here. */
const LOCALE = 'en-US';
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const money = (micros: number, currency: string) => new Intl.NumberFormat(LOCALE, { style: 'currency', currency }).format(micros / 1_000_000);

interface OverviewAccount {
  id: string;
  name: string;
  platformAccountId: string;
  currency: string;
  selected: boolean;
  campaignCount: number;
  spendLast7DaysMicros: number;
  health: { state: string };
}
interface Overview {
  platforms: { id: string; available: boolean }[];
  connections: { id: string; platform: string; accounts: OverviewAccount[] }[];
}

describe('connections journey: connect Meta, pick accounts, first sync, disconnect', () => {
  const app = useSignedOutBrowser(15_000, { locale: LOCALE });
  let orgId = '';
  let connectionId = '';
  let seeded: SandboxAccount[] = [];
  /** Statuses of the live-update streams the page opened (EventSource). */
  const liveStreams: number[] = [];

  /** The API as the signed-in browser sees it. */
  const overview = () => app.page.evaluate(async (id) => (await (await fetch(`/api/v1/orgs/${id}/connections`)).json()) as Overview, orgId);
  const metaCard = () => app.page.getByRole('region', { name: 'Meta' });
  const accountRow = (name: string): Locator => metaCard().getByRole('article', { name });

  beforeAll(async () => {
    app.context.on('response', (response) => {
      if (/\/api\/v1\/orgs\/[^/]+\/events$/.test(new URL(response.url()).pathname)) liveStreams.push(response.status());
    });
    seeded = await sandboxAccounts(app.server, 'meta');
  });

  it('signs up, verifies the email and lands in the new organisation', async () => {
    const { server, page } = app;
    await page.goto(`${server.url}/sign-up`);
    await page.getByLabel('Work email').fill(owner.email);
    await signUp(page, { ...owner, password: PASSWORD });
    await followEmailLink(page, server.url, owner.email, /Verify your email/, /\/verify-email\?token=/);
    await page.getByText('Email verified').waitFor();
    await page.getByRole('link', { name: 'Sign in' }).click();
    await signInWithPassword(page, owner.email, PASSWORD);
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    orgId = /\/orgs\/([0-9a-f-]{36})\//.exec(page.url())?.[1] ?? '';
    expect(orgId).not.toBe('');
  });

  it('opens Connections from the navigation: a card per platform, nothing connected yet', async () => {
    const { page } = app;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Connections' }).click();
    await page.getByRole('heading', { name: 'Connections', level: 1 }).waitFor();
    for (const platform of ['Google Ads', 'Meta', 'TikTok']) {
      await page.getByRole('region', { name: platform }).getByRole('img', { name: `${platform} logo` }).waitFor();
    }
    await metaCard().getByText('Not connected.').waitFor();
    const meta = (await overview()).platforms.find((p) => p.id === 'meta');
    expect(meta?.available, 'Meta must be available on the sandbox server').toBe(true);
    expect(await metaCard().getByRole('button', { name: 'Connect Meta', exact: true }).isEnabled()).toBe(true);
    // The bell is there, with nothing to say yet.
    await page.getByRole('button', { name: 'Notifications' }).click();
    await page.getByRole('menu', { name: 'Notifications' }).getByText('No notifications yet.').waitFor();
    await page.keyboard.press('Escape');
  });

  it('connects Meta: the sandbox consent page grants two accounts', async () => {
    const { server, page } = app;
    const sandboxMeta = new URL(server.sandbox!.urls.meta).origin;
    await metaCard().getByRole('button', { name: 'Connect Meta', exact: true }).click();
    await page.waitForURL((url) => url.origin === sandboxMeta);
    await page.getByRole('heading', { name: 'Meta for Business sandbox' }).waitFor();
    // Every account starts ticked: share only the two.
    const boxes = page.getByRole('group', { name: 'Accounts to share' }).getByRole('checkbox');
    expect(await boxes.count()).toBeGreaterThan(PICKED.length);
    for (const box of await boxes.all()) await box.uncheck();
    for (const name of PICKED) await page.getByRole('checkbox', { name: new RegExp(`^${escape(name)}`) }).check();
    await page.getByRole('button', { name: 'Allow' }).click();

    await page.waitForURL((url) => url.origin === server.url && url.pathname === `/orgs/${orgId}/connections` && url.searchParams.has('pick'));
    connectionId = new URL(page.url()).searchParams.get('pick') ?? '';
    expect(connectionId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('offers the two accounts ticked on the consent page already ticked, with a select-all, and adds them', async () => {
    const { page } = app;
    const dialog = page.getByRole('dialog', { name: 'Choose the accounts to add' });
    await dialog.waitFor();
    await dialog.getByText('The accounts you ticked on the consent page are ticked here too.').waitFor();
    // Exactly the granted accounts are offered, each ticked as on the consent page, under one select-all.
    const selectAll = dialog.getByRole('checkbox', { name: 'Select all 2 accounts' });
    expect(await dialog.getByRole('checkbox').count()).toBe(PICKED.length + 1);
    for (const name of PICKED) expect(await dialog.getByRole('checkbox', { name }).isChecked()).toBe(true);
    expect(await selectAll.isChecked()).toBe(true);
    // Select-all clears and ticks them together; one untick leaves it half-ticked.
    await selectAll.uncheck();
    for (const name of PICKED) expect(await dialog.getByRole('checkbox', { name }).isChecked()).toBe(false);
    expect(await dialog.getByRole('button', { name: 'Add 0 accounts' }).isDisabled()).toBe(true);
    await dialog.getByRole('checkbox', { name: PICKED[0] }).check();
    expect(await selectAll.evaluate((el) => (el as unknown as { indeterminate: boolean }).indeterminate)).toBe(true);
    await selectAll.check();
    for (const name of PICKED) expect(await dialog.getByRole('checkbox', { name }).isChecked()).toBe(true);
    await dialog.getByRole('button', { name: 'Add 2 accounts' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.waitForURL((url) => !url.searchParams.has('pick'));
    for (const name of PICKED) await accountRow(name).waitFor();
    // Connected: connecting again is no longer the card's main action.
    expect(await metaCard().getByRole('button', { name: 'Connect Meta', exact: true }).count()).toBe(0);
    const reconnect = metaCard().getByRole('button', { name: 'Reconnect Meta', exact: true });
    expect(await reconnect.getAttribute('class')).toContain('ring-gray-300');
    await metaCard().getByText('To share other accounts, reconnect and tick them on Meta’s consent page.').waitFor();
  });

  it('syncs both accounts for the first time: fresh, with the sandbox’s campaign count and spend', async () => {
    const { server } = app;
    // The page follows live updates (polling only every 20 s while the stream is open), so the sync's end shows at once.
    expect(liveStreams).toContain(200);
    for (const name of PICKED) {
      await accountRow(name).getByText('Health: Fresh', { exact: true }).waitFor({ timeout: FIRST_SYNC_TIMEOUT_MS });
    }
    const current = await overview();
    const connection = current.connections.find((c) => c.id === connectionId);
    expect(connection?.platform).toBe('meta');
    for (const name of PICKED) {
      const truth = seeded.find((a) => a.name === name);
      if (!truth) throw new Error(`the sandbox has no Meta account named ${name}`);
      const account = connection?.accounts.find((a) => a.platformAccountId === truth.id);
      expect(account, `${name} in the overview`).toBeDefined();
      expect(account?.selected).toBe(true);
      expect(account?.health.state).toBe('fresh');

      const spendMicros = await metaSpendLast7DaysMicros(server, truth.id);
      expect(spendMicros, `the sandbox spent something on ${name} last week`).toBeGreaterThan(0);
      // Soft: a wrong number on one account still lets the other be checked in the same run.
      // The API: exactly the sandbox's numbers.
      expect.soft({ campaigns: account?.campaignCount, spendMicros: account?.spendLast7DaysMicros }, `${name}: campaigns and 7-day spend from the API`).toEqual({
        campaigns: truth.campaigns.length,
        spendMicros,
      });
      // The page: the same, the spend in the account's own currency (JPY without decimals).
      const text = await accountRow(name).innerText();
      expect.soft(text, `${name}: campaign count on the page`).toMatch(new RegExp(`Campaigns\\s+${truth.campaigns.length}\\b`));
      expect.soft(text, `${name}: 7-day spend on the page`).toContain(`Spend, last 7 days\n${money(spendMicros, truth.currency)}`);
      expect(text).toContain(truth.id);
      expect(text).toContain(truth.timeZone);
    }
  });

  it('shows an account’s campaigns and its sync log', async () => {
    const name = PICKED[0]!;
    const truth = seeded.find((a) => a.name === name)!;
    const row = accountRow(name);
    await row.getByRole('button', { name: `Campaigns and sync log of ${name}` }).click();
    const campaigns = row.getByRole('table', { name: new RegExp(`^Campaigns of ${escape(name)}`) });
    await campaigns.waitFor();
    for (const campaign of truth.campaigns) await campaigns.getByRole('rowheader', { name: new RegExp(escape(campaign.name)) }).waitFor();
    const log = row.getByRole('table', { name: `Sync log of ${name}, newest first` });
    await log.waitFor();
    await log.getByText('Succeeded').first().waitFor();
    // One date format on the page: the browser locale's medium date and short time (days alone in the same style).
    const card = await metaCard().innerText();
    const dateTime = /[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2}\s?[AP]M/;
    expect(card).toMatch(new RegExp(`Connected ${dateTime.source}`));
    expect(card).toMatch(new RegExp(`synced ${dateTime.source}`));
    expect(card, 'no ISO dates').not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(card, 'no relative times').not.toMatch(/\bago\b/);
  });

  it('connects Google Ads through its manager: the manager is the access path, only the client ticked on the consent page arrives ticked', async () => {
    const { server, page } = app;
    const TICKED = 'Northwind Outdoor US';
    const OTHER_CLIENTS = ['Lumen Skincare DE', 'Sakura Tea JP'];
    const manager = (await sandboxAccounts(server, 'google')).find((a) => a.isManager);
    if (!manager) throw new Error('the Google sandbox has no manager account');
    const googleCard = page.getByRole('region', { name: 'Google Ads' });
    await googleCard.getByRole('button', { name: 'Connect Google Ads', exact: true }).click();
    await page.waitForURL((url) => url.origin === new URL(server.sandbox!.urls.googleAds).origin);
    for (const box of await page.getByRole('group', { name: 'Accounts to share' }).getByRole('checkbox').all()) await box.uncheck();
    for (const name of [manager.name, TICKED]) await page.getByRole('checkbox', { name: new RegExp(`^${escape(name)}`) }).check();
    await page.getByRole('button', { name: 'Allow' }).click();

    const dialog = page.getByRole('dialog', { name: 'Choose the accounts to add' });
    await dialog.getByText(`Through the manager account ${manager.name}`).waitFor();
    // The manager is not an account to add; its clients are, and only the one ticked on the consent page is ticked.
    expect(await dialog.getByRole('checkbox', { name: manager.name }).count()).toBe(0);
    expect(await dialog.getByRole('checkbox', { name: TICKED }).isChecked()).toBe(true);
    for (const name of OTHER_CLIENTS) expect(await dialog.getByRole('checkbox', { name }).isChecked()).toBe(false);
    expect(await dialog.getByRole('checkbox', { name: 'Select all 3 accounts' }).isChecked()).toBe(false);
    await dialog.getByRole('button', { name: 'Add 1 account' }).waitFor();
    await dialog.getByRole('button', { name: 'Not now' }).click();
    await dialog.waitFor({ state: 'detached' });
    await googleCard.getByText('No accounts added yet').waitFor();
  });

  it('disconnects Meta after confirming: the connection is gone', async () => {
    const { page, pageErrors } = app;
    await metaCard().getByRole('button', { name: 'Disconnect Meta', exact: true }).click();
    const confirm = page.getByRole('dialog', { name: 'Disconnect Meta?' });
    await confirm.getByText("revokes Adloop's access").waitFor();
    await confirm.getByText('history already in Adloop stays').waitFor();
    await confirm.getByRole('button', { name: 'Disconnect' }).click();
    await confirm.waitFor({ state: 'detached' });
    await metaCard().getByText('Not connected.').waitFor();
    expect(await metaCard().getByRole('article').count()).toBe(0);
    expect((await overview()).connections.filter((c) => c.platform === 'meta')).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
