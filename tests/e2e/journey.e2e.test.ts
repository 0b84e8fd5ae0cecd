import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describeFailure, launchBrowser } from './support/browser.ts';
import { startAppServer, type AppServer } from './support/app-server.ts';
import { followEmailLink, nextTotp, openSettings, PASSWORD, signInWithPassword, signOut, signUp } from './support/journey-steps.ts';

const alice = { name: 'Alice Owner', email: 'alice@acme.test', organizationName: 'Acme Ads' };
const bob = { name: 'Bob Member', email: 'bob@acme.test' };

describe('team journey: sign up, MFA, invitation, API key, audit log', () => {
  let server: AppServer;
  let browser: Browser;
  let aliceContext: BrowserContext;
  let bobContext: BrowserContext;
  let page: Page;
  let mfaSecret = '';
  let orgId = '';
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startAppServer();
    browser = await launchBrowser();
    aliceContext = await browser.newContext();
    bobContext = await browser.newContext();
    page = await aliceContext.newPage();
    for (const context of [aliceContext, bobContext]) {
      context.on('weberror', (error) => pageErrors.push(error.error().message));
      context.setDefaultTimeout(15_000);
    }
  });

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') console.error(await describeFailure(aliceContext, bobContext));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('signs up and verifies the email through the dev mailbox', async () => {
    await page.goto(`${server.url}/sign-up`);
    await page.getByLabel('Work email').fill(alice.email);
    await signUp(page, { ...alice, password: PASSWORD });
    await page.getByRole('link', { name: 'Open the dev mailbox' }).click();
    await followEmailLink(page, server.url, alice.email, /Verify your email/, /\/verify-email\?token=/);
    await page.getByText('Email verified').waitFor();
    await page.getByRole('link', { name: 'Sign in' }).click();
  });

  it('signs in and lands on the dashboard of the new organisation', async () => {
    await signInWithPassword(page, alice.email, PASSWORD);
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.getByText('Connect your ad accounts', { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: /Switch organisation/ }).textContent()).toContain(alice.organizationName);
    orgId = /\/orgs\/([0-9a-f-]{36})\//.exec(page.url())?.[1] ?? '';
    expect(orgId).not.toBe('');
  });

  it('turns on two-factor authentication and shows the recovery codes once', async () => {
    await openSettings(page, 'Security');
    await page.getByRole('button', { name: 'Set up two-factor authentication' }).click();
    await page.getByRole('img', { name: /QR code/ }).waitFor();
    mfaSecret = await page.getByLabel('Secret key').inputValue();
    expect(mfaSecret).toMatch(/^[A-Z2-7]+=*$/);
    await page.getByLabel('Authentication code').fill(await nextTotp(server, mfaSecret));
    await page.getByRole('button', { name: 'Turn on two-factor authentication' }).click();
    await page.getByText('Save your recovery codes now').waitFor();
    expect(await page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem').count()).toBe(10);
    await page.getByRole('button', { name: 'I have saved my codes' }).click();
    await page.getByRole('button', { name: 'Turn off two-factor authentication' }).waitFor();
  });

  it('signs out and back in with an authenticator code', async () => {
    await signOut(page);
    await signInWithPassword(page, alice.email, PASSWORD);
    await page.getByRole('heading', { name: 'Two-factor authentication' }).waitFor();
    await page.getByLabel('Authentication code').fill(await nextTotp(server, mfaSecret));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
  });

  it('invites a second person, then signs out', async () => {
    await openSettings(page, 'Members');
    await page.getByLabel('Email address to invite').fill(bob.email);
    await page.getByLabel('Role', { exact: true }).selectOption('member');
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await page.getByText(`Invitation sent to ${bob.email}`).waitFor();
    await page.getByRole('list', { name: 'Pending invitations' }).getByText(bob.email).waitFor();
    await signOut(page);
  });

  it('lets the invited person sign up from the link, verify and accept', async () => {
    const bobPage = await bobContext.newPage();
    await followEmailLink(bobPage, server.url, bob.email, /You are invited to join Acme Ads/, /\/accept-invitation\?token=/);
    await bobPage.getByText(`invited ${bob.email} to join ${alice.organizationName}`).waitFor();
    await bobPage.getByRole('link', { name: 'Create an account' }).click();
    expect(await bobPage.getByLabel('Work email').inputValue()).toBe(bob.email);
    await expect(bobPage.getByLabel('Organisation name').count()).resolves.toBe(0);
    await signUp(bobPage, { name: bob.name, password: PASSWORD });
    await followEmailLink(bobPage, server.url, bob.email, /Verify your email/, /\/verify-email\?token=/);
    await bobPage.getByText('Email verified').waitFor();
    await bobPage.getByRole('link', { name: 'Sign in' }).click();
    await signInWithPassword(bobPage, bob.email, PASSWORD);
    // Back on the invitation after signing in: the page remembered where Bob was going.
    await bobPage.getByRole('button', { name: 'Accept invitation' }).click();
    await bobPage.getByRole('heading', { name: 'Dashboard' }).waitFor();
    expect(bobPage.url()).toContain(`/orgs/${orgId}/dashboard`);
    await bobPage.close();
  });

  it('creates an API key whose secret works against the API', async () => {
    await signInWithPassword(page, alice.email, PASSWORD);
    await page.getByLabel('Authentication code').fill(await nextTotp(server, mfaSecret));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await openSettings(page, 'Members');
    await page.getByRole('list', { name: 'Members' }).getByText(bob.email).waitFor();

    await openSettings(page, 'API keys');
    await page.getByLabel('Key name').fill('Reporting script');
    await page.getByLabel('Scope').selectOption('read');
    await page.getByRole('button', { name: 'Create key' }).click();
    await page.getByText('This is the only time it is shown').waitFor();
    const secret = await page.getByLabel('New API key secret').inputValue();
    expect(secret).toMatch(/^adl_/);

    const response = await fetch(`${server.url}/api/v1/orgs/${orgId}/members`, { headers: { authorization: `Bearer ${secret}` } });
    expect(response.status).toBe(200);
    const members = (await response.json()) as { items: { email: string; role: string }[] };
    expect(members.items.map((m) => `${m.email}:${m.role}`).sort()).toEqual([`${alice.email}:owner`, `${bob.email}:member`]);

    await page.reload();
    const row = page.getByRole('row', { name: /Reporting script/ });
    await row.waitFor();
    expect(await row.textContent()).not.toContain('Never');
  });

  it('shows all of it in the audit log, with filters and changes', async () => {
    await openSettings(page, 'Audit log');
    const events = page.getByRole('table', { name: 'Audit log events' });
    await events.waitFor();
    for (const action of ['Created the organisation', 'Invited someone', 'Accepted an invitation', 'Created an API key']) {
      await events.getByRole('rowheader', { name: action, exact: true }).first().waitFor();
    }
    expect(await events.textContent()).not.toMatch(/org\.created|api_key\.created/);
    await page.getByRole('button', { name: 'Show the changes of “Created an API key”' }).click();
    await events.getByText('Reporting script').first().waitFor();

    await page.getByLabel('Action').selectOption('invitation.*');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/action=invitation/);
    await events.getByRole('rowheader', { name: 'Accepted an invitation', exact: true }).waitFor();
    expect(await events.getByRole('rowheader', { name: 'Created an API key', exact: true }).count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
