import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describeFailure, launchBrowser } from './support/browser.ts';
import { startAppServer, type AppServer } from './support/app-server.ts';
import { expectNoAxeViolations } from './support/axe.ts';

/** Each page with its heading and a text that shows once the operator's details (placeholders here) have loaded. */
const PAGES = [
  { path: '/legal/privacy', heading: 'Privacy policy', shows: '[Company name]' },
  { path: '/legal/terms', heading: 'Terms of service', shows: '[Contact email]' },
  { path: '/legal/cookies', heading: 'Cookie policy', shows: 'adloop_session' },
  { path: '/legal/security', heading: 'Security and vulnerability disclosure', shows: 'security@' },
  { path: '/legal/data-residency', heading: 'Data residency', shows: '[Data region]' },
] as const;

describe('legal pages, signed out', () => {
  let server: AppServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    server = await startAppServer();
    browser = await launchBrowser();
    context = await browser.newContext();
    context.setDefaultTimeout(30_000);
    page = await context.newPage();
  });

  afterEach(async (test) => {
    if (test.task.result?.state === 'fail') console.error(await describeFailure(context));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('links every legal page from the sign-in page', async () => {
    await page.goto(`${server.url}/sign-in`);
    const legal = page.getByRole('navigation', { name: 'Legal' });
    await legal.waitFor();
    await expectNoAxeViolations(page);
    await legal.getByRole('link', { name: 'Cookies' }).click();
    await page.getByRole('heading', { level: 1, name: 'Cookie policy' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/legal/cookies');
  });

  for (const { path, heading, shows } of PAGES) {
    it(`${path} shows “${heading}” and passes axe`, async () => {
      await page.goto(`${server.url}${path}`);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await page.getByText(shows).first().waitFor();
      await expectNoAxeViolations(page);
    });
  }

  it('lists the session cookie with its purpose and lifetime, and says there are no tracking cookies', async () => {
    await page.goto(`${server.url}/legal/cookies`);
    const row = page.getByRole('row', { name: /adloop_session/ });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/signed in[\s\S]*30 days/);
    expect(await page.getByRole('row', { name: /adloop_csrf/ }).count()).toBe(1);
    await page.getByText(/no analytics, advertising or other tracking cookies/).waitFor();
  });

  it('names the security contact from the configuration and links security.txt', async () => {
    await page.goto(`${server.url}/legal/security`);
    const contact = page.getByRole('link', { name: /^security@/ });
    await contact.waitFor();
    expect(await contact.getAttribute('href')).toMatch(/^mailto:security@/);
    const securityTxt = page.getByRole('link', { name: '/.well-known/security.txt' });
    expect(await securityTxt.getAttribute('href')).toBe('/.well-known/security.txt');
    const response = await page.request.get(`${server.url}/.well-known/security.txt`);
    expect(await response.text()).toContain(`Policy: `);
  });
});
