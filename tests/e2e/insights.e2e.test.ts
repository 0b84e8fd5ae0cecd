import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { CampaignChange, Connection } from '@adloop/contracts';
import { describeFailure, launchBrowser } from './support/browser.ts';
import { startAppServer, type AppServer } from './support/app-server.ts';
import { signInWithPassword } from './support/journey-steps.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { signUpVerifiedUser, type SignedUpUser } from '../setup/auth-helpers.ts';
import { connectAndAdd, eventually, sandboxAccounts } from '../setup/connect-helpers.ts';

/**
 * Insights in the browser: after the first sync of a sandbox account, the page in the navigation
 * shows budget recommendations, anomalies and a forecast; by keyboard the recommendations go to the
 * approval inbox after a confirmation, as proposals of the AI.
 */
describe('insights page: recommendations sent to the approval inbox by keyboard', () => {
  let server: AppServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let owner: SignedUpUser;
  let orgId = '';
  const pageErrors: string[] = [];
  const api = (path: string) => `/api/v1/orgs/${orgId}${path}`;

  beforeAll(async () => {
    server = await startAppServer();
    owner = await signUpVerifiedUser(server, { organizationName: 'Insightful Outdoor' });
    orgId = owner.orgId!;
    const grant = sandboxAccounts(server, 'tiktok').filter((a) => !a.isManager).slice(0, 1).map((a) => a.id);
    await connectAndAdd(owner, orgId, 'tiktok', grant);
    await eventually(async () => {
      const overview = (await owner.client.get(api('/connections'))).body as { connections: Connection[] };
      return overview.connections.flatMap((c) => c.accounts.filter((a) => a.selected)).every((a) => a.health.state === 'fresh');
    }, 90_000, 'first sync');
    browser = await launchBrowser();
    context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(15_000);
    context.on('weberror', (error) => pageErrors.push(error.error().message));
    page = await context.newPage();
    await page.goto(`${server.url}/sign-in`);
    await signInWithPassword(page, owner.email, owner.password);
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
  }, 150_000);

  afterEach(async (test) => {
    if (test.task.result?.state === 'fail') console.error(await describeFailure(context));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('opens from the navigation with recommendations, anomalies and a forecast, without axe violations', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Insights' }).click();
    await page.getByRole('heading', { name: 'Insights', level: 1 }).waitFor();
    const table = page.getByRole('table', { name: 'Budget recommendations per campaign' });
    await table.waitFor();
    expect(await table.getByRole('row').count()).toBeGreaterThan(2);
    await table.getByRole('columnheader', { name: 'Next unit returns' }).waitFor();
    await page.getByRole('heading', { name: 'Open anomalies' }).waitFor();
    await page.getByRole('figure', { name: /Spend forecast per day/ }).waitFor();
    await expectNoAxeViolations(page, 'insights');
  });

  it('fits tablet widths without sideways scroll (the navigation moves into the menu below 1280 px)', async () => {
    for (const width of [768, 900, 1024, 1200]) {
      await page.setViewportSize({ width, height: 900 });
      // Charts follow their box after a resize on the next frame (ResizeObserver): wait for it.
      const overflow = () =>
        page.evaluate(() => {
          const g = globalThis as unknown as { document: { scrollingElement: { scrollWidth: number } }; innerWidth: number };
          return g.document.scrollingElement.scrollWidth - g.innerWidth;
        });
      await expect.poll(overflow, { message: `sideways scroll at ${width} px`, timeout: 5_000 }).toBeLessThanOrEqual(0);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('sends the recommended budgets to the approval inbox after a confirmation, by keyboard', async () => {
    const send = page.getByRole('button', { name: 'Send to approval inbox' });
    await send.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Send the recommended budgets for approval?' });
    await dialog.waitFor();
    await expectNoAxeViolations(page, 'insights confirmation');
    await dialog.getByRole('button', { name: 'Send to approval inbox' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText(/in the approval inbox\./).first().waitFor();
    const inbox = await owner.client.get<{ items: CampaignChange[] }>(api('/proposals'));
    const ours = inbox.body.items.filter((c) => c.actorLabel === 'Budget reallocation');
    expect(ours.length).toBeGreaterThan(0);
    expect(ours.every((c) => c.state === 'proposed' && c.actorType === 'ai')).toBe(true);
    expect(pageErrors).toEqual([]);
  });
});
