import { describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { expectNoAxeViolations } from './support/axe.ts';
import { useSignedInOwner } from './support/signed-in-owner.ts';

/**
 * A person downloads their data from Settings › Your data (the export is built, then its link
 * works); the owner deletes the organisation by typing its name, sees the banner with the purge
 * date there and on every other page, and restores it from another page.
 */
describe('Privacy journey', () => {
  const app = useSignedInOwner({ organizationName: 'Careful Candles', name: 'Priya Private' });

  it('asks for my export, waits for it, and downloads the zip from its link', async () => {
    const { server, owner, page } = app;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Your data' }).click();
    const section = page.getByRole('region', { name: 'Download my data' });
    await section.getByText('No exports yet.').waitFor();
    await section.getByRole('button', { name: 'Download my data' }).click();
    const link = section.getByRole('link', { name: /Download zip/ });
    await link.waitFor({ timeout: 60_000 });
    await section.getByText(/The link works until/).waitFor();
    await expectNoAxeViolations(page, 'Settings › Your data');
    const href = await link.getAttribute('href');
    expect(href).toMatch(/^\/api\/v1\/me\/exports\/[0-9a-f-]+\/download$/);
    const response = await page.request.get(`${server.url}${href}`);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain('application/zip');
    const files = unzipSync(new Uint8Array(await response.body()));
    expect(JSON.parse(strFromU8(files['manifest.json']!))).toMatchObject({ scope: 'user', subjectId: owner.user.id });
    expect(strFromU8(files['json/users.json']!)).toContain(owner.email);
  });

  it("the only owner is told to hand over or delete the organisation before deleting their account", async () => {
    const { page } = app;
    const section = page.getByRole('region', { name: 'Delete my account' });
    await section.getByRole('button', { name: 'Delete my account' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete your account?' });
    await dialog.getByText(/30 days/).waitFor();
    await dialog.getByRole('button', { name: 'Delete my account' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'Careful Candles' }).waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await section.getByRole('button', { name: 'Delete my account' }).waitFor();
  });

  it('deletes the organisation by typing its name, sees when it will be purged on every page, and restores it from another page', async () => {
    const { owner, page, pageErrors } = app;
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Data and deletion' }).click();
    const section = page.getByRole('region', { name: 'Delete organisation' });
    await section.getByRole('button', { name: 'Delete organisation' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete Careful Candles?' });
    await dialog.getByRole('textbox', { name: /Organisation name/ }).fill('Careful');
    await dialog.getByRole('button', { name: 'Delete organisation' }).click();
    await dialog.getByText(/organisation's name, exactly/).waitFor();
    await dialog.getByRole('textbox', { name: /Organisation name/ }).fill('Careful Candles');
    await dialog.getByRole('button', { name: 'Delete organisation' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const banner = page.getByTestId('deletion-banner');
    await banner.getByText(/Careful Candles is scheduled for deletion/).waitFor();
    await banner.getByText(/purged for good on/).waitFor();
    await expectNoAxeViolations(page, 'Settings › Data and deletion, deletion scheduled');
    // Every other page shows the grace too, with Restore for the owner.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Rules' }).click();
    const bar = page.getByRole('region', { name: 'Organisation deletion' });
    await bar.getByText(/Careful Candles is scheduled for deletion: everything will be purged for good on/).waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Campaigns' }).click();
    await page.waitForURL(/\/campaigns/);
    await bar.waitFor();
    await expectNoAxeViolations(page, 'Campaigns, deletion scheduled');
    await bar.getByRole('button', { name: 'Restore' }).click();
    await bar.waitFor({ state: 'hidden' });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Data and deletion' }).click();
    await section.getByRole('button', { name: 'Delete organisation' }).waitFor();
    await page.getByTestId('deletion-banner').waitFor({ state: 'detached' });
    const status = await owner.client.get<{ scheduled: unknown }>(`/api/v1/orgs/${owner.orgId}/deletion`);
    expect(status.body.scheduled).toBeNull();
    expect(pageErrors).toEqual([]);
  });
});
