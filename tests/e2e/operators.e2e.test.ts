import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describeFailure, launchBrowser } from './support/browser.ts';
import { startAppServer, type AppServer } from './support/app-server.ts';
import { nextTotp, signedInPage } from './support/journey-steps.ts';
import { signUpVerifiedUser, type SignedUpUser } from '../setup/auth-helpers.ts';
import { addOperator } from '../setup/ops-helpers.ts';

/** An operator signs in to the console with an authenticator code, chooses their own password, finds a tenant and suspends it; the tenant sees why. */
describe('operators console journey', () => {
  let server: AppServer;
  let browser: Browser;
  let opsContext: BrowserContext;
  let tenantContext: BrowserContext | undefined;
  let tenant: SignedUpUser;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startAppServer();
    browser = await launchBrowser();
    tenant = await signUpVerifiedUser(server, { organizationName: 'Fabrikam Surf' });
  }, 180_000);

  afterEach(async (test) => {
    if (test.task.result?.state === 'fail') console.error(await describeFailure(opsContext, tenantContext));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('signs in with TOTP, replaces the one-time password, finds the tenant, suspends it, and the tenant sees the banner', async () => {
    const operator = await addOperator(server, 'platform_admin');
    opsContext = await browser.newContext({ locale: 'en-US' });
    opsContext.setDefaultTimeout(20_000);
    opsContext.on('weberror', (error) => pageErrors.push(error.error().message));
    const ops: Page = await opsContext.newPage();

    await ops.goto(`${server.url}/ops`);
    await ops.getByRole('heading', { name: 'Operators’ console' }).waitFor();
    await ops.getByLabel('Email').fill(operator.email);
    await ops.getByLabel('Password').fill(operator.password);
    await ops.getByLabel('Authenticator code').fill(await nextTotp(server, operator.totpSecret));
    await ops.getByRole('button', { name: 'Sign in' }).click();
    // First sign-in: the one-time password only lets the operator choose their own.
    await ops.getByRole('heading', { name: 'Choose your password' }).waitFor();
    await ops.getByLabel('One-time password').fill(operator.password);
    await ops.getByLabel('New password', { exact: true }).fill('surfboard lantern quartz');
    await ops.getByLabel('Repeat the new password').fill('surfboard lantern quartz');
    await ops.getByRole('button', { name: 'Save and continue' }).click();

    await ops.getByLabel('Email, organisation name or id').fill(tenant.email);
    await ops.getByRole('button', { name: 'Search' }).click();
    await ops.getByRole('link', { name: 'Fabrikam Surf' }).click();
    await ops.getByRole('heading', { level: 1, name: /Fabrikam Surf/ }).waitFor();
    await ops.getByLabel('Reason', { exact: true }).fill('Chargebacks under review');
    await ops.getByRole('button', { name: 'Suspend' }).click();
    await ops.getByRole('button', { name: 'Unsuspend' }).waitFor();

    const signedIn = await signedInPage(browser, server.url, { email: tenant.email, password: tenant.password }, pageErrors);
    tenantContext = signedIn.context;
    const banner = signedIn.page.getByRole('alert').filter({ hasText: 'suspended by Adloop' });
    await banner.waitFor();
    expect(await banner.textContent()).toContain('Chargebacks under review');
    expect(pageErrors).toEqual([]);
  });
});
