import { beforeAll, describe, expect, it } from 'vitest';
import type { CampaignChange } from '@adloop/contracts';
import { useSignedInOwner } from './support/signed-in-owner.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { connectOneAndSync } from '../setup/connect-helpers.ts';

/**
 * Insights in the browser: after the first sync of a sandbox account, the page in the navigation
 * shows budget recommendations, anomalies and a forecast; by keyboard the recommendations go to the
 * approval inbox after a confirmation, as proposals of the AI.
 */
describe('insights page: recommendations sent to the approval inbox by keyboard', () => {
  const app = useSignedInOwner({ organizationName: 'Insightful Outdoor', name: 'Ines Insight' }, async ({ server, owner, orgId }) => {
    await connectOneAndSync(server, owner, orgId, 'tiktok');
  });
  const api = (path: string) => `/api/v1/orgs/${app.orgId}${path}`;
  beforeAll(() => app.page.setViewportSize({ width: 1280, height: 900 }));

  it('opens from the navigation with recommendations, anomalies and a forecast, without axe violations', async () => {
    const { page } = app;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Insights' }).click();
    await page.getByRole('heading', { name: 'Insights', level: 1 }).waitFor();
    const table = page.getByRole('table', { name: 'Budget recommendations per campaign' });
    await table.waitFor();
    expect(await table.getByRole('row').count()).toBeGreaterThan(2);
    await table.getByRole('columnheader', { name: 'Next unit returns' }).waitFor();
    await page.getByRole('heading', { name: 'Open anomalies' }).waitFor();
    await page.getByRole('figure', { name: /Spend forecast per day/ }).waitFor();
    await expectNoAxeViolations(page, 'insights');
  });

  it('fits tablet widths without sideways scroll (the navigation moves into the menu below 1280 px)', async () => {
    const { page } = app;
    for (const width of [768, 900, 1024, 1200]) {
      await page.setViewportSize({ width, height: 900 });
      // Charts follow their box after a resize on the next frame (ResizeObserver): wait for it.
      const overflow = () =>
        page.evaluate(() => {
          const g = globalThis as unknown as { document: { scrollingElement: { scrollWidth: number } }; innerWidth: number };
          return g.document.scrollingElement.scrollWidth - g.innerWidth;
        });
      await expect.poll(overflow, { message: `sideways scroll at ${width} px`, timeout: 5_000 }).toBeLessThanOrEqual(0);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('sends the recommended budgets to the approval inbox after a confirmation, by keyboard', async () => {
    const { owner, page, pageErrors } = app;
    const send = page.getByRole('button', { name: 'Send to approval inbox' });
    await send.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Send the recommended budgets for approval?' });
    await dialog.waitFor();
    await expectNoAxeViolations(page, 'insights confirmation');
    await dialog.getByRole('button', { name: 'Send to approval inbox' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText(/in the approval inbox\./).first().waitFor();
    const inbox = await owner.client.get<{ items: CampaignChange[] }>(api('/proposals'));
    const ours = inbox.body.items.filter((c) => c.actorLabel === 'Budget reallocation');
    expect(ours.length).toBeGreaterThan(0);
    expect(ours.every((c) => c.state === 'proposed' && c.actorType === 'ai')).toBe(true);
    expect(pageErrors).toEqual([]);
  });
});
