import { describe, expect, it } from 'vitest';
import { useSignedOutBrowser } from './support/app-browser.ts';
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
  const app = useSignedOutBrowser(30_000);

  it('links every legal page from the sign-in page', async () => {
    const { server, page } = app;
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
      const { server, page } = app;
      await page.goto(`${server.url}${path}`);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await page.getByText(shows).first().waitFor();
      await expectNoAxeViolations(page);
    });
  }

  it('lists the session cookie with its purpose and lifetime, and says there are no tracking cookies', async () => {
    const { server, page } = app;
    await page.goto(`${server.url}/legal/cookies`);
    const row = page.getByRole('row', { name: /adloop_session/ });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/signed in[\s\S]*30 days/);
    expect(await page.getByRole('row', { name: /adloop_csrf/ }).count()).toBe(1);
    await page.getByText(/no analytics, advertising or other tracking cookies/).waitFor();
  });

  it('names the security contact from the configuration and links security.txt', async () => {
    const { server, page } = app;
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
