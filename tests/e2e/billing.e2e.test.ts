import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { billingAccounts } from '@adloop/db';
import { useSignedInOwner } from './support/signed-in-owner.ts';
import { expectNoAxeViolations } from './support/axe.ts';

/**
 * Billing in the browser: choose Pro on Settings › Billing, see 0002 declined on the Stripe
 * sandbox's checkout page, pay with 4242, come back and see Pro's limits once Stripe's webhook
 * has arrived; then change the card in the portal.
 */
describe('billing journey', () => {
  const app = useSignedInOwner({ organizationName: 'Payline', name: 'Pat Payer' });

  it('chooses Pro, is declined with 0002, pays with 4242 and sees the Pro limits; the portal changes the card', async () => {
    const { server, owner, page, pageErrors } = app;
    await page.goto(`${server.url}/orgs/${owner.orgId}/settings/billing`);
    await page.getByRole('heading', { name: 'Billing' }).waitFor();
    await expect(page.getByRole('progressbar', { name: 'Users' }).getAttribute('aria-valuetext')).resolves.toBe('1 of 1');
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Choose Pro' }).click();
    await page.getByLabel('Card number').waitFor();
    await page.getByLabel('Card number').fill('4000 0000 0000 0002');
    await page.getByLabel('Expiry (MM / YY)').fill('12 / 34');
    await page.getByLabel('CVC').fill('123');
    await page.getByRole('button', { name: 'Start trial' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Your card was declined.');
    await page.getByLabel('Card number').fill('4242 4242 4242 4242');
    await page.getByRole('button', { name: 'Start trial' }).click();
    await page.waitForURL(/\/billing\?checkout=complete/);
    await page.getByRole('progressbar', { name: 'Users' }).waitFor();
    await expect.poll(async () => {
      await page.reload();
      await page.getByRole('progressbar', { name: 'Users' }).waitFor();
      return page.getByRole('progressbar', { name: 'Users' }).getAttribute('aria-valuetext');
    }, { timeout: 30_000, interval: 1_000 }).toBe('1 of 10');
    await expect(page.getByText('14 trial days left').isVisible()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Manage payment method or cancel' }).click();
    await page.getByRole('heading', { name: 'Manage billing' }).waitFor();
    await page.getByLabel('New card number').fill('5555 5555 5555 4444');
    await page.getByRole('button', { name: 'Update card' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toContain('Your card was updated.');
    await expect(page.getByText('mastercard ending in 4444').isVisible()).resolves.toBe(true);
    expect(pageErrors).toEqual([]);
  }, 180_000);

  it('while past due and then read-only, every page shows the notice with the way to Settings › Billing', async () => {
    const { server, owner, page, pageErrors } = app;
    const since = (days: number) => new Date(server.clock.now().getTime() - days * 86_400_000);
    const setPastDue = (days: number) => server.ctx.db.update(billingAccounts).set({ status: 'past_due', pastDueSince: since(days) }).where(eq(billingAccounts.orgId, owner.orgId!));
    const bar = page.getByRole('region', { name: 'Billing' });
    await setPastDue(2);
    await page.goto(`${server.url}/orgs/${owner.orgId}/campaigns`);
    await expect(bar.textContent({ timeout: 15_000 })).resolves.toMatch(/^Payment failed — update your card by \d{1,2} \w{3} \d{4}/);
    await setPastDue(15);
    await page.goto(`${server.url}/orgs/${owner.orgId}/rules`);
    await expect(bar.textContent({ timeout: 15_000 })).resolves.toMatch(/^Read-only since \d{1,2} \w{3} \d{4}: automation paused/);
    await bar.getByRole('link', { name: 'Settings › Billing' }).click();
    await page.getByText('Your organisation is read-only').waitFor();
    expect(await bar.count()).toBe(0);
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
