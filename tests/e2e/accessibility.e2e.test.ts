import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useCampaignJourney } from './support/campaign-journey.ts';
import { expectNoAxeViolations } from './support/axe.ts';

const WIDTHS = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

interface AppPage {
  name: string;
  path: (ids: { orgId: string; campaignId: string }) => string;
  heading: string | RegExp;
  /** Settings pages title themselves with an h2 under the section's h1. */
  level?: 1 | 2;
  signedOut?: boolean;
}

const PAGES: AppPage[] = [
  { name: 'sign-in', path: () => '/sign-in', heading: 'Sign in to Adloop', signedOut: true },
  { name: 'sign-up', path: () => '/sign-up', heading: 'Create your Adloop account', signedOut: true },
  { name: 'dashboard', path: ({ orgId }) => `/orgs/${orgId}/dashboard`, heading: 'Dashboard' },
  { name: 'campaigns', path: ({ orgId }) => `/orgs/${orgId}/campaigns`, heading: 'Campaigns' },
  { name: 'campaign detail', path: ({ orgId, campaignId }) => `/orgs/${orgId}/campaigns/${campaignId}`, heading: /./ },
  { name: 'new campaign wizard', path: ({ orgId }) => `/orgs/${orgId}/campaigns/new`, heading: 'New campaign' },
  { name: 'connections', path: ({ orgId }) => `/orgs/${orgId}/connections`, heading: 'Connections' },
  { name: 'insights', path: ({ orgId }) => `/orgs/${orgId}/insights`, heading: 'Insights' },
  { name: 'profile settings', path: ({ orgId }) => `/orgs/${orgId}/settings/profile`, heading: 'Profile', level: 2 },
  { name: 'security settings', path: ({ orgId }) => `/orgs/${orgId}/settings/security`, heading: 'Security', level: 2 },
  { name: 'organisation settings', path: ({ orgId }) => `/orgs/${orgId}/settings/organization`, heading: 'Organisation', level: 2 },
  { name: 'members', path: ({ orgId }) => `/orgs/${orgId}/settings/members`, heading: 'Members', level: 2 },
  { name: 'API keys', path: ({ orgId }) => `/orgs/${orgId}/settings/api-keys`, heading: 'API keys', level: 2 },
  { name: 'audit log', path: ({ orgId }) => `/orgs/${orgId}/settings/audit-log`, heading: 'Audit log', level: 2 },
  { name: 'dev mailbox', path: () => '/dev/mailbox', heading: 'Dev mailbox' },
];

/** How far the page scrolls sideways: 0 when everything fits the viewport's width. */
const sidewaysOverflow = (page: Page) =>
  page.evaluate(() => {
    const doc = (globalThis as unknown as { document: { scrollingElement: { scrollWidth: number } }; innerWidth: number });
    return doc.document.scrollingElement.scrollWidth - doc.innerWidth;
  });

/** The text of the element that has the keyboard focus. */
const focusedText = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as { document: { activeElement: { textContent: string } | null } }).document.activeElement?.textContent?.trim() ?? '');

describe('accessibility: every page passes axe at 1440 and 390 px, fits a phone, and works by keyboard', () => {
  const j = useCampaignJourney();
  const ids = { orgId: '', campaignId: '' };

  it('sets up an organisation with a synced Meta account', async () => {
    await j.signUpOwner();
    await j.connectMetaAccount();
    ids.orgId = j.orgId;
    const listed = await j.apiCall<{ items: { id: string }[] }>('GET', `/api/v1/orgs/${j.orgId}/campaigns?limit=1`);
    ids.campaignId = listed.body.items[0]?.id ?? '';
    expect(ids.campaignId).not.toBe('');
  });

  for (const size of WIDTHS) {
    for (const appPage of PAGES) {
      it(`${appPage.name} at ${size.width} px: no sideways scroll, no axe violations`, async () => {
        const page = appPage.signedOut ? await j.browser.newPage({ locale: 'en-US' }) : j.page;
        try {
          await page.setViewportSize({ width: size.width, height: size.height });
          await page.goto(`${j.server.url}${appPage.path(ids)}`);
          await page.getByRole('heading', { level: appPage.level ?? 1, name: appPage.heading }).first().waitFor();
          await page.locator('[aria-busy="true"]').first().waitFor({ state: 'detached' });
          expect.soft(await sidewaysOverflow(page), 'pixels the page scrolls sideways').toBeLessThanOrEqual(0);
          await expectNoAxeViolations(page, `${appPage.name} at ${size.width} px`);
        } finally {
          if (appPage.signedOut) await page.close();
        }
      });
    }
  }

  it('on a phone, the navigation opens from the menu button and works by keyboard alone', async () => {
    const { page } = j;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${j.server.url}/orgs/${ids.orgId}/dashboard`);
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    // The inline navigation does not fit: it is behind the menu button.
    expect(await page.getByRole('navigation', { name: 'Main' }).count()).toBe(0);

    // The first Tab reaches the skip link, which moves focus to the page's main content.
    await page.keyboard.press('Tab');
    await expect.poll(() => focusedText(page)).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { tagName: string } } }).document.activeElement.tagName)).toBe('MAIN');

    const menu = page.getByRole('button', { name: 'Menu', exact: true });
    await menu.focus();
    await page.keyboard.press('Enter');
    const drawer = page.getByRole('dialog', { name: 'Menu', exact: true });
    const nav = drawer.getByRole('navigation', { name: 'Main' });
    await nav.waitFor();
    expect(await nav.getByRole('link', { name: 'Dashboard' }).getAttribute('aria-current')).toBe('page');
    // Escape closes it and gives focus back to the menu button.
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' });
    await expect.poll(() => menu.evaluate((el) => el === (el.ownerDocument as unknown as { activeElement: unknown }).activeElement)).toBe(true);

    // Open again and tab to Connections: Enter follows the link and closes the drawer.
    await page.keyboard.press('Enter');
    await nav.waitFor();
    for (let i = 0; i < 10; i += 1) {
      await page.keyboard.press('Tab');
        if ((await focusedText(page)) === 'Connections') break;
    }
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Connections', level: 1 }).waitFor();
    await drawer.waitFor({ state: 'detached' });
    expect(new URL(page.url()).pathname).toBe(`/orgs/${ids.orgId}/connections`);
    await expectNoAxeViolations(page, 'connections at 390 px after keyboard navigation');
  });

  it('the user menu and the organisation menu open, move and close by keyboard', async () => {
    const { page } = j;
    await page.setViewportSize({ width: 1440, height: 900 });
    const userMenu = page.getByRole('button', { name: 'User menu' });
    await userMenu.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('menu').waitFor();
    await expect.poll(() => focusedText(page)).toBe('Profile');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => focusedText(page)).toBe('Security');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Security', level: 2 }).waitFor();

    const orgMenu = page.getByRole('button', { name: /^Switch organisation/ });
    await orgMenu.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('menuitem', { name: 'Create organisation' }).waitFor();
    await expectNoAxeViolations(page, 'organisation menu open');
    await page.keyboard.press('Escape');
    await page.getByRole('menu').waitFor({ state: 'detached' });
    await expect.poll(() => orgMenu.evaluate((el) => el === (el.ownerDocument as unknown as { activeElement: unknown }).activeElement)).toBe(true);
  });

  it('dialogs opened by keyboard keep the focus inside and give it back on Escape', async () => {
    const { page } = j;
    await page.goto(`${j.server.url}/orgs/${ids.orgId}/connections`);
    const isFocused = (locator: ReturnType<Page['getByRole']>) => locator.evaluate((el) => el === (el.ownerDocument as unknown as { activeElement: unknown }).activeElement);
    const hasFocusInside = (locator: ReturnType<Page['getByRole']>) => locator.evaluate((el) => el.contains((el.ownerDocument as unknown as { activeElement: never }).activeElement));
    for (const [button, dialogName] of [
      ['Manage accounts of Meta', 'Choose the accounts to add'],
      ['Disconnect Meta', 'Disconnect Meta?'],
    ] as const) {
      const trigger = page.getByRole('button', { name: button, exact: true });
      await trigger.focus();
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: dialogName });
      await dialog.getByRole('button', { name: /^(Cancel|Not now)$/ }).waitFor();
      for (let i = 0; i < 6; i += 1) {
        await page.keyboard.press('Tab');
        expect(await hasFocusInside(dialog), `focus stays in “${dialogName}”`).toBe(true);
      }
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      await expect.poll(() => isFocused(trigger), { message: `focus back on “${button}”` }).toBe(true);
    }
    expect(j.pageErrors).toEqual([]);
  });
});
