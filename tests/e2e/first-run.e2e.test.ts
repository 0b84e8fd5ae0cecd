import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Organization } from '@adloop/contracts';
import { organizations } from '@adloop/db';
import { seedDemoIfEmpty } from '../../apps/server/src/modules/demo/demo.seed.ts';
import { apiFromPage } from './support/browser.ts';
import { useSignedOutBrowser } from './support/app-browser.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { PASSWORD } from './support/journey-steps.ts';

describe('first run: the demo on the sign-in page, and a new organisation in the browser’s currency and time zone', () => {
  // A person in Vienna: German (Austria) in the browser, the device on Vienna time.
  const app = useSignedOutBrowser(15_000, { locale: 'de-AT', timezoneId: 'Europe/Vienna' });
  let password = '';

  beforeAll(async () => {
    password = (await seedDemoIfEmpty(app.server.ctx.db, app.server.ctx.secretKey))?.password ?? '';
  }, 180_000);

  it('offers the demo account on the sign-in page and signs in with one click', async () => {
    const { server, page } = app;
    await page.goto(`${server.url}/sign-in`);
    const offer = page.getByRole('region', { name: 'Try the demo' });
    await offer.waitFor();
    expect(await offer.textContent()).toContain(password);
    await expectNoAxeViolations(page, 'sign-in with the demo offer');
    await offer.getByRole('button', { name: 'Sign in to the demo' }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
  });

  it('proposes the browser’s currency and time zone for a new organisation and keeps the choice', async () => {
    const { page } = app;
    const demoOrgId = /\/orgs\/([0-9a-f-]{36})\//.exec(page.url())?.[1];
    expect(demoOrgId).toBeDefined();
    await page.getByRole('button', { name: /Switch organisation/ }).click();
    await page.getByRole('menuitem', { name: 'Create organisation' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create organisation' });
    await dialog.waitFor();
    expect(await dialog.getByLabel('Reporting currency').inputValue()).toBe('EUR');
    expect(await dialog.getByLabel('Time zone').inputValue()).toBe('Europe/Vienna');
    await expectNoAxeViolations(page, 'create organisation');

    await dialog.getByLabel('Organisation name').fill('Wiener Werbung');
    await dialog.getByLabel('Reporting currency').selectOption('CHF');
    await dialog.getByRole('button', { name: 'Create organisation' }).click();
    // The demo organisation's dashboard is open already: wait for the new organisation's.
    const orgIdOf = (url: string) => /\/orgs\/([0-9a-f-]{36})\/dashboard/.exec(url)?.[1];
    await page.waitForURL((url) => (orgIdOf(url.href) ?? demoOrgId) !== demoOrgId);
    const orgId = orgIdOf(page.url()) ?? '';
    const org = await apiFromPage<Organization>(page, 'GET', `/api/v1/orgs/${orgId}`);
    expect(org.body).toMatchObject({ name: 'Wiener Werbung', reportingCurrency: 'CHF', timeZone: 'Europe/Vienna' });
  });

  it('asks for them at sign-up once an organisation is named, with the same proposal', async () => {
    const { server, context } = app;
    const signUpPage = await context.newPage();
    await signUpPage.goto(`${server.url}/sign-up`);
    await signUpPage.getByLabel('Your name').waitFor();
    expect(await signUpPage.getByLabel('Reporting currency').count()).toBe(0);
    await signUpPage.getByLabel('Your name').fill('Vera Vienna');
    await signUpPage.getByLabel('Work email').fill('vera@vienna.test');
    await signUpPage.getByLabel('Password').fill(PASSWORD);
    await signUpPage.getByLabel('Organisation name').fill('Donau Digital');
    expect(await signUpPage.getByLabel('Reporting currency').inputValue()).toBe('EUR');
    expect(await signUpPage.getByLabel('Time zone').inputValue()).toBe('Europe/Vienna');
    await signUpPage.getByLabel('Time zone').selectOption('Europe/Berlin');
    await signUpPage.getByRole('button', { name: 'Create account' }).click();
    await signUpPage.getByRole('heading', { name: 'Check your email' }).waitFor();
    const [org] = await server.ctx.db.select().from(organizations).where(eq(organizations.name, 'Donau Digital'));
    expect(org).toMatchObject({ reportingCurrency: 'EUR', timeZone: 'Europe/Berlin' });
  });
});
