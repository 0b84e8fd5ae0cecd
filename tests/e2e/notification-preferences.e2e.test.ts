import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { notificationDeliveries } from '@adloop/db';
import { useSignedInOwner } from './support/signed-in-owner.ts';
import { connectAndAdd, sandboxAccounts } from '../setup/connect-helpers.ts';
import { emitNotification } from '../../apps/server/src/modules/notifications/index.ts';

/**
 * Where a person hears of an event is theirs to choose: the dashboard shows the daily summary; in
 * Settings › Notifications email is turned off for anomalies, and on the Slack page anomalies go
 * to a channel. An anomaly then reaches the bell and Slack, and no email is sent.
 */
describe('Notification preferences journey', () => {
  // With an account the dashboard shows its panels, the daily summary among them.
  const app = useSignedInOwner({ organizationName: 'Chosen Channels', name: 'Noor Notified' }, async ({ server, owner, orgId }) => {
    await connectAndAdd(owner, orgId, 'meta', sandboxAccounts(server, 'meta').filter((a) => !a.isManager).slice(0, 1).map((a) => a.id));
  });

  it('turns email off and Slack on for anomalies, then sees one delivered to the bell and Slack only', async () => {
    const { server, owner, orgId, page, pageErrors } = app;
    await page.getByRole('heading', { name: /^Daily summary/, level: 2 }).waitFor();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Notifications' }).click();
    const mine = page.getByRole('region', { name: 'Your notifications' });
    const email = mine.getByRole('checkbox', { name: 'An anomaly was detected: Email' });
    await email.waitFor();
    expect(await email.isChecked()).toBe(true);
    await email.uncheck();
    await page.locator('form').filter({ has: mine }).getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).first().waitFor();

    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Slack' }).click();
    await page.getByRole('button', { name: 'Add to Slack' }).click();
    await page.getByRole('heading', { name: 'Slack sandbox' }).waitFor();
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.getByText('Slack is connected').waitFor();
    await page.getByRole('combobox', { name: 'Channel', exact: true }).selectOption({ label: '#marketing-alerts' });
    await page.getByRole('checkbox', { name: /An anomaly was detected/ }).check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();

    const title = 'Conversions down 60 % on Shopping – Shoes';
    const eventId = await emitNotification(server.ctx, server.ctx.db, { orgId, kind: 'anomaly.opened', title, body: '14 conversions against 35 expected.', link: `/orgs/${orgId}/anomalies` });

    const slack = await page.context().newPage();
    await slack.goto(server.slackSandbox!.urls.page);
    const channel = slack.locator('section[data-channel="C0SBX0002"]');
    for (let i = 0; i < 120 && (await channel.getByText(title).count()) === 0; i += 1) {
      await slack.waitForTimeout(500);
      await slack.reload();
    }
    await channel.getByRole('heading', { name: title }).waitFor();
    await slack.close();

    // Emitted from the test without the live announcement modules send, so the bell is read afresh.
    await page.reload();
    await page.getByRole('button', { name: /^Notifications, \d+ unread$/ }).click();
    await page.getByRole('menu', { name: 'Notifications' }).getByText(title).waitFor();

    const emailDelivery = await server.ctx.db
      .select({ state: notificationDeliveries.state })
      .from(notificationDeliveries)
      .where(and(eq(notificationDeliveries.eventId, eventId!), eq(notificationDeliveries.channel, 'email'), eq(notificationDeliveries.recipientUserId, owner.user.id)));
    expect(emailDelivery).toEqual([{ state: 'skipped' }]);
    await expect(server.waitForEmail(owner.email, /Conversions down 60 %/, 10_000)).rejects.toThrow();
    expect(pageErrors).toEqual([]);
  });
});
