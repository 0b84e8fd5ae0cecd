import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { apiFromPage, describeFailure, launchBrowser } from './browser.ts';
import { startAppServer, type AppServer } from './app-server.ts';
import { followEmailLink, PASSWORD, signInWithPassword, signUp } from './journey-steps.ts';
import { sandboxAccounts, type SandboxAccount } from './sandbox-platforms.ts';

/** The campaign journeys' marketer and the sandbox world they work in (seed 42). */
export const OWNER = { name: 'Carla Campaigns', email: 'carla@northwind.test', organizationName: 'Northwind Campaigns' };
/** One Meta ad account of the sandbox's seeded world, in USD. */
export const ACCOUNT = 'Northwind Outdoor – Meta';
export const FIRST_SYNC_TIMEOUT_MS = 90_000;
/** A change goes to the platform through a job; the page polls it every second. */
export const CHANGE_TIMEOUT_MS = 30_000;
export const LOCALE = 'en-US';
export const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
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
export interface Row {
  name: string;
  platform: string;
  status: string;
  spend: number;
}

/**
 * One browser journey of the campaign pages: the product with its sandboxes, Chromium, and the
 * steps and reads the journeys share. Call in a `describe`: it registers the hooks that start and
 * stop everything; the fields are set once `beforeAll` has run.
 */
export function useCampaignJourney() {
  const journey = {
    server: undefined as unknown as AppServer,
    browser: undefined as unknown as Browser,
    context: undefined as unknown as BrowserContext,
    page: undefined as unknown as Page,
    orgId: '',
    /** The Meta account as the sandbox seeded it. */
    truth: undefined as unknown as SandboxAccount,
    /** Adloop's id of that account, once connected. */
    adloopAccountId: '',
    pageErrors: [] as string[],

    apiCall: <T,>(method: 'GET' | 'POST', path: string, body?: unknown) => apiFromPage<T>(journey.page, method, path, body),
    overview: async () => (await journey.apiCall<Overview>('GET', `/api/v1/orgs/${journey.orgId}/connections`)).body,
    sandboxCampaign: async (name: string) => (await sandboxAccounts(journey.server, 'meta')).find((a) => a.id === journey.truth.id)?.campaigns.find((c) => c.name === name),
    table: (): Locator => journey.page.getByRole('table', { name: /^Campaigns,/ }),
    toasts: (): Locator => journey.page.getByRole('region', { name: 'Campaign changes' }),

    /** The table as shown: campaign name, platform, status and spend per row, in order. */
    async shownRows(): Promise<Row[]> {
      await journey.page.locator('[aria-busy="true"]').waitFor({ state: 'detached' });
      const rows = await journey.table().evaluate((el) => {
        const headers = [...el.querySelectorAll('thead th')].map((th) => th.textContent?.trim() ?? '');
        const col = (label: string) => headers.findIndex((h) => h.startsWith(label));
        return [...el.querySelectorAll('tbody tr')].map((tr) => {
          const cells = [...tr.children];
          const text = (label: string) => cells[col(label)]?.textContent?.trim() ?? '';
          return { name: tr.querySelector('th a')?.textContent?.trim() ?? '', platform: text('Platform'), status: text('Status'), spendText: text('Spend') };
        });
      });
      return rows.map(({ spendText, ...row }) => ({ ...row, spend: amount(spendText) }));
    },

    /** Signs up through the pages and lands on the dashboard, which asks to connect ad accounts. */
    async signUpOwner() {
      const { page, server } = journey;
      await page.goto(`${server.url}/sign-up`);
      await page.getByLabel('Work email').fill(OWNER.email);
      await signUp(page, { ...OWNER, password: PASSWORD });
      await followEmailLink(page, server.url, OWNER.email, /Verify your email/, /\/verify-email\?token=/);
      await page.getByText('Email verified').waitFor();
      await page.getByRole('link', { name: 'Sign in' }).click();
      await signInWithPassword(page, OWNER.email, PASSWORD);
      await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
      await page.getByText('Connect your ad accounts', { exact: true }).waitFor();
      journey.orgId = /\/orgs\/([0-9a-f-]{36})\//.exec(page.url())?.[1] ?? '';
      expect(journey.orgId).not.toBe('');
    },

    /** Connects Meta from the dashboard's empty state with the one account, and waits for its first sync. */
    async connectMetaAccount() {
      const { page, server } = journey;
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
      const account = (await journey.overview()).connections.flatMap((c) => c.accounts).find((a) => a.platformAccountId === journey.truth.id);
      expect(account?.health.state).toBe('fresh');
      journey.adloopAccountId = account?.id ?? '';
    },

    /** Opens Campaigns from the main navigation and waits for the table. */
    async openCampaigns() {
      await journey.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Campaigns' }).click();
      await journey.page.getByRole('heading', { name: 'Campaigns', level: 1 }).waitFor();
      await journey.table().waitFor();
    },
  };

  beforeAll(async () => {
    journey.server = await startAppServer();
    journey.browser = await launchBrowser();
    journey.context = await journey.browser.newContext({ locale: LOCALE, acceptDownloads: true });
    journey.context.on('weberror', (error) => journey.pageErrors.push(error.error().message));
    journey.context.setDefaultTimeout(15_000);
    journey.page = await journey.context.newPage();
    const seeded = (await sandboxAccounts(journey.server, 'meta')).find((a) => a.name === ACCOUNT);
    if (!seeded) throw new Error(`the sandbox has no Meta account named ${ACCOUNT}`);
    journey.truth = seeded;
  });

  afterEach(async (test) => {
    if (test.task.result?.state === 'fail') console.error(await describeFailure(journey.context));
  });

  afterAll(async () => {
    await journey.browser?.close();
    await journey.server?.close();
  });

  return journey;
}
