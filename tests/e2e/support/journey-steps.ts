import { expect } from 'vitest';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { generate } from 'otplib';
import type { AppServer } from './app-server.ts';

export const PASSWORD = 'correct horse battery staple';

/** The current TOTP code at the server's clock; moves the clock one step on first, so no code is reused. */
export async function nextTotp(server: AppServer, secret: string): Promise<string> {
  server.clock.advance(30_000);
  return generate({ secret, epoch: Math.floor(server.clock.now().getTime() / 1000) });
}

/** Opens the newest email to `to` whose subject matches in the dev mailbox page and follows its link matching `link`. */
export async function followEmailLink(page: Page, baseUrl: string, to: string, subject: RegExp, link: RegExp): Promise<void> {
  await page.goto(`${baseUrl}/dev/mailbox`);
  await page.getByRole('heading', { name: 'Dev mailbox' }).waitFor();
  const message = page.getByRole('list', { name: 'Emails' }).getByRole('link', { name: new RegExp(`${subject.source}.*to ${escape(to)}`, 'i') }).first();
  await message.click();
  await page.getByRole('article').getByRole('heading', { name: subject }).waitFor();
  const anchor = page.getByRole('navigation', { name: 'Links in this email' }).getByRole('link', { name: link });
  const href = await anchor.getAttribute('href');
  expect(href?.startsWith(baseUrl)).toBe(true);
  await anchor.click();
  await page.waitForURL((url) => url.pathname !== '/dev/mailbox');
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export async function signUp(page: Page, person: { name: string; password: string; organizationName?: string }): Promise<void> {
  await page.getByLabel('Your name').fill(person.name);
  await page.getByLabel('Password').fill(person.password);
  if (person.organizationName) await page.getByLabel('Organisation name').fill(person.organizationName);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { name: 'Check your email' }).waitFor();
}

export async function signInWithPassword(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'User menu' }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in to Adloop' }).waitFor();
}

export async function openSettings(page: Page, tab: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: tab }).click();
  await page.getByRole('heading', { name: tab, level: 2 }).waitFor();
}

/**
 * A new browser context at a laptop's size (1366 × 900, en-US; `contextOptions` override or add to these) whose
 * page is signed in as `person` and on the dashboard. Its page errors are pushed to `pageErrors`.
 */
export async function signedInPage(browser: Browser, baseUrl: string, person: { email: string; password: string }, pageErrors: string[], contextOptions: BrowserContextOptions = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1366, height: 900 }, ...contextOptions });
  context.setDefaultTimeout(20_000);
  context.on('weberror', (error) => pageErrors.push(error.error().message));
  const page = await context.newPage();
  await page.goto(`${baseUrl}/sign-in`);
  await signInWithPassword(page, person.email, person.password);
  await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
  return { context, page };
}
