import { describe, expect, it } from 'vitest';
import { billingAccounts } from '@adloop/db';
import { useSignedInOwner } from './support/signed-in-owner.ts';

const definition = { scope: { level: 'campaign' }, when: { kind: 'all', conditions: [{ kind: 'condition', metric: 'spend', operator: 'gt', compare: { kind: 'value', value: 1 } }] }, then: [{ type: 'pause' }] };

/**
 * Plan limits in the browser: at the Free plan's one user, inviting shows the refusal with a link to
 * Billing; after a downgrade over the rules limit, Billing asks which rules to keep and the choice
 * makes them writable.
 */
describe('plan limits in the browser', () => {
  const app = useSignedInOwner({ organizationName: 'Limits Ltd', name: 'Lee Limits' }, undefined, { server: { planLimitsEnforced: true } });
  const setPlan = (planId: string) => app.server.ctx.db.insert(billingAccounts).values({ orgId: app.orgId, stripeCustomerId: 'cus_e2e_limits', planId, status: 'active' })
    .onConflictDoUpdate({ target: billingAccounts.orgId, set: { planId } });

  it('at the limit, inviting shows why and links to Billing', { timeout: 120_000 }, async () => {
    const { server, owner, page } = app;
    await page.goto(`${server.url}/orgs/${owner.orgId}/settings/members`);
    await page.getByLabel('Email address to invite').fill('colleague@example.com');
    await page.getByRole('button', { name: 'Send invitation' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'includes 1 users' });
    await alert.waitFor();
    const link = alert.getByRole('link', { name: 'Settings › Billing' });
    await expect(link.getAttribute('href')).resolves.toBe(`/orgs/${owner.orgId}/settings/billing`);
    await link.click();
    await page.getByRole('heading', { name: 'Billing' }).waitFor();
  });

  it('after a downgrade, Billing asks which rules to keep and saves the choice', { timeout: 120_000 }, async () => {
    const { server, owner, page, pageErrors } = app;
    await setPlan('pro');
    for (const name of ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo']) {
      server.clock.advance(1_000);
      expect((await owner.client.post(`/api/v1/orgs/${owner.orgId}/rules`, { name, definition })).status).toBe(201);
    }
    await setPlan('free');
    await page.goto(`${server.url}/orgs/${owner.orgId}/settings/billing`);
    await page.getByRole('heading', { name: 'Choose what to keep' }).waitFor();
    const form = page.getByRole('form', { name: 'Choose which automation rules to keep' });
    // Until chosen, the three newest are kept.
    await expect(form.getByRole('checkbox', { name: /Alpha/ }).isChecked()).resolves.toBe(false);
    await expect(form.getByRole('checkbox', { name: /Echo/ }).isChecked()).resolves.toBe(true);
    await form.getByRole('checkbox', { name: /Echo/ }).uncheck();
    await form.getByRole('checkbox', { name: /Alpha/ }).check();
    await form.getByRole('button', { name: 'Keep these automation rules' }).click();
    await expect.poll(async () => {
      const over = await owner.client.get<{ metrics: Array<{ metric: string; items: Array<{ label: string; kept: boolean }> }> }>(`/api/v1/orgs/${owner.orgId}/billing/over-limit`);
      return over.body.metrics.find((m) => m.metric === 'rules')?.items.filter((i) => i.kept).map((i) => i.label).sort();
    }, { timeout: 20_000 }).toEqual(['Alpha', 'Charlie', 'Delta']);
    expect(pageErrors).toEqual([]);
  });
});
