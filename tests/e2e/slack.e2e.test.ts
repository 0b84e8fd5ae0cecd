import { describe, expect, it } from 'vitest';
import { useSignedInOwner } from './support/signed-in-owner.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { emitNotification } from '../../apps/server/src/modules/notifications/index.ts';

/**
 * Slack in the browser: Settings › Slack, "Add to Slack" to the Slack sandbox's install page and
 * back, pick a channel and kinds, send a test message, trigger an anomaly event, and read both
 * messages on the sandbox's page; then disconnect after confirming.
 */
describe('Slack journey', () => {
  const app = useSignedInOwner({ organizationName: 'Slackline', name: 'Sasha Slack' });

  it('connects Slack through the sandbox install page, posts a test and an anomaly, and disconnects', async () => {
    const { server, orgId, page, pageErrors } = app;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Slack' }).click();
    await page.getByRole('heading', { name: 'Slack', level: 2 }).waitFor();
    await expectNoAxeViolations(page);

    await page.getByRole('button', { name: 'Add to Slack' }).click();
    await page.getByRole('heading', { name: 'Slack sandbox' }).waitFor();
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.getByText('Slack is connected').waitFor();
    await page.getByText('Adloop Sandbox Workspace').waitFor();

    await page.getByRole('combobox', { name: 'Channel', exact: true }).selectOption({ label: '#marketing-alerts' });
    await page.getByRole('checkbox', { name: /An anomaly was detected/ }).check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await page.getByRole('button', { name: 'Send test message' }).click();
    await page.getByText('Test message sent to #marketing-alerts.').waitFor();
    await expectNoAxeViolations(page);

    await emitNotification(server.ctx, server.ctx.db, { orgId, kind: 'anomaly.opened', title: 'Spend up 80 % on Search – Brand', body: 'Spent $812 against $450 expected.', link: `/orgs/${orgId}/anomalies` });
    const slack = await page.context().newPage();
    await slack.goto(server.slackSandbox!.urls.page);
    const channel = slack.locator('section[data-channel="C0SBX0002"]');
    await channel.getByRole('heading', { name: 'Adloop is connected to this channel' }).waitFor();
    for (let i = 0; i < 120 && (await channel.getByText('Spend up 80 % on Search – Brand').count()) === 0; i += 1) {
      await slack.waitForTimeout(500);
      await slack.reload();
    }
    await channel.getByRole('heading', { name: 'Spend up 80 % on Search – Brand' }).waitFor();
    expect(await channel.getByRole('link', { name: 'Open in Adloop' }).getAttribute('href')).toBe(`${server.ctx.config.publicUrl}/orgs/${orgId}/anomalies`);
    expect(await channel.locator('article.message').count()).toBe(2);
    await slack.close();

    await page.getByRole('button', { name: 'Disconnect Slack' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Disconnect Slack' }).click();
    await page.getByRole('button', { name: 'Add to Slack' }).waitFor();
    expect(pageErrors).toEqual([]);
  });
});
