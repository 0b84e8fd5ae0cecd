import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { apiFromPage, describeFailure, launchBrowser } from './support/browser.ts';
import { startAppServer, type AppServer } from './support/app-server.ts';
import { followEmailLink, PASSWORD, signInWithPassword, signUp } from './support/journey-steps.ts';
import { metaCampaignSpendMicros, metaCreativePages, metaPromotablePages, metaUpdateCampaign, sandboxAccounts, tiktokAdVideos, tiktokLibraryVideos, type SandboxAccount } from './support/sandbox-platforms.ts';

const owner = { name: 'Carla Campaigns', email: 'carla@northwind.test', organizationName: 'Northwind Campaigns' };
/** One Meta ad account of the sandbox's seeded world (seed 42), in USD. */
const ACCOUNT = 'Northwind Outdoor – Meta';
const NEW_CAMPAIGN = 'E2E Summer Sale';
/** A TikTok advertiser of the same world, for a campaign whose video comes from its library. */
const TIKTOK_ACCOUNT = 'Northwind Outdoor TT';
const TIKTOK_CAMPAIGN = 'E2E Trail Video';
const FIRST_SYNC_TIMEOUT_MS = 90_000;
/** A change goes to the platform through a job; the page polls it every second. */
const CHANGE_TIMEOUT_MS = 30_000;
const LOCALE = 'en-US';
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** "$1,234.56" → 1234.56 (the page formats in en-US). */
const amount = (text: string) => Number(text.replace(/[^0-9.-]/g, ''));

interface OverviewAccount {
  id: string;
  name: string;
  platformAccountId: string;
  health: { state: string; structureSyncedAt: string | null };
}
interface Overview {
  connections: { id: string; platform: string; accounts: OverviewAccount[] }[];
}
interface Row {
  name: string;
  platform: string;
  status: string;
  spend: number;
}

describe('campaigns journey: filter and sort, pause and undo on the platform, create through the wizard', () => {
  let server: AppServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let orgId = '';
  let truth: SandboxAccount;
  let adloopAccountId = '';
  let paused = '';
  const pageErrors: string[] = [];

  const apiCall = <T,>(method: 'GET' | 'POST', path: string, body?: unknown) => apiFromPage<T>(page, method, path, body);
  const overview = async () => (await apiCall<Overview>('GET', `/api/v1/orgs/${orgId}/connections`)).body;
  const sandboxCampaign = async (name: string) => (await sandboxAccounts(server, 'meta')).find((a) => a.id === truth.id)?.campaigns.find((c) => c.name === name);
  const table = (): Locator => page.getByRole('table', { name: /^Campaigns,/ });
  const toasts = (): Locator => page.getByRole('region', { name: 'Campaign changes' });

  /** The table as shown: campaign name, platform, status and spend per row, in order. */
  const shownRows = async (): Promise<Row[]> => {
    await page.locator('[aria-busy="true"]').waitFor({ state: 'detached' });
    return table().evaluate((el) => {
      const headers = [...el.querySelectorAll('thead th')].map((th) => th.textContent?.trim() ?? '');
      const col = (label: string) => headers.findIndex((h) => h.startsWith(label));
      return [...el.querySelectorAll('tbody tr')].map((tr) => {
        const cells = [...tr.children];
        const text = (label: string) => cells[col(label)]?.textContent?.trim() ?? '';
        return { name: tr.querySelector('th a')?.textContent?.trim() ?? '', platform: text('Platform'), status: text('Status'), spendText: text('Spend') };
      });
    }).then((rows) => rows.map(({ spendText, ...row }) => ({ ...row, spend: amount(spendText) })));
  };

  beforeAll(async () => {
    server = await startAppServer();
    browser = await launchBrowser();
    context = await browser.newContext({ locale: LOCALE, acceptDownloads: true });
    context.on('weberror', (error) => pageErrors.push(error.error().message));
    context.setDefaultTimeout(15_000);
    page = await context.newPage();
    const seeded = (await sandboxAccounts(server, 'meta')).find((a) => a.name === ACCOUNT);
    if (!seeded) throw new Error(`the sandbox has no Meta account named ${ACCOUNT}`);
    truth = seeded;
  });

  afterEach(async (test) => {
    if (test.task.result?.state === 'fail') console.error(await describeFailure(context));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('signs up and lands on a dashboard that asks to connect ad accounts', async () => {
    await page.goto(`${server.url}/sign-up`);
    await page.getByLabel('Work email').fill(owner.email);
    await signUp(page, { ...owner, password: PASSWORD });
    await followEmailLink(page, server.url, owner.email, /Verify your email/, /\/verify-email\?token=/);
    await page.getByText('Email verified').waitFor();
    await page.getByRole('link', { name: 'Sign in' }).click();
    await signInWithPassword(page, owner.email, PASSWORD);
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.getByText('Connect your ad accounts', { exact: true }).waitFor();
    orgId = /\/orgs\/([0-9a-f-]{36})\//.exec(page.url())?.[1] ?? '';
    expect(orgId).not.toBe('');
  });

  it('connects Meta with one account and waits for its first sync', async () => {
    await page.getByRole('link', { name: 'Go to Connections' }).click();
    await page.getByRole('heading', { name: 'Connections', level: 1 }).waitFor();
    const metaCard = page.getByRole('region', { name: 'Meta' });
    await metaCard.getByRole('button', { name: 'Connect Meta', exact: true }).click();
    await page.waitForURL((url) => url.origin === new URL(server.sandbox!.urls.meta).origin);
    for (const box of await page.getByRole('group', { name: 'Accounts to share' }).getByRole('checkbox').all()) await box.uncheck();
    await page.getByRole('checkbox', { name: new RegExp(`^${escape(ACCOUNT)}`) }).check();
    await page.getByRole('button', { name: 'Allow' }).click();

    const dialog = page.getByRole('dialog', { name: 'Choose the accounts to add' });
    await dialog.getByRole('checkbox', { name: ACCOUNT }).check();
    await dialog.getByRole('button', { name: 'Add 1 account' }).click();
    await dialog.waitFor({ state: 'detached' });
    await metaCard.getByRole('article', { name: ACCOUNT }).getByText('Health: Fresh', { exact: true }).waitFor({ timeout: FIRST_SYNC_TIMEOUT_MS });
    const account = (await overview()).connections.flatMap((c) => c.accounts).find((a) => a.platformAccountId === truth.id);
    expect(account?.health.state).toBe('fresh');
    adloopAccountId = account?.id ?? '';
  });

  it('shows the dashboard with KPI cards and Meta’s freshness', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
    await page.getByRole('list', { name: 'Key numbers' }).waitFor();
    for (const kpi of ['Spend', 'Conversions', 'CPA', 'ROAS', 'Clicks', 'CTR', 'CPC', 'CPM']) await page.getByRole('list', { name: 'Key numbers' }).getByRole('listitem', { name: kpi }).waitFor();
    await page.getByRole('listitem', { name: 'Meta freshness' }).getByText('Health: Fresh').waitFor();
    // The organisation counts days in UTC; the account keeps New York's: the totals say how days are cut.
    await page.getByText(`${ACCOUNT} keeps America/New_York`).waitFor();
    await page.getByRole('button', { name: 'Last 7 days' }).click();
    await page.waitForURL((url) => url.searchParams.get('range') === '7');
    await page.getByRole('button', { name: 'Last 7 days', pressed: true }).waitFor();
  });

  it('lists the account’s campaigns, filtered to Meta and sorted by spend both ways', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Campaigns' }).click();
    await page.getByRole('heading', { name: 'Campaigns', level: 1 }).waitFor();
    await table().waitFor();
    await page.getByLabel('Platform').selectOption('meta');
    await page.waitForURL((url) => url.searchParams.get('platform') === 'meta');
    // The last 7 days: well inside what the first sync pulled (its backfill is shorter than 30 days).
    // Complete days up to yesterday in the organisation's time zone, the API's default `until` too.
    type Listed = { range: { since: string; until: string }; items: { name: string; platformId: string; metrics: { spendMicros: number } }[] };
    const until = (await apiCall<Listed>('GET', `/api/v1/orgs/${orgId}/campaigns?limit=1`)).body.range.until;
    const since = new Date(Date.parse(`${until}T00:00:00Z`) - 6 * 86_400_000).toISOString().slice(0, 10);
    const day = (d: string) => new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${d}T00:00:00Z`));
    await page.getByRole('button', { name: 'Last 7 days' }).click();
    await page.waitForURL((url) => url.searchParams.get('range') === '7');
    // The table's caption names the range the server answered for.
    await page.getByRole('table', { name: `Campaigns, ${day(since)} – ${day(until)}, sorted by Spend descending` }).waitFor();

    let rows = await shownRows();
    expect(new Set(rows.map((r) => r.platform))).toEqual(new Set(['Meta']));
    expect(rows.map((r) => r.name).sort()).toEqual(truth.campaigns.map((c) => c.name).sort());

    // Spend descending is the default; one click on the header turns it ascending, another back.
    const spendHeader = table().getByRole('columnheader', { name: /^Spend/ });
    expect(await spendHeader.getAttribute('aria-sort')).toBe('descending');
    const descending = rows.map((r) => r.spend);
    expect(descending).toEqual([...descending].sort((a, b) => b - a));
    // The same order as the sandbox's own spend per campaign over those 7 days.
    const listed = await apiCall<Listed>('GET', `/api/v1/orgs/${orgId}/campaigns?platform=meta&sort=spend&dir=desc&limit=200&since=${since}&until=${until}`);
    expect(listed.status).toBe(200);
    const bySandbox = await metaCampaignSpendMicros(server, truth.id, listed.body.range);
    for (const item of listed.body.items) expect.soft(item.metrics.spendMicros, `${item.name}: spend against the sandbox`).toBe(bySandbox.get(item.platformId) ?? 0);
    const sandboxOrder = [...listed.body.items].sort((a, b) => (bySandbox.get(b.platformId) ?? 0) - (bySandbox.get(a.platformId) ?? 0)).map((i) => i.name);
    expect(rows.map((r) => r.name)).toEqual(sandboxOrder);

    await spendHeader.getByRole('button').click();
    await page.waitForURL((url) => url.searchParams.get('sort') === 'spend' && url.searchParams.get('dir') === 'asc');
    await table().getByRole('columnheader', { name: /^Spend/, exact: false }).and(page.locator('[aria-sort="ascending"]')).waitFor();
    rows = await shownRows();
    const ascending = rows.map((r) => r.spend);
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
    expect(ascending.length).toBe(truth.campaigns.length);

    await table().getByRole('columnheader', { name: /^Spend/ }).getByRole('button').click();
    await page.waitForURL((url) => url.searchParams.get('dir') === 'desc');
    rows = await shownRows();
    const again = rows.map((r) => r.spend);
    expect(again).toEqual([...again].sort((a, b) => b - a));
    expect(again.length).toBe(ascending.length);
  });

  it('adds a column from the chooser and exports exactly the visible columns as CSV', async () => {
    await page.getByRole('button', { name: 'Columns' }).click();
    await page.getByRole('menuitemcheckbox', { name: /^Impressions/ }).click();
    await page.keyboard.press('Escape');
    await table().getByRole('columnheader', { name: /^Impressions/ }).waitFor();
    const href = await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href');
    const csv = await page.evaluate(async (url) => {
      const response = await fetch(url);
      return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
    }, href ?? '');
    expect(csv.status, csv.text.slice(0, 300)).toBe(200);
    expect(csv.type).toContain('text/csv');
    const lines = csv.text.trim().split(/\r?\n/);
    expect(lines[0]).toBe('platform,account,name,status,currency,daily_budget,lifetime_budget,spend,impressions,clicks,ctr,cpc,conversions,cpa,roas');
    expect(lines.length).toBe(truth.campaigns.length + 1);
    // The choice is remembered in this browser.
    await page.reload();
    await table().getByRole('columnheader', { name: /^Impressions/ }).waitFor();
  });

  it('pauses a campaign: the sandbox reports it paused', async () => {
    const rows = await shownRows();
    const active = rows.find((r) => r.status.startsWith('Active'));
    if (!active) throw new Error(`no active campaign among ${JSON.stringify(rows)}`);
    paused = active.name;
    expect((await sandboxCampaign(paused))?.status).toBe('ENABLED');

    await table().getByRole('button', { name: `Pause ${paused}`, exact: true }).click();
    await toasts().getByText(`Paused “${paused}”.`).waitFor({ timeout: CHANGE_TIMEOUT_MS });
    expect((await sandboxCampaign(paused))?.status).toBe('PAUSED');
    const row = table().getByRole('row').filter({ has: page.getByRole('link', { name: paused, exact: true }) });
    await row.getByText('Paused', { exact: true }).waitFor();
    await row.getByRole('button', { name: `Enable ${paused}`, exact: true }).waitFor();
  });

  it('undoes the pause from the toast: the sandbox reports it active again', async () => {
    await toasts().getByRole('button', { name: new RegExp(`^Undo the change of ${escape(paused)}`) }).click();
    await toasts().getByText(`Undone: “${paused}” is active again.`).waitFor({ timeout: CHANGE_TIMEOUT_MS });
    expect((await sandboxCampaign(paused))?.status).toBe('ENABLED');
    const row = table().getByRole('row').filter({ has: page.getByRole('link', { name: paused, exact: true }) });
    await row.getByText('Active', { exact: true }).waitFor();
  });

  it('edits a daily budget inline: the platform minimum shows next to the input, then a valid amount applies', async () => {
    const row = table().getByRole('row').filter({ has: page.getByRole('link', { name: paused, exact: true }) });
    await row.getByRole('button', { name: `Edit the daily budget of ${paused}` }).click();
    const input = row.getByLabel(`Daily budget of ${paused} in ${truth.currency}`);
    // More decimals than the currency has never reach the API.
    await input.fill('12.345');
    await row.getByRole('button', { name: 'Save' }).click();
    await row.getByRole('alert').getByText('Use at most 2 decimals for USD').waitFor();
    // Below Meta's minimum: the API's field issue, next to the input.
    await input.fill('0.01');
    await row.getByRole('button', { name: 'Save' }).click();
    await row.getByRole('alert').getByText(/minimum/).waitFor();
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    // Far above the current budget (a slipped digit): shown back once, nothing sent.
    await input.fill('99999');
    await row.getByRole('button', { name: 'Save' }).click();
    await row.getByRole('alert').getByText(/\$99,999\.00 is \d+× the current daily budget/).waitFor();
    await row.getByRole('button', { name: 'Save anyway' }).waitFor();
    await input.fill('123.45');
    await row.getByRole('button', { name: 'Save' }).click();
    await toasts().getByText(`The daily budget of “${paused}” is now $123.45.`).waitFor({ timeout: CHANGE_TIMEOUT_MS });
    await row.getByText('$123.45').waitFor();
    // On the platform: the budget's history has the new amount and never had the slipped one.
    const meta = server.sandbox!.simulator.world().platforms.meta;
    const onMeta = [...meta.campaigns.values()].find((c) => c.accountId === truth.id && c.name === paused)!;
    const amounts = meta.budgets.get(onMeta.budgetId!)!.amountMicros.points.map((p) => p.value);
    expect(amounts.at(-1)).toBe(123_450_000);
    expect(amounts).not.toContain(99_999_000_000);
  });

  it('refuses a budget change as a conflict when someone changed the budget on Meta meanwhile', async () => {
    const rows = await shownRows();
    const other = rows.find((r) => r.name !== paused && r.status.startsWith('Active'));
    if (!other) throw new Error(`no second active campaign among ${JSON.stringify(rows)}`);
    const onPlatform = await sandboxCampaign(other.name);
    // In Ads Manager, outside Adloop: the daily budget becomes $77.00 (Meta writes cents).
    await metaUpdateCampaign(server, truth.id, onPlatform!.id, { daily_budget: '7700' });
    const row = table().getByRole('row').filter({ has: page.getByRole('link', { name: other.name, exact: true }) });
    await row.getByRole('button', { name: `Edit the daily budget of ${other.name}` }).click();
    await row.getByLabel(`Daily budget of ${other.name} in ${truth.currency}`).fill('90');
    await row.getByRole('button', { name: 'Save' }).click();
    const toast = toasts().getByRole('alert').filter({ hasText: other.name });
    await toast.getByText(`“${other.name}” was not changed.`).waitFor({ timeout: CHANGE_TIMEOUT_MS });
    await toast.getByText('Someone changed this on the platform: it is now $77.00.').waitFor();
    // The row shows the platform's value now.
    await row.getByText('$77.00').waitFor();
  });

  it('sets the daily budget of two ticked campaigns at once, after a second look at a slipped digit', async () => {
    const meta = server.sandbox!.simulator.world().platforms.meta;
    const budgetOf = (name: string) => {
      const campaign = [...meta.campaigns.values()].find((c) => c.accountId === truth.id && c.name === name)!;
      return meta.budgets.get(campaign.budgetId!)!.amountMicros;
    };
    const active = (await shownRows()).filter((r) => r.status.startsWith('Active') && r.name !== paused).slice(0, 2);
    expect(active.length).toBe(2);
    const current = active.map((r) => budgetOf(r.name).points.at(-1)!.value);
    // 20 % above the larger budget, in whole dollars: a step no second look is needed for.
    const dollars = Math.ceil((Math.max(...current) * 1.2) / 1_000_000);
    for (const r of active) await table().getByRole('checkbox', { name: `Select ${r.name}` }).check();
    const toolbar = page.getByRole('toolbar', { name: 'Bulk actions' });
    await toolbar.getByText('2 campaigns selected').waitFor();
    await toolbar.getByRole('button', { name: 'Set daily budget' }).click();
    const dialog = page.getByRole('dialog', { name: 'Set the daily budget of 2 campaigns' });
    const input = dialog.getByLabel(`Daily budget in ${truth.currency}`);
    await input.fill('99999');
    await dialog.getByRole('button', { name: 'Set daily budget' }).click();
    await dialog.getByRole('alert').getByText(/\$99,999\.00 is 5× or more the current daily budget/).waitFor();
    await dialog.getByRole('button', { name: 'Set anyway' }).waitFor();
    await input.fill(String(dollars));
    await dialog.getByRole('button', { name: 'Set daily budget' }).click();
    await toasts().getByText('Changed the daily budget of 2 campaigns.').waitFor({ timeout: CHANGE_TIMEOUT_MS });
    for (const r of active) {
      const amounts = budgetOf(r.name).points.map((p) => p.value);
      expect(amounts.at(-1)).toBe(dollars * 1_000_000);
      expect(amounts).not.toContain(99_999_000_000);
      await table().getByRole('row').filter({ has: page.getByRole('link', { name: r.name, exact: true }) }).getByText(`$${dollars}.00`).waitFor();
    }
    // One click undoes both, each back to the budget it had.
    await toasts().getByRole('button', { name: 'Undo 2 changes' }).click();
    await toasts().getByText('Undone: 2 changes.').waitFor({ timeout: CHANGE_TIMEOUT_MS });
    expect(active.map((r) => budgetOf(r.name).points.at(-1)!.value)).toEqual(current);
  });

  it('shows the pause and its undo in the campaign’s change history', async () => {
    await table().getByRole('link', { name: paused, exact: true }).click();
    await page.getByRole('heading', { name: paused, level: 1 }).waitFor();
    const history = page.getByRole('list', { name: 'Changes, newest first' });
    await history.getByText('Paused', { exact: false }).first().waitFor();
    await history.getByText(/^Undo by /).first().waitFor();
    await page.getByRole('table', { name: /^Ad (groups|sets)/ }).waitFor();
    await page.getByRole('button', { name: 'By hour' }).click();
    await page.waitForURL((url) => url.searchParams.get('granularity') === 'hour');
    await page.getByRole('link', { name: '← Campaigns' }).click();
  });

  it('creates a campaign through the wizard', async () => {
    await page.getByRole('link', { name: 'New campaign' }).click();
    await page.getByRole('heading', { name: 'New campaign', level: 1 }).waitFor();
    const next = page.getByRole('button', { name: 'Next' });

    await page.getByRole('radio', { name: 'Meta', exact: true }).check();
    await next.click();
    await page.getByRole('radio', { name: ACCOUNT }).check();
    await next.click();
    await page.getByLabel('Campaign name').fill(NEW_CAMPAIGN);
    await page.getByRole('group', { name: 'Objective' }).getByRole('radio').first().check();
    await next.click();
    await page.getByLabel(`Daily budget in ${truth.currency}`).fill('25.00');
    await next.click();
    await page.getByLabel('Ad set name').fill(`${NEW_CAMPAIGN} – US and DE`);
    await page.getByLabel('Countries').fill('US, DE');
    await page.getByLabel('Countries').press('Enter');
    expect(await page.getByRole('list', { name: 'Chosen countries' }).getByRole('listitem').count()).toBe(2);
    await next.click();

    await page.getByLabel('Ad name').fill(`${NEW_CAMPAIGN} – ad`);
    const headline = page.getByRole('textbox', { name: /^Headline/ });
    const limit = Number(/\/\s*(\d+)/.exec((await page.getByText(/^0 \/ \d+/).first().textContent()) ?? '')?.[1]);
    expect(limit).toBeGreaterThan(0);
    // Over the platform's limit: the counter says so and Next is blocked.
    await headline.fill('x'.repeat(limit + 3));
    await page.getByText('3 too many').waitFor();
    expect(await next.isDisabled()).toBe(true);
    await headline.fill('Summer gear, 20 % off');
    expect(await next.isEnabled()).toBe(true);
    await page.getByRole('textbox', { name: /^Description/ }).fill('Tents, boots and jackets for the season.');
    await page.getByLabel('Final URL').fill('https://northwind.example/summer');
    const cta = page.getByLabel('Call to action');
    if ((await cta.count()) > 0) await cta.selectOption({ index: 1 });
    // The Page the ad runs as: picked from the account's own Pages, listed from Meta, not typed.
    const pages = await metaPromotablePages(server, truth.id);
    expect(pages.length).toBeGreaterThan(0);
    const pagePicker = page.getByRole('combobox', { name: 'Facebook Page' });
    await pagePicker.waitFor();
    const offered = (await pagePicker.locator('option').allTextContents()).filter((label) => !label.endsWith('…'));
    expect(offered).toEqual(pages.map((p) => p.name));
    const chosenPage = pages[pages.length - 1]!;
    await pagePicker.selectOption({ label: chosenPage.name });
    expect(await pagePicker.inputValue()).toBe(chosenPage.id);
    expect(await page.getByRole('textbox', { name: /Page id/ }).count()).toBe(0);
    await next.click();

    await page.getByRole('heading', { name: /Review/ }).waitFor();
    await page.getByText(NEW_CAMPAIGN, { exact: false }).first().waitFor();
    await page.getByText(`Facebook Page: ${chosenPage.name}`).waitFor();
    await page.getByRole('button', { name: 'Create campaign' }).click();
    await page.getByRole('heading', { name: 'Campaign created' }).waitFor({ timeout: CHANGE_TIMEOUT_MS });
    expect(await sandboxCampaign(NEW_CAMPAIGN), 'the campaign exists on the Meta sandbox').toBeDefined();
    expect((await metaCreativePages(server, truth.id)).get(`${NEW_CAMPAIGN} – ad creative`), 'the ad runs as the Page picked').toBe(chosenPage.id);
  });

  it('shows the new campaign in the table after the next sync', async () => {
    type Runs = { items: { id: string; kind: string; status: string }[] };
    const runsPath = `/api/v1/orgs/${orgId}/ad-accounts/${adloopAccountId}/sync-runs?limit=50`;
    const runs = async () => (await apiCall<Runs>('GET', runsPath)).body.items;
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
    // "Sync now", as the Connections page's button does.
    const sync = await apiCall('POST', `/api/v1/orgs/${orgId}/ad-accounts/${adloopAccountId}/sync`, {});
    expect(sync.status).toBe(202);
    for (;;) {
      const now = await runs();
      const fresh = now.filter((r) => !before.has(r.id));
      if (fresh.some((r) => r.kind === 'structure' && r.status === 'succeeded') && !now.some((r) => r.status === 'running')) break;
      if (fresh.some((r) => r.status === 'failed')) throw new Error(`the sync failed: ${JSON.stringify(fresh)}`);
      if (Date.now() > deadline) throw new Error(`the sync after creating the campaign did not finish: ${JSON.stringify(fresh)}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    await page.getByRole('link', { name: 'Back to campaigns' }).click();
    await page.getByLabel('Campaign name').fill(NEW_CAMPAIGN);
    await page.waitForURL((url) => url.searchParams.get('q') === NEW_CAMPAIGN);
    await table().getByRole('link', { name: NEW_CAMPAIGN, exact: true }).waitFor();
    const row = table().getByRole('row').filter({ has: page.getByRole('link', { name: NEW_CAMPAIGN, exact: true }) });
    await row.getByText('Paused', { exact: true }).waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('creates a TikTok campaign whose video is picked from the account’s library', async () => {
    const advertiser = (await sandboxAccounts(server, 'tiktok')).find((a) => a.name === TIKTOK_ACCOUNT);
    if (!advertiser) throw new Error(`the sandbox has no TikTok advertiser named ${TIKTOK_ACCOUNT}`);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Connections' }).click();
    await page.getByRole('heading', { name: 'Connections', level: 1 }).waitFor();
    await page.getByRole('region', { name: 'TikTok' }).getByRole('button', { name: 'Connect TikTok', exact: true }).click();
    await page.waitForURL((url) => url.origin === new URL(server.sandbox!.urls.tiktok).origin);
    for (const box of await page.getByRole('group', { name: 'Accounts to share' }).getByRole('checkbox').all()) await box.uncheck();
    await page.getByRole('checkbox', { name: new RegExp(`^${escape(TIKTOK_ACCOUNT)}`) }).check();
    await page.getByRole('button', { name: 'Allow' }).click();
    const dialog = page.getByRole('dialog', { name: 'Choose the accounts to add' });
    await dialog.getByRole('checkbox', { name: TIKTOK_ACCOUNT }).check();
    await dialog.getByRole('button', { name: 'Add 1 account' }).click();
    await dialog.waitFor({ state: 'detached' });

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Campaigns' }).click();
    await page.getByRole('link', { name: 'New campaign' }).click();
    const next = page.getByRole('button', { name: 'Next' });
    await page.getByRole('radio', { name: 'TikTok', exact: true }).check();
    await next.click();
    await page.getByRole('radio', { name: TIKTOK_ACCOUNT }).check();
    await next.click();
    await page.getByLabel('Campaign name').fill(TIKTOK_CAMPAIGN);
    await page.getByRole('group', { name: 'Objective' }).getByRole('radio').first().check();
    await next.click();
    await page.getByLabel(`Daily budget in ${advertiser.currency}`).fill('60.00');
    await next.click();
    await page.getByLabel('Ad group name').fill(`${TIKTOK_CAMPAIGN} – US`);
    await page.getByLabel('Countries').fill('US');
    await page.getByLabel('Countries').press('Enter');
    await next.click();

    await page.getByLabel('Ad name').fill(`${TIKTOK_CAMPAIGN} – ad`);
    await page.getByRole('textbox', { name: /^Description/ }).fill('Trail shoes for every season, shipped free.');
    await page.getByLabel('Final URL').fill('https://northwind.example/trail');
    // The library as TikTok lists it, not an id to type.
    const library = await tiktokLibraryVideos(server, advertiser.id);
    expect(library.length).toBeGreaterThan(1);
    const picker = page.getByRole('combobox', { name: 'Video', exact: true });
    await picker.waitFor();
    expect(await page.getByRole('textbox', { name: 'Video id' }).count()).toBe(0);
    const offered = (await picker.locator('option').allTextContents()).filter((label) => !label.endsWith('…'));
    expect(offered.map((label) => label.split(' · ')[0])).toEqual(library.map((v) => v.file_name));
    expect(offered.every((label) => / · \d+(\.\d)? s · \d+×\d+$/.test(label))).toBe(true);
    // Next without a video: the picker says what is missing.
    await next.click();
    await page.getByText('Choose a video', { exact: true }).waitFor();
    expect(await picker.getAttribute('aria-invalid')).toBe('true');
    const video = library[1]!;
    await picker.selectOption({ label: offered[1]! });
    expect(await picker.inputValue()).toBe(video.video_id);
    // The advertiser's one custom identity is chosen for the person.
    expect(await page.getByRole('combobox', { name: 'Identity', exact: true }).inputValue()).not.toBe('');
    await next.click();

    await page.getByRole('heading', { name: /Review/ }).waitFor();
    await page.getByText(`Video: ${offered[1]!}`).waitFor();
    await page.getByRole('button', { name: 'Create campaign' }).click();
    await page.getByRole('heading', { name: 'Campaign created' }).waitFor({ timeout: CHANGE_TIMEOUT_MS });
    expect((await tiktokAdVideos(server, advertiser.id)).get(`${TIKTOK_CAMPAIGN} – ad`), 'the ad uses the video picked').toBe(video.video_id);
    expect(pageErrors).toEqual([]);
  });
});
