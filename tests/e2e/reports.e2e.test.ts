import { beforeAll, describe, expect, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import type { Dashboard } from '@adloop/contracts';
import { useSignedInOwner } from './support/signed-in-owner.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { seedReportData } from '../integration/support/report-data.ts';
import { formatKpi } from '../../apps/server/src/modules/reports/report-format.ts';

const today = () => new Date().toISOString().slice(0, 10);

/**
 * Reports in the browser: schedule a weekly report, run it now and open its PDF (its numbers are the
 * dashboard's), make a client link and open it signed out in a fresh browser context.
 */
describe('reports in the browser: schedule, run now, PDF, client link', () => {
  const app = useSignedInOwner({ organizationName: 'Report Agency', name: 'Remy Reports' }, async ({ server, orgId }) => {
    await seedReportData(server.ctx.db, orgId, { today: today(), days: 21, now: new Date(), accounts: [{ name: 'Bakery', platform: 'meta', currency: 'USD', campaigns: 4 }] });
  });
  beforeAll(() => app.page.setViewportSize({ width: 1280, height: 900 }));

  it('schedules a weekly report, runs it now and opens the PDF with the dashboard numbers', async () => {
    const { server, owner, orgId, page } = app;
    await page.getByRole('link', { name: 'Reports' }).first().click();
    await page.getByRole('heading', { name: 'Reports', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'New report' }).click();
    const dialog = page.getByRole('dialog', { name: 'New report' });
    await dialog.getByLabel('Name', { exact: true }).fill('Weekly for Bakery');
    await dialog.getByLabel('Send').selectOption('weekly');
    await dialog.getByLabel('On', { exact: true }).selectOption('1');
    await dialog.getByLabel('Recipients').fill('owner@bakery.example');
    await dialog.getByLabel('Agency name (white label)').fill('North Star Agency');
    await dialog.getByRole('button', { name: 'Create report' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('heading', { name: 'Weekly for Bakery' }).waitFor();
    await expect(page.getByText(/Every Monday at 08:00/).first().isVisible()).resolves.toBe(true);
    await expectNoAxeViolations(page, 'reports page');

    await page.getByRole('button', { name: 'Run now' }).click();
    const pdfLink = page.getByRole('link', { name: /^PDF/ }).first();
    await pdfLink.waitFor({ timeout: 60_000 });
    // The link the person follows, fetched with their browser session.
    const href = await pdfLink.getAttribute('href');
    const response = await page.context().request.get(`${server.url}${href}`);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('application/pdf');
    const text = (await extractText(await getDocumentProxy(new Uint8Array(await response.body())), { mergePages: true })).text;
    const row = page.getByRole('row', { name: /Ready/ }).first();
    const period = (await row.textContent()) ?? '';
    const [, since, until] = period.match(/(\d{4}-\d{2}-\d{2}) – (\d{4}-\d{2}-\d{2})/) ?? [];
    const board = (await owner.client.get<Dashboard>(`/api/v1/orgs/${orgId}/dashboard?since=${since}&until=${until}`)).body;
    expect(text).toContain('Weekly for Bakery');
    expect(text).toContain('North Star Agency');
    expect(text).toContain(formatKpi('spend', board.totals, board.currency));
    expect(text).toContain(formatKpi('conversions', board.totals, board.currency));
  }, 120_000);

  it('makes a client link and opens it signed out', async () => {
    const { server, browser, owner, orgId, page, pageErrors } = app;
    await page.getByLabel('Link for').fill('Bakery owner');
    await page.getByRole('button', { name: 'Make client link' }).click();
    const copy = page.getByRole('button', { name: 'Copy link for Bakery owner' });
    await copy.waitFor();
    const reportId = (await owner.client.get<{ items: { id: string }[] }>(`/api/v1/orgs/${orgId}/reports`)).body.items[0]!.id;
    const link = (await owner.client.get<{ items: { path: string }[] }>(`/api/v1/orgs/${orgId}/reports/${reportId}/links`)).body.items[0]!;

    const stranger = await browser.newContext({ locale: 'en-US', viewport: { width: 1024, height: 800 } });
    const clientPage = await stranger.newPage();
    await clientPage.goto(`${server.url}${link.path}`);
    await clientPage.getByRole('heading', { name: 'Weekly for Bakery', level: 1 }).waitFor();
    await clientPage.getByRole('table', { name: 'By campaign' }).waitFor();
    await expect(clientPage.getByText('Bakery campaign 1').first().isVisible()).resolves.toBe(true);
    await expectNoAxeViolations(clientPage, 'client report page');
    await stranger.close();

    await page.reload();
    await page.getByRole('button', { name: /1 view/ }).waitFor();
    expect(pageErrors).toEqual([]);
  }, 90_000);
});
