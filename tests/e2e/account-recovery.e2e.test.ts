import { describe, expect, it } from 'vitest';
import { useSignedOutBrowser } from './support/app-browser.ts';
import { followEmailLink, PASSWORD, signInWithPassword, signUp } from './support/journey-steps.ts';

const carol = { name: 'Carol Solo', email: 'carol@solo.test' };
const NEW_PASSWORD = 'a much longer new passphrase';

describe('account journey: field errors, onboarding, password reset', () => {
  const app = useSignedOutBrowser(15_000);

  it('shows the API’s field errors next to each field', async () => {
    const { server, page } = app;
    await page.goto(`${server.url}/sign-up`);
    await page.getByLabel('Your name').fill(carol.name);
    await page.getByLabel('Work email').fill('not-an-email');
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
    // Wait for the API's answer to mark the field invalid; only then does aria-describedby point
    // at the error instead of the static hint.
    const password = page.locator('input[name="password"][aria-invalid="true"]');
    await password.waitFor();
    const describedBy = await password.getAttribute('aria-describedby');
    expect(describedBy).toMatch(/-error$/);
    await page.locator('#' + describedBy).getByText('Use at least 12 characters').waitFor();
    expect(await page.getByLabel('Work email').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Your name').getAttribute('aria-invalid')).toBeNull();
  });

  it('signs up without an organisation and is asked to create one', async () => {
    const { server, page } = app;
    await page.getByLabel('Work email').fill(carol.email);
    await signUp(page, { name: carol.name, password: PASSWORD });
    await followEmailLink(page, server.url, carol.email, /Verify your email/, /\/verify-email\?token=/);
    await page.getByText('Email verified').waitFor();
    await page.getByRole('link', { name: 'Sign in' }).click();
    await signInWithPassword(page, carol.email, PASSWORD);
    await page.getByRole('heading', { name: 'Create your organisation' }).waitFor();
    await page.getByLabel('Organisation name').fill('Solo Studio');
    await page.getByRole('button', { name: 'Create organisation' }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    expect(await page.getByRole('button', { name: /Switch organisation/ }).textContent()).toContain('Solo Studio');
  });

  it('resets a forgotten password from the emailed link', async () => {
    const { server, context, page } = app;
    await context.clearCookies();
    await page.goto(`${server.url}/sign-in`);
    await signInWithPassword(page, carol.email, 'wrong password here');
    await page.getByRole('alert').getByText('The email or password is incorrect').waitFor();
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    expect(await page.getByLabel('Email').inputValue()).toBe(carol.email);
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await page.getByText('Check your email').waitFor();
    await followEmailLink(page, server.url, carol.email, /Reset your Adloop password/, /\/reset-password\?token=/);
    await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Confirm new password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Password changed').waitFor();
    await page.getByRole('link', { name: 'Sign in' }).click();
    await signInWithPassword(page, carol.email, NEW_PASSWORD);
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
  });
});
