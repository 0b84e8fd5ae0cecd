import { beforeAll, describe, expect, it } from 'vitest';
import type { BudgetRecommendations, MonthEndProjection } from '@adloop/contracts';
import { useSignedInOwner } from './support/signed-in-owner.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { connectOneAndSync } from '../setup/connect-helpers.ts';

/**
 * Forecasts where people look: after the first sync of a sandbox account, the dashboard shows where
 * the month lands (organisation and account, with the 80 % range and pacing), a campaign's chart
 * draws the next days' forecast with its 80 % and 95 % ranges, and each budget recommendation shows
 * its response curve with today's and the proposed budget.
 */
describe('forecasts in the browser: month-end projection, campaign forecast band, recommendation curves', () => {
  let accountId = '';
  const app = useSignedInOwner({ organizationName: 'Forecast Outdoor', name: 'Fern Forecast' }, async ({ server, owner, orgId }) => {
    accountId = (await connectOneAndSync(server, owner, orgId, 'tiktok')).id;
  });
  const api = (path: string) => `/api/v1/orgs/${app.orgId}${path}`;
  beforeAll(() => app.page.setViewportSize({ width: 1280, height: 900 }));

  it('shows the month-end projection on the dashboard: the organisation and the account with 80 % ranges and pacing', async () => {
    const { owner, page } = app;
    const projection = (await owner.client.get<MonthEndProjection>(api('/insights/month-end'))).body;
    const section = page.getByRole('region', { name: /^Month-end projection: / });
    await section.getByRole('heading', { name: /Month-end projection: \w+ \d{4}/ }).waitFor();
    const table = section.getByRole('table', { name: /Month-end projection of spend, conversions and conversion value per account/ });
    await table.waitFor();
    const total = table.getByRole('row', { name: /All accounts/ });
    await total.waitFor();
    expect(await total.getByText(/^80 %: /).count()).toBe(3);
    const account = table.getByRole('row', { name: new RegExp(projection.accounts[0]!.name) });
    expect(await account.getByText(/^80 %: /).count()).toBe(3);
    expect(await account.getByText(/^so far /).count()).toBe(3);
    const status = projection.accounts[0]!.pacing!.status;
    await account.getByText({ on_track: 'On track', over: 'Will overspend', exhausted: 'Plan spent', under: 'Will underspend' }[status], { exact: true }).waitFor();
    await account.getByText(projection.accounts[0]!.pacing!.message).waitFor();
    await expectNoAxeViolations(page, 'dashboard with month-end projection');
  });

  it('draws a campaign’s next 14 days with 80 % and 95 % ranges, chosen by keyboard, listed in the table', async () => {
    const { server, owner, orgId, page } = app;
    const recs = (await owner.client.get<BudgetRecommendations>(api(`/insights/recommendations?accountId=${accountId}`))).body;
    const campaign = recs.items[0]!;
    await page.goto(`${server.url}/orgs/${orgId}/campaigns/${campaign.campaignId}`);
    await page.getByRole('heading', { name: campaign.name, level: 1 }).waitFor();
    const select = page.getByLabel('Forecast');
    await select.focus();
    await select.selectOption({ label: 'Next 14 days' });
    const figure = page.getByRole('figure', { name: /Spend per day \(\w+\), with the forecast of the next 14 days/ });
    await figure.waitFor();
    const legend = figure.getByRole('list', { name: /Legend of/ });
    for (const item of ['Forecast', '80 % range', '95 % range']) await legend.getByText(item, { exact: true }).waitFor();
    await figure.getByText('Show as table').click();
    const table = figure.getByRole('table');
    await table.getByRole('columnheader', { name: '80 % range' }).waitFor();
    // Past days have numbers and no forecast; the last rows are forecast days with both ranges.
    const rows = table.getByRole('row');
    const last = rows.nth((await rows.count()) - 1);
    const cells = await last.getByRole('cell').allTextContents();
    expect(cells[0]).toBe('—');
    expect(cells[2]).toMatch(/.+ – .+/);
    expect(cells[3]).toMatch(/.+ – .+/);
    // Conversions have a forecast too; impressions say forecasts cover spend and conversions.
    await page.getByRole('group', { name: 'Metric' }).getByRole('button', { name: 'Conversions' }).click();
    await page.getByRole('figure', { name: /Conversions per day, with the forecast of the next 14 days/ }).waitFor();
    await page.getByRole('group', { name: 'Metric' }).getByRole('button', { name: 'Impressions' }).click();
    await page.getByText('Forecasts are daily, for spend and conversions.').waitFor();
    expect(await page.getByLabel('Forecast').isDisabled()).toBe(true);
    await page.getByRole('group', { name: 'Metric' }).getByRole('button', { name: 'Spend' }).click();
    await figure.waitFor();
    await expectNoAxeViolations(page, 'campaign with forecast band');
  });

  it('shows each recommendation’s response curve with today’s and the proposed budget, captioned and as a table', async () => {
    const { server, owner, orgId, page, pageErrors } = app;
    await page.goto(`${server.url}/orgs/${orgId}/insights`);
    await page.getByRole('heading', { name: 'Evidence: each campaign’s response curve' }).waitFor();
    const recs = (await owner.client.get<BudgetRecommendations>(api(`/insights/recommendations?accountId=${accountId}`))).body;
    const moved = recs.items.find((i) => !i.held && i.changeMicros !== 0)!;
    const figure = page.getByRole('figure', { name: new RegExp(`${moved.name}: expected conversions a day against the daily budget\\. Today .+; proposed .+`) });
    await figure.waitFor();
    await figure.getByText('Show the curve as a table').click();
    await figure.getByRole('rowheader', { name: /\(today\)$/ }).waitFor();
    await figure.getByRole('rowheader', { name: /\(proposed\)$/ }).waitFor();
    await expectNoAxeViolations(page, 'insights with response curves');
    expect(pageErrors).toEqual([]);
  });
});
