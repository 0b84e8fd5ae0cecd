import { beforeAll, describe, expect, it } from 'vitest';
import type { AnomalyIncidentPage } from '@adloop/contracts';
import { checkAnomaliesOfOrg } from '../../apps/server/src/modules/insights/index.ts';
import { useSignedInOwner } from './support/signed-in-owner.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { connectOneAndSync } from '../setup/connect-helpers.ts';

const HOUR = 3_600_000;

/**
 * Anomaly incidents in the browser: the sandbox breaks conversion tracking on the account, the hourly
 * check opens incidents; on Insights › Open anomalies a person snoozes one by keyboard after a
 * confirmation (the snooze shows, the API has it) and marks another as seen; the chart link opens the
 * campaign's chart.
 */
describe('insights page: anomalies snoozed and marked as seen by keyboard', () => {
  let accountId = '';
  const app = useSignedInOwner({ organizationName: 'Alerted Outdoor', name: 'Ada Alerted' }, async ({ server, owner, orgId }) => {
    const realNow = Date.now();
    const breakTracking = async (platformAccountId: string) => {
      const outage = await fetch(`${server.sandbox!.urls.control}/control/anomalies`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ platform: 'tiktok', accountId: platformAccountId, kind: 'tracking_outage', magnitude: 0, start: new Date(realNow - 120 * HOUR).toISOString(), durationHours: 72 }),
      });
      expect(outage.status).toBe(201);
    };
    accountId = (await connectOneAndSync(server, owner, orgId, 'tiktok', breakTracking)).id;
    // The hourly check as of the break (yesterday then wholly inside it), then the clock back to now.
    server.clock.set(new Date(realNow - 50 * HOUR));
    const found = await checkAnomaliesOfOrg(server.ctx, orgId);
    expect(found.opened.some((r) => r.cause === 'tracking')).toBe(true);
    server.clock.set(new Date(realNow));
  });
  const api = (path: string) => `/api/v1/orgs/${app.orgId}${path}`;
  beforeAll(() => app.page.setViewportSize({ width: 1280, height: 900 }));

  it('lists the open incidents with their figures and cause, without axe violations', async () => {
    const { server, orgId, page } = app;
    await page.goto(`${server.url}/orgs/${orgId}/insights?account=${accountId}`);
    const list = page.getByRole('list', { name: 'Open anomalies' });
    await list.waitFor();
    const tracking = list.getByRole('listitem').filter({ hasText: 'Conversion tracking may be broken' });
    expect(await tracking.count()).toBeGreaterThan(0);
    await expect.poll(() => tracking.first().textContent()).toMatch(/Observed .+, expected .+ \(normal range .+ to .+\) since /);
    await expectNoAxeViolations(page, 'insights anomalies');
  });

  it('snoozes one by keyboard after a confirmation, and the snooze shows and is stored', async () => {
    const { owner, page } = app;
    const list = page.getByRole('list', { name: 'Open anomalies' });
    const item = list.getByRole('listitem').filter({ hasText: 'Conversion tracking may be broken' }).first();
    const heading = (await item.locator('span.font-medium').first().textContent()) ?? '';
    const snooze = item.getByRole('button', { name: 'Snooze' });
    await snooze.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Snooze this anomaly?' });
    await dialog.waitFor();
    const length = dialog.getByLabel('Snooze for');
    await length.focus();
    await length.selectOption({ label: '1 week' });
    // Cancel first: nothing changes.
    await dialog.getByRole('button', { name: 'Cancel' }).press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    let stored = (await owner.client.get<AnomalyIncidentPage>(api(`/insights/incidents?accountId=${accountId}&limit=100`))).body;
    expect(stored.items.every((i) => i.snoozedUntil === null)).toBe(true);
    await snooze.focus();
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await dialog.getByLabel('Snooze for').selectOption({ label: '1 day' });
    await dialog.getByRole('button', { name: 'Snooze' }).press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    const snoozedItem = list.getByRole('listitem').filter({ hasText: heading }).filter({ hasText: 'Snoozed until' });
    await snoozedItem.first().waitFor();
    await snoozedItem.first().getByRole('button', { name: 'Snooze longer' }).waitFor();
    stored = (await owner.client.get<AnomalyIncidentPage>(api(`/insights/incidents?accountId=${accountId}&limit=100`))).body;
    const snoozed = stored.items.filter((i) => i.snoozedUntil !== null);
    expect(snoozed).toHaveLength(1);
    const hoursAhead = (Date.parse(snoozed[0]!.snoozedUntil!) - Date.now()) / HOUR;
    expect(hoursAhead).toBeGreaterThan(23);
    expect(hoursAhead).toBeLessThanOrEqual(24);
  });

  it('marks one as seen by keyboard, and its chart link opens the campaign chart', async () => {
    const { page, pageErrors } = app;
    const list = page.getByRole('list', { name: 'Open anomalies' });
    const item = list.getByRole('listitem').filter({ has: page.getByRole('button', { name: 'Mark as seen' }) }).first();
    const heading = (await item.locator('span.font-medium').first().textContent()) ?? '';
    await item.getByRole('button', { name: 'Mark as seen' }).press('Enter');
    await list.getByRole('listitem').filter({ hasText: heading }).filter({ hasText: 'Seen by' }).first().waitFor();
    const campaignItem = list.getByRole('listitem').filter({ has: page.getByRole('link', { name: /Open the chart/ }) }).filter({ hasText: 'campaign,' }).first();
    expect(await campaignItem.count()).toBe(1);
    await campaignItem.getByRole('link', { name: /Open the chart/ }).press('Enter');
    await page.waitForURL(/\/campaigns\/[0-9a-f-]{36}\?range=custom&since=.*&granularity=(hour|day)/);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(pageErrors).toEqual([]);
  });
});
