import { beforeAll, describe, expect, it } from 'vitest';
import { campaignMetricsRow } from '../setup/metrics-rows.ts';
import { adAccounts, campaigns, platformConnections } from '@adloop/db';
import { createMetricsRepository } from '../../apps/server/src/modules/metrics/metrics.repository.ts';
import { addDays } from '@adloop/engine';
import { useSignedInOwner } from './support/signed-in-owner.ts';

const LOCALE = 'en-US';
/** A big account: about $14 million and 200 million clicks a day, so every card holds a long number. */
const DAILY_SPEND_MICROS = 14_109_347_530_000;
const DAILY_CLICKS = 200_000_000;
const day = (d: string) => new Intl.DateTimeFormat(LOCALE, { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(new Date(`${d}T00:00:00Z`));
const usd = (micros: number) => new Intl.NumberFormat(LOCALE, { style: 'currency', currency: 'USD' }).format(micros / 1_000_000);

const dailyRow = (date: string, spendMicros = DAILY_SPEND_MICROS) =>
  campaignMetricsRow({ campaign: 'big-1', date, currency: 'USD', spendMicros, impressions: DAILY_CLICKS * 40, clicks: DAILY_CLICKS, conversions: 1_234_567.5, conversionValueMicros: DAILY_SPEND_MICROS * 3 });

describe('dashboard: cards that fit, one freshness, charts with tooltips and zero days', () => {
  let campaignId = '';
  const until = addDays(new Date().toISOString().slice(0, 10), -1);
  const since = addDays(until, -6);
  const quietDay = addDays(since, 3);

  const app = useSignedInOwner({ organizationName: 'Big Spender', name: 'Bo Big' }, async ({ server, owner, orgId }) => {
    expect((await owner.client.patch(`/api/v1/orgs/${orgId}`, { reportingCurrency: 'USD', timeZone: 'UTC' })).status).toBe(200);
    // A connected Meta account with six days of numbers around a day without any.
    const db = server.ctx.db;
    const [connection] = await db.insert(platformConnections).values({ orgId, platform: 'meta' }).returning();
    const synced = new Date(Date.now() - 5 * 60_000);
    const [account] = await db
      .insert(adAccounts)
      .values({ orgId, connectionId: connection!.id, platform: 'meta', platformAccountId: 'act_big', name: 'Big Spender – Meta', currency: 'USD', timeZone: 'UTC', selected: true, nextSyncAt: new Date('2099-01-01T00:00:00Z'), structureSyncedAt: synced, metricsSyncedAt: synced })
      .returning();
    const days = Array.from({ length: 7 }, (_, i) => addDays(since, i)).filter((d) => d !== quietDay);
    // The week before: the same clicks for half the spend on the same six days of the week.
    const weekBefore = days.map((d) => dailyRow(addDays(d, -7), DAILY_SPEND_MICROS / 2));
    const metrics = createMetricsRepository(db);
    await metrics.upsert(orgId, account!.id, [...days.map((d) => dailyRow(d)), ...weekBefore], synced);
    await metrics.refreshRollups(orgId, account!.id, 'meta', addDays(since, -7), until);
    const [campaign] = await db.insert(campaigns).values({ orgId, adAccountId: account!.id, platformId: 'big-1', name: 'Big campaign', status: 'active', rawStatus: 'ACTIVE', currency: 'USD', syncedAt: synced }).returning();
    campaignId = campaign!.id;
  }, { context: { locale: LOCALE, timezoneId: 'UTC', viewport: { width: 1280, height: 900 } } });

  beforeAll(async () => {
    const { server, orgId, page } = app;
    page.context().setDefaultTimeout(15_000);
    await page.goto(`${server.url}/orgs/${orgId}/dashboard?range=custom&since=${since}&until=${until}`);
    await page.getByRole('list', { name: 'Key numbers' }).waitFor();
  });

  it('fits every KPI card’s number at 1280 px, the full value on hover', async () => {
    const { page } = app;
    const cards = page.getByRole('list', { name: 'Key numbers' }).getByRole('listitem');
    expect(await cards.count()).toBe(8);
    const overflowing = await cards.evaluateAll((items) =>
      items.flatMap((item) => {
        const value = item.querySelector('.kpi-value');
        const label = item.getAttribute('aria-label');
        if (!value) return [`${label}: no value`];
        return value.scrollWidth > value.clientWidth || item.scrollWidth > item.clientWidth ? [`${label}: ${value.textContent}`] : [];
      }),
    );
    expect(overflowing).toEqual([]);
    const spend = cards.filter({ has: page.getByText('Spend', { exact: true }) }).locator('.kpi-value');
    expect(await spend.textContent()).toBe('$84.7M');
    expect(await spend.getAttribute('title')).toBe(usd(DAILY_SPEND_MICROS * 6));
  });

  it('says how fresh the numbers are once, not on every card', async () => {
    const { page } = app;
    const totals = page.getByRole('region', { name: /^Totals,/ });
    await totals.getByText(/^Synced \d+ minutes ago$/).waitFor();
    expect(await totals.getByText(/^Synced /).count()).toBe(1);
  });

  it('shows the day’s number in a tooltip on hover, and a day without spend as 0', async () => {
    const { page } = app;
    const chart = page.locator('[data-chart="Spend per day (USD)"]');
    const over = chart.locator('.u-over');
    await over.scrollIntoViewIfNeeded();
    const box = (await over.boundingBox())!;
    const hover = async (index: number) => {
      await page.mouse.move(box.x + (box.width * index) / 6, box.y + box.height / 2);
      const tooltip = chart.locator('.chart-tooltip');
      await tooltip.waitFor({ state: 'visible' });
      return tooltip;
    };
    const first = await hover(0);
    await expect.poll(() => first.textContent()).toBe(`${day(since)}${usd(DAILY_SPEND_MICROS)}`);
    const quiet = await hover(3);
    await expect.poll(() => quiet.textContent()).toBe(`${day(quietDay)}${usd(0)}`);
    // The same numbers as a table, the quiet day included.
    await chart.locator('xpath=ancestor::figure').getByText('Show as table').click();
    const table = page.getByRole('table', { name: 'Spend per day (USD)' });
    await table.getByRole('row', { name: new RegExp(`^${day(quietDay)} `) }).getByRole('cell', { name: usd(0) }).waitFor();
    expect(await table.getByRole('row').count()).toBe(8);
  });

  it('zooms into a dragged span and back out on a double click', async () => {
    const { page } = app;
    const chart = page.locator('[data-chart="Spend per day (USD)"]');
    const over = chart.locator('.u-over');
    await over.scrollIntoViewIfNeeded();
    const box = (await over.boundingBox())!;
    const y = box.y + box.height / 2;
    await page.mouse.move(box.x + (box.width * 4) / 6, y);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width - 2, y, { steps: 5 });
    await page.mouse.up();
    // Zoomed to the last days: the left edge now stands for a later day than the first.
    await page.mouse.move(box.x + 2, y);
    await expect.poll(() => chart.locator('.chart-tooltip').textContent()).toContain(day(addDays(since, 4)));
    await over.dblclick({ position: { x: 5, y: box.height / 2 } });
    await page.mouse.move(box.x + 1, y);
    await expect.poll(() => chart.locator('.chart-tooltip').textContent()).toContain(day(since));
  });

  it('colours changes by what they mean: spend neither good nor bad, a dearer click worse', async () => {
    const { page } = app;
    const cards = page.getByRole('list', { name: 'Key numbers' });
    const spend = await cards.getByRole('listitem', { name: 'Spend' }).textContent();
    expect(spend).toContain('Up +100%');
    expect(spend).not.toMatch(/better|worse/);
    expect(await cards.getByRole('listitem', { name: 'CPC' }).textContent()).toContain('Up +100% (worse)');
    expect(await cards.getByRole('listitem', { name: 'Clicks' }).textContent()).toContain('no change');
  });

  it('gives the campaign page the same comparison and one freshness time', async () => {
    const { server, orgId, page } = app;
    await page.goto(`${server.url}/orgs/${orgId}/campaigns/${campaignId}?range=custom&since=${since}&until=${until}`);
    await page.getByRole('heading', { name: 'Big campaign', level: 1 }).waitFor();
    const cards = page.getByRole('list', { name: 'Key numbers' });
    expect(await cards.getByRole('listitem', { name: 'CPC' }).textContent()).toContain('Up +100% (worse)');
    await page.getByText(`Compared with ${new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${addDays(since, -7)}T00:00:00Z`))}`, { exact: false }).waitFor();
    expect(await page.getByText(/synced \d+ minutes? ago/i).count()).toBe(1);
    // Every day of the range is on the chart, the quiet one as 0.
    await page.getByText('Show as table').click();
    await page.getByRole('table', { name: 'Spend per day (USD)' }).getByRole('row', { name: new RegExp(`^${day(quietDay)} `) }).getByRole('cell', { name: usd(0) }).waitFor();
    await page.goto(`${server.url}/orgs/${orgId}/dashboard?range=custom&since=${since}&until=${until}`);
    await page.getByRole('list', { name: 'Key numbers' }).waitFor();
  });

  it('offers Today and compares it with the same hours of yesterday', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Today' }).click();
    await page.waitForURL((url) => url.searchParams.get('range') === 'today');
    await page.getByRole('button', { name: 'Today', pressed: true }).waitFor();
    await page.getByText(/the same hours as today/).waitFor();
    for (const preset of ['Yesterday', 'This month']) await page.getByRole('button', { name: preset }).waitFor();
  });
});
