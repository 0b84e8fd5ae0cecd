import { describe, expect, it } from 'vitest';
import type { AiSettings } from '@adloop/contracts';
import { aiSpendMonths } from '@adloop/db';
import { useSignedInOwner } from './support/signed-in-owner.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { joinAs } from '../setup/org-helpers.ts';
import type { SignedUpUser } from '../setup/auth-helpers.ts';
import { meteredCall, usageMonth } from '../../apps/server/src/modules/ai/metering.ts';

/**
 * AI settings and usage in the browser: an owner edits the brand voice (a list over its limit is
 * refused at the field), sets the monthly limit; AI calls spend past 80 % of it; the usage page
 * shows the bar with the warning, the spending by person and feature, and the calls.
 */
describe('AI settings and usage', () => {
  let member: SignedUpUser;
  const app = useSignedInOwner({ organizationName: 'Trailpeak AI', name: 'Olga Owner' }, async ({ server, owner, orgId }) => {
    member = await joinAs(server, owner, orgId, 'member');
  });

  it('edits the brand voice, refusing a list over its limit at the field, and sets the monthly limit', async () => {
    const { owner, orgId, page } = app;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'AI', exact: true }).click();
    await page.getByRole('heading', { name: 'AI', level: 2, exact: true }).waitFor();

    await page.getByLabel('Tone').fill('friendly\nexpert');
    await page.getByLabel('Required terms').fill('Trailpeak');
    const banned = page.getByLabel('Banned terms');
    await banned.fill(Array.from({ length: 26 }, (_, i) => `banned ${i + 1}`).join('\n'));
    await page.getByLabel('Message restrictions').fill('Do not mention prices');
    await page.getByLabel('Limit per month (USD)').fill('0.01');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('At most 25 banned terms; there are 26').waitFor();
    expect(await banned.getAttribute('aria-invalid')).toBe('true');
    await expectNoAxeViolations(page);

    await banned.fill('cheap\nguaranteed');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    const saved = (await owner.client.get<AiSettings>(`/api/v1/orgs/${orgId}/ai/settings`)).body;
    expect(saved).toMatchObject({ brandVoice: { tone: ['friendly', 'expert'], requiredTerms: ['Trailpeak'], bannedTerms: ['cheap', 'guaranteed'], messageRestrictions: ['Do not mention prices'] }, monthlyCapMicros: 10_000 });
  });

  it('shows spending against the limit with the 80 % warning, by person and feature, and the calls', async () => {
    const { server, owner, orgId, page, pageErrors } = app;
    // Spending so far just under 80 % of $0.01; two real calls through the LLM sandbox cross it.
    await server.ctx.db.insert(aiSpendMonths).values({ orgId, month: usageMonth(server.clock.now()), spentMicros: 7_900 });
    for (const n of [1, 2]) {
      server.clock.advance(1_000);
      await meteredCall(server.ctx, { orgId, userId: member.user.id, userLabel: member.email, feature: 'copy' }, { promptTokens: 20, maxOutputTokens: 30 }, async (client) => {
        const r = await client.chat({ messages: [{ role: 'user', content: `A headline for trail shoes, take ${n}` }], maxOutputTokens: 30 });
        return { value: r.text, usage: r.usage, provider: r.provider, model: r.model };
      });
    }

    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'AI usage' }).click();
    await page.getByRole('heading', { name: 'AI usage', level: 2 }).waitFor();
    const meter = page.getByRole('meter', { name: 'AI spending this month against the limit' });
    await meter.waitFor();
    expect(Number(await meter.getAttribute('aria-valuenow'))).toBeGreaterThanOrEqual(80);
    await page.getByText(/of this month’s AI limit is used/).waitFor();
    await page.getByText('of $0.01').waitFor();
    const byPerson = page.getByRole('table', { name: 'AI spending by person' });
    await byPerson.getByRole('cell', { name: member.email }).waitFor();
    await page.getByRole('table', { name: 'AI spending by feature' }).getByRole('cell', { name: 'Ad copy' }).waitFor();
    const calls = page.getByRole('table', { name: 'Recent AI calls, newest first' });
    await expect.poll(() => calls.getByRole('row').count()).toBe(3);
    await expectNoAxeViolations(page);

    // The owner was told once: a notification in the app.
    const notifications = await owner.client.get<{ items: Array<{ kind: string; link: string | null }> }>(`/api/v1/orgs/${orgId}/notifications`);
    expect(notifications.body.items.filter((n) => n.kind === 'ai.usage_80')).toEqual([expect.objectContaining({ link: `/orgs/${orgId}/settings/ai-usage` })]);
    expect(pageErrors).toEqual([]);
  });
});
