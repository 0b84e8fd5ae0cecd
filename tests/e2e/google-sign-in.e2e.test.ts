import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useSignedOutBrowser } from './support/app-browser.ts';
import { openSettings, signOut } from './support/journey-steps.ts';
import { signUpVerifiedUser } from '../setup/auth-helpers.ts';

/** On the Google sandbox's consent page: sign in as a typed account and allow. */
async function chooseGoogleAccount(page: Page, account: { email: string; name: string }): Promise<void> {
  await page.getByRole('heading', { name: 'Google sandbox' }).waitFor();
  await page.getByLabel('Use another account').check();
  await page.getByRole('textbox', { name: 'Email', exact: true }).fill(account.email);
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill(account.name);
  await page.getByRole('button', { name: 'Allow' }).click();
}

describe('Sign in with Google journey', () => {
  const app = useSignedOutBrowser(30_000);

  it('creates an account from “Continue with Google” and reaches the dashboard', async () => {
    const { server, page } = app;
    await page.goto(`${server.url}/sign-up`);
    await page.getByRole('link', { name: 'Continue with Google' }).click();
    await chooseGoogleAccount(page, { email: 'ada@lovelace.test', name: 'Ada Lovelace' });
    await page.getByRole('heading', { name: 'Create your organisation' }).waitFor();
    await page.getByLabel('Organisation name').fill('Analytical Engines');
    await page.getByRole('button', { name: 'Create organisation' }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();

    await signOut(page);
    await page.getByRole('link', { name: 'Continue with Google' }).click();
    await chooseGoogleAccount(page, { email: 'ada@lovelace.test', name: 'Ada Lovelace' });
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    expect(await page.getByRole('button', { name: /Switch organisation/ }).textContent()).toContain('Analytical Engines');
  });

  it('links an existing account only after its password, unlinks it and links it again in Settings → Security', async () => {
    const { server, context, page } = app;
    const owner = await signUpVerifiedUser(server, { organizationName: 'Password People' });
    await context.clearCookies();
    await page.goto(`${server.url}/sign-in`);
    await page.getByRole('link', { name: 'Continue with Google' }).click();
    await chooseGoogleAccount(page, { email: owner.email, name: 'Owner' });
    await page.getByRole('heading', { name: 'Link your Google account' }).waitFor();
    await page.getByText(owner.email).waitFor();
    await page.getByLabel('Adloop password').fill('not the right password');
    await page.getByRole('button', { name: 'Link Google and sign in' }).click();
    await page.getByText('The password is incorrect').waitFor();
    await page.getByLabel('Adloop password').fill(owner.password);
    await page.getByRole('button', { name: 'Link Google and sign in' }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();

    await openSettings(page, 'Security');
    await page.getByText(`Google · ${owner.email}`).waitFor();
    await page.getByRole('button', { name: `Unlink Google account ${owner.email}` }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Unlink' }).click();
    await page.getByText('No Google account is linked').waitFor();

    // Linking again from Settings: Google, then the account's own password, then back to Settings.
    await page.getByRole('link', { name: 'Link a Google account' }).click();
    await chooseGoogleAccount(page, { email: 'owner.at.google@gmail.test', name: 'Owner' });
    await page.getByText('owner.at.google@gmail.test').waitFor();
    await page.getByLabel('Adloop password').fill(owner.password);
    await page.getByRole('button', { name: 'Link Google and sign in' }).click();
    await page.getByRole('heading', { name: 'Security', level: 2 }).waitFor();
    await page.getByText('Google · owner.at.google@gmail.test').waitFor();
  });
});
