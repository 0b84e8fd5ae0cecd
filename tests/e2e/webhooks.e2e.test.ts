import { describe, expect, it } from 'vitest';
import type { WebhookEndpoints } from '@adloop/contracts';
import { useSignedInOwner } from './support/signed-in-owner.ts';
import { expectNoAxeViolations } from './support/axe.ts';

/**
 * Webhooks in the browser: make an endpoint on the sandbox receiver's page, add it in Settings ›
 * Webhooks (the secret is shown once), give the receiver the secret, send a test event, and see it
 * arrive signed on the receiver's page and delivered in Adloop's delivery log.
 */
describe('webhooks journey', () => {
  const app = useSignedInOwner({ organizationName: 'Hookline', name: 'Hana Hooks' });

  it('creates an endpoint pointing at the sandbox receiver, sends a test event, and sees it on the receiver page and in the log', async () => {
    const { server, owner, orgId, page, pageErrors } = app;
    const receiver = await page.context().newPage();
    await receiver.goto(server.sandbox!.urls.webhooks!);
    await receiver.getByLabel('Name').fill('Hookline CRM');
    await receiver.getByRole('button', { name: 'Create endpoint' }).click();
    const address = (await receiver.locator('#endpoint-url').textContent())!.trim();
    expect(address).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/hooks\/[\w-]+$/);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Webhooks' }).click();
    await page.getByRole('heading', { name: 'Webhooks', level: 2 }).waitFor();
    await page.getByText('No endpoints yet').waitFor();
    await expectNoAxeViolations(page);

    // Nothing chosen: the kinds are refused at their field.
    await page.getByLabel('Endpoint URL').fill(address);
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    await page.getByText('Choose at least one kind of event').waitFor();
    await page.getByLabel(/An anomaly was detected/).check();
    await page.getByLabel(/A rule changed something/).check();
    await page.getByLabel('Description (optional)').fill('CRM sync');
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    const secretField = page.getByLabel('Signing secret');
    await secretField.waitFor();
    const secret = await secretField.inputValue();
    expect(secret).toMatch(/^whsec_/);
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Done' }).click();
    await expect(secretField.count()).resolves.toBe(0);
    const stored = (await owner.client.get<WebhookEndpoints>(`/api/v1/orgs/${orgId}/webhooks`)).body.items;
    expect(stored).toMatchObject([{ url: address, description: 'CRM sync', kinds: ['anomaly.opened', 'rule.acted'], enabled: true }]);

    await receiver.getByLabel('Signing secret to verify with').fill(secret);
    await receiver.getByRole('button', { name: 'Save secret' }).click();
    await receiver.getByText('A secret is set.').waitFor();

    const card = page.getByRole('listitem', { name: `Endpoint ${address}` });
    await card.getByRole('button', { name: 'Send test event' }).click();
    await card.getByRole('status').filter({ hasText: 'Test event queued.' }).waitFor();
    await card.getByText('Delivered').waitFor({ timeout: 20_000 });
    await card.getByRole('button', { name: /^Details of the webhook\.test delivery/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Delivery' });
    await dialog.getByText(/Attempt 1: answered 200 in \d+ ms/).waitFor();
    await expectNoAxeViolations(page);
    await dialog.getByRole('button', { name: 'Replay' }).click();
    await dialog.getByRole('status').filter({ hasText: 'Replay queued' }).waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(async () => card.getByText('Delivered').count(), { timeout: 20_000 }).toBe(2);

    await receiver.reload();
    const rows = receiver.locator('tr[data-delivery]');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.filter({ hasText: 'accepted (200)' }).filter({ hasText: 'verified' }).count()).toBe(2);
    expect(await rows.first().textContent()).toContain('webhook.test');
    expect(pageErrors).toEqual([]);
  });

  it('deletes the endpoint after confirming', async () => {
    const { owner, orgId, page } = app;
    const card = page.getByRole('listitem', { name: /^Endpoint / });
    await card.getByRole('button', { name: /^Delete endpoint/ }).click();
    const confirm = page.getByRole('alertdialog').or(page.getByRole('dialog'));
    await confirm.getByRole('button', { name: 'Delete endpoint' }).click();
    await page.getByText('No endpoints yet').waitFor();
    expect((await owner.client.get<WebhookEndpoints>(`/api/v1/orgs/${orgId}/webhooks`)).body.items).toEqual([]);
  });
});
