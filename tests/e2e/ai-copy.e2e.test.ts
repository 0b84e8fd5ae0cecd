import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { eventually } from '../setup/connect-helpers.ts';
import type { AppServer } from './support/app-server.ts';
import { apiFromPage } from './support/browser.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { ACCOUNT, CHANGE_TIMEOUT_MS, useCampaignJourney } from './support/campaign-journey.ts';
import { metaCreativeTexts, metaPromotablePages } from './support/sandbox-platforms.ts';

const CAMPAIGN = 'E2E AI Trail Sale';
const AD = `${CAMPAIGN} – ad`;
/** A seeded advertiser's page the landing-page sandbox serves over https. */
const LANDING_PAGE = 'https://northwind-outdoor.example/sale';
const APPLY_TIMEOUT_MS = 60_000;
/** A laptop's viewport. */
const LAPTOP = { width: 1366, height: 768 };

/** The control API (`/sandbox/…`) of the product's own LLM sandbox. */
async function llmControl(app: AppServer, path: string, body: unknown): Promise<void> {
  const control = app.llmSandbox?.urls.control;
  if (!control) throw new Error('This server runs no LLM sandbox');
  const response = await fetch(`${control}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`LLM sandbox ${path} answered ${response.status}: ${await response.text()}`);
}

describe('AI copy in the browser: written in the wizard, a broken text repaired, edited and re-checked, used in the ad; the launch waits in the inbox and approving it creates the ad on Meta', () => {
  const j = useCampaignJourney();

  beforeAll(async () => {
    await j.page.setViewportSize(LAPTOP);
    await j.signUpOwner();
    await j.connectMetaAccount();
    await j.openCampaigns();
  });

  afterAll(async () => {
    // Leave the sandbox's copy clean for whatever runs next in this process.
    await fetch(`${j.server.llmSandbox?.urls.control ?? ''}/faults`, { method: 'DELETE' }).catch(() => undefined);
  });

  /** Through the Meta wizard's first steps to the ad step. */
  async function walkToAdStep(campaign = CAMPAIGN): Promise<Locator> {
    await j.page.getByRole('link', { name: 'New campaign' }).click();
    const next = j.page.getByRole('button', { name: 'Next' });
    await j.page.getByRole('radio', { name: 'Meta', exact: true }).check();
    await next.click();
    await j.page.getByRole('radio', { name: ACCOUNT }).check();
    await next.click();
    await j.page.getByLabel('Campaign name').fill(campaign);
    await j.page.getByRole('group', { name: 'Objective' }).getByRole('radio', { name: 'Traffic' }).check();
    await next.click();
    await j.page.getByLabel(`Daily budget in ${j.truth.currency}`).fill('25');
    await next.click();
    await j.page.getByLabel('Ad set name').fill(`${campaign} – US`);
    await j.page.getByRole('combobox', { name: 'Countries' }).fill('US');
    await j.page.getByRole('combobox', { name: 'Countries' }).press('Enter');
    await next.click();
    await j.page.getByLabel('Ad name').fill(`${campaign} – ad`);
    return next;
  }

  const chosen = { headline: '', primaryText: '' };

  it('writes copy from a brief prefilled by the wizard; a text that broke a rule comes back repaired, before → after with the reason, labelled AI-assisted', async () => {
    await walkToAdStep();
    // By keyboard: the dialog opens with Enter and traps the focus.
    await j.page.getByRole('button', { name: 'Write with AI' }).focus();
    await j.page.keyboard.press('Enter');
    const dialog = j.page.getByRole('dialog', { name: /Write the ad with AI/ });
    // The brief starts from the wizard: the campaign's name as the product.
    expect(await dialog.getByLabel('Product or service').inputValue()).toBe(CAMPAIGN);
    await dialog.getByText('No copy yet').waitFor();
    // Asked without a landing page: refused at the field, nothing sent.
    await dialog.getByRole('button', { name: 'Write copy' }).click();
    await dialog.getByText('Enter the page the ad leads to').waitFor();
    expect(await dialog.getByLabel('Landing page').getAttribute('aria-invalid')).toBe('true');

    await dialog.getByLabel('Product or service').fill('Summer sale on tents and jackets');
    await dialog.getByLabel('Offer (optional)').fill('up to 30% off');
    await dialog.getByLabel('Keywords (optional)').fill('lightweight tent, rain jacket');
    await dialog.getByLabel('Landing page').fill(LANDING_PAGE);
    await dialog.getByLabel('Variations per platform').selectOption('1');
    // The model's next answer breaks a rule: one text far too long.
    await llmControl(j.server, '/copy', { outcome: 'rule_break:too_long', count: 1 });
    await dialog.getByRole('button', { name: 'Write copy' }).click();
    await dialog.getByRole('heading', { name: 'Copy for “Summer sale on tents and jackets”' }).waitFor({ timeout: CHANGE_TIMEOUT_MS });
    // The focus moves to the results, so a keyboard or screen reader user lands on them.
    await eventually(async () => (await j.page.evaluate(() => (globalThis as unknown as { document: { activeElement: { textContent: string } | null } }).document.activeElement?.textContent ?? '')).startsWith('Copy for'), 5_000, 'the focus on the results');

    const variation = dialog.getByRole('article', { name: /^Variation 1/ });
    await variation.getByText('AI-assisted', { exact: true }).waitFor();
    const repairs = variation.getByRole('list', { name: 'Repairs' });
    await repairs.waitFor();
    const repair = repairs.getByRole('listitem').first();
    const before = (await repair.locator('del').textContent()) ?? '';
    expect(before.length, 'the text as the model wrote it, over the limit').toBeGreaterThan(40);
    await repair.getByText(/^Why: /).waitFor();
    // The repaired copy passes: nothing blocks, "Use in the ad" can be pressed.
    await variation.getByText('Passes the checks', { exact: false }).waitFor();
    expect(await variation.getByRole('button', { name: 'Use in the ad' }).isEnabled()).toBe(true);
    await expectNoAxeViolations(j.page, 'the copy panel with a repaired variation');
    const sideways = await j.page.evaluate(() => {
      const doc = globalThis as unknown as { document: { scrollingElement: { scrollWidth: number } }; innerWidth: number };
      return doc.document.scrollingElement.scrollWidth - doc.innerWidth;
    });
    expect(sideways, 'pixels the laptop-sized page scrolls sideways').toBeLessThanOrEqual(0);

    // "View prompt": the messages as sent, the brief fenced inside.
    await dialog.getByRole('button', { name: 'View prompt' }).click();
    const prompt = j.page.getByRole('dialog', { name: 'The prompt as sent' });
    await prompt.getByText('Summer sale on tents and jackets', { exact: false }).first().waitFor();
    await prompt.getByText('system', { exact: true }).first().waitFor();
    await j.page.keyboard.press('Escape');
    await prompt.waitFor({ state: 'detached' });
  });

  it('re-checks an edit in the browser: a headline over Meta’s 40 characters turns red and blocks; Escape discards it; the variation fills the ad', async () => {
    const dialog = j.page.getByRole('dialog', { name: /Write the ad with AI/ });
    const variation = dialog.getByRole('article', { name: /^Variation 1/ });
    await variation.getByRole('button', { name: 'Edit variation 1' }).click();
    const headline = variation.getByRole('textbox', { name: 'Headline 1 of variation 1' });
    const original = await headline.inputValue();
    await headline.fill('Lightweight tents and rain jackets for every single trail');
    await variation.getByText(/too many\)/).first().waitFor();
    await variation.getByText(/^Blocks publishing:/).first().waitFor();
    await variation.getByText(/problems? blocks? publishing/).waitFor();
    await j.page.keyboard.press('Escape');
    await variation.getByRole('button', { name: 'Edit variation 1' }).waitFor();
    await variation.getByText('Passes the checks', { exact: false }).waitFor();
    expect(await dialog.isVisible(), 'Escape in the edit does not close the panel').toBe(true);

    chosen.headline = original;
    chosen.primaryText = (await variation.locator('li', { hasText: 'Primary text 1:' }).locator('span').first().textContent())?.replace(/^Primary text 1:\s*/, '').trim() ?? '';
    expect(chosen.primaryText).not.toBe('');
    await variation.getByRole('button', { name: 'Use in the ad' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await j.page.getByRole('textbox', { name: /^Headline/ }).first().inputValue()).toBe(chosen.headline);
    expect(await j.page.getByRole('textbox', { name: /^Primary text/ }).first().inputValue()).toBe(chosen.primaryText);
    await j.page.getByText('Launching sends the campaign to the approval inbox', { exact: false }).waitFor();
  });

  it('launches: with AI copy the launch is proposed, waits in the approval inbox, and approving it creates the ad on the Meta sandbox', async () => {
    await j.page.getByLabel('Final URL').fill(LANDING_PAGE);
    const pages = await metaPromotablePages(j.server, j.truth.id);
    const picker = j.page.getByRole('combobox', { name: 'Facebook Page' });
    await picker.waitFor();
    await picker.selectOption({ label: pages[0]!.name });
    await j.page.getByRole('button', { name: 'Next' }).click();
    await j.page.getByRole('heading', { name: /Review/ }).waitFor();
    await j.page.getByRole('button', { name: 'Create campaign' }).click();
    await j.page.getByRole('heading', { name: 'Sent for approval' }).waitFor({ timeout: CHANGE_TIMEOUT_MS });
    expect(await j.sandboxCampaign(CAMPAIGN), 'nothing is created on the platform before the approval').toBeUndefined();

    await j.page.getByRole('link', { name: 'Open the approval inbox' }).click();
    await j.page.getByRole('heading', { name: 'Approval inbox', level: 1 }).waitFor();
    const table = j.page.getByRole('table', { name: 'Proposals, newest first' });
    const row = table.getByRole('row').filter({ hasText: `Launch “${CAMPAIGN}”` });
    // Proposed by the AI, on behalf of the person who asked for the copy: they may approve it.
    await row.getByText(/^AI/).first().waitFor();
    await row.getByRole('button', { name: /^Approve/ }).click();
    await j.page.getByText(`Approved: Launch “${CAMPAIGN}”`, { exact: false }).waitFor({ timeout: CHANGE_TIMEOUT_MS });

    await eventually(() => j.sandboxCampaign(CAMPAIGN), APPLY_TIMEOUT_MS, 'the approved campaign on the Meta sandbox');
    const creative = await eventually(async () => (await metaCreativeTexts(j.server, j.truth.id)).get(`${AD} creative`), APPLY_TIMEOUT_MS, 'the ad’s creative on the Meta sandbox');
    expect(creative, 'the ad carries the AI-written headline').toContain(JSON.stringify(chosen.headline).slice(1, -1));
    expect(creative, 'and its primary text').toContain(JSON.stringify(chosen.primaryText).slice(1, -1));
    expect(j.pageErrors).toEqual([]);
  });

  it('writes more ads for the new ad set from its row: an edit is kept (regenerating asks first), published as a proposal, and approving it adds the edited ad on the Meta sandbox', async () => {
    type Change = { campaignId: string | null; campaignName: string; field: string };
    const launched = await eventually(
      async () => (await j.apiCall<{ items: Change[] }>('GET', `/api/v1/orgs/${j.orgId}/campaign-changes`)).body.items.find((c) => c.campaignName === CAMPAIGN && c.campaignId !== null),
      APPLY_TIMEOUT_MS,
      'the launched campaign in Adloop',
    );
    // The ad set as Adloop knows it: from the launch itself, or from the next sync of the account.
    const detailPath = `/api/v1/orgs/${j.orgId}/campaigns/${launched.campaignId}`;
    const hasAdSet = async () => (await j.apiCall<{ adGroups?: { name: string }[] }>('GET', detailPath)).body.adGroups?.some((g) => g.name === `${CAMPAIGN} – US`) ?? false;
    if (!(await hasAdSet())) {
      await j.apiCall('POST', `/api/v1/orgs/${j.orgId}/ad-accounts/${j.adloopAccountId}/sync`, {});
      await eventually(hasAdSet, APPLY_TIMEOUT_MS, 'the new ad set in Adloop');
    }
    await j.page.goto(`${j.server.url}/orgs/${j.orgId}/campaigns/${launched.campaignId}`);
    await j.page.getByRole('heading', { name: CAMPAIGN, level: 1 }).waitFor();
    await j.page.getByRole('button', { name: `Write ads for ${CAMPAIGN} – US` }).click();
    const dialog = j.page.getByRole('dialog', { name: /^Write ads for/ });
    expect(await dialog.getByLabel('Product or service').inputValue()).toBe(CAMPAIGN);
    await dialog.getByLabel('Landing page').fill(LANDING_PAGE);
    await dialog.getByLabel('Variations per platform').selectOption('1');
    await dialog.getByRole('button', { name: 'Write copy' }).click();
    const variation = dialog.getByRole('article', { name: /^Variation 1/ });
    await variation.getByText('AI-assisted', { exact: true }).waitFor({ timeout: CHANGE_TIMEOUT_MS });
    // An edit kept: the copy is the person's now, and writing it again first asks before discarding it.
    const headline = 'Tents tested on real trails';
    await variation.getByRole('button', { name: 'Edit variation 1' }).click();
    await variation.getByRole('textbox', { name: 'Headline 1 of variation 1' }).fill(headline);
    await variation.getByRole('button', { name: 'Keep edit' }).click();
    await variation.getByText('Edited by you', { exact: true }).waitFor();
    await dialog.getByRole('button', { name: 'Regenerate all' }).click();
    const confirm = j.page.getByRole('dialog', { name: 'Discard your edits?' });
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'detached' });
    await variation.getByText('Edited by you', { exact: true }).waitFor();
    await variation.getByText(headline).waitFor();
    await expectNoAxeViolations(j.page, 'Write ads for an ad set');
    await variation.getByRole('button', { name: 'Publish as a new ad' }).click();
    await variation.getByText('Proposed: waiting for approval').waitFor({ timeout: CHANGE_TIMEOUT_MS });
    await variation.getByRole('link', { name: 'Open the approval inbox' }).click();
    await j.page.getByRole('heading', { name: 'Approval inbox', level: 1 }).waitFor();
    const row = j.page.getByRole('table', { name: 'Proposals, newest first' }).getByRole('row').filter({ hasText: CAMPAIGN }).first();
    await row.getByRole('button', { name: /^Approve/ }).click();
    await eventually(
      async () => [...(await metaCreativeTexts(j.server, j.truth.id)).entries()].find(([name, texts]) => name !== `${AD} creative` && texts.includes(JSON.stringify(headline).slice(1, -1))),
      APPLY_TIMEOUT_MS,
      'the new ad’s creative, with the AI-written headline, on the Meta sandbox',
    );
    expect(j.pageErrors).toEqual([]);
  });

  it('at the organisation’s monthly AI limit: says so with a link to the usage, nothing is written, and the ad is still written by hand and created', async () => {
    const settings = `/api/v1/orgs/${j.orgId}/ai/settings`;
    expect((await apiFromPage(j.page, 'PUT', settings, { monthlyCapMicros: 0 })).status).toBe(200);
    try {
      const manual = 'E2E Hand Written';
      await j.page.goto(`${j.server.url}/orgs/${j.orgId}/campaigns`);
      await j.table().waitFor();
      const next = await walkToAdStep(manual);
      await j.page.getByRole('button', { name: 'Write with AI' }).click();
      const dialog = j.page.getByRole('dialog', { name: /Write the ad with AI/ });
      await dialog.getByLabel('Landing page').fill(LANDING_PAGE);
      await dialog.getByRole('button', { name: 'Write copy' }).click();
      await dialog.getByText('Your organisation has reached its AI limit for this month').waitFor({ timeout: CHANGE_TIMEOUT_MS });
      await dialog.getByText('You can still write the ad yourself', { exact: false }).waitFor();
      expect(await dialog.getByRole('link', { name: 'See this month’s AI usage and limit' }).getAttribute('href')).toBe(`/orgs/${j.orgId}/settings/ai-usage`);
      expect(await dialog.getByRole('article').count(), 'no copy').toBe(0);
      await expectNoAxeViolations(j.page, 'the copy panel at the AI limit');
      await dialog.getByRole('button', { name: 'Close' }).click();
      await dialog.waitFor({ state: 'detached' });

      // By hand, as always: the launch is the person's own, created at once.
      await j.page.getByRole('textbox', { name: /^Headline/ }).fill('Tents for every trail');
      await j.page.getByRole('textbox', { name: /^Primary text/ }).fill('Lightweight tents, up to 30% off this week.');
      await j.page.getByLabel('Final URL').fill(LANDING_PAGE);
      const pages = await metaPromotablePages(j.server, j.truth.id);
      await j.page.getByRole('combobox', { name: 'Facebook Page' }).selectOption({ label: pages[0]!.name });
      await next.click();
      await j.page.getByRole('heading', { name: /Review/ }).waitFor();
      await j.page.getByRole('button', { name: 'Create campaign' }).click();
      await j.page.getByRole('heading', { name: 'Campaign created' }).waitFor({ timeout: CHANGE_TIMEOUT_MS });
      expect(await j.sandboxCampaign(manual), 'the hand-written campaign on the Meta sandbox').toBeDefined();
    } finally {
      await apiFromPage(j.page, 'PUT', settings, { monthlyCapMicros: null });
    }
    expect(j.pageErrors).toEqual([]);
  });

  it('keeps a history of the copy: Settings › Copy history lists both generations (who, platforms, label, what was published, linked to the inbox); one opens by keyboard, read-only, with its checks, repairs and prompt', async () => {
    await j.page.goto(`${j.server.url}/orgs/${j.orgId}/settings/ai-usage`);
    await j.page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Copy history' }).click();
    await j.page.getByRole('heading', { name: 'Copy history' }).waitFor();
    await j.page.getByText('Generations are kept 90 days, then deleted', { exact: false }).waitFor();
    const table = j.page.getByRole('table', { name: 'Copy generations, newest first' });
    await table.waitFor();
    // The ad set's copy: published once, the proposal linked to the approval inbox.
    const published = table.getByRole('row').filter({ hasText: CAMPAIGN });
    await published.getByText('AI-assisted', { exact: true }).waitFor();
    const inbox = published.getByRole('link', { name: /^1 proposal/ });
    expect(await inbox.getAttribute('href')).toBe(`/orgs/${j.orgId}/approvals`);
    // The wizard's copy: used in the ad, never published as a proposal of its own.
    const wizard = table.getByRole('row').filter({ hasText: 'Summer sale on tents and jackets' });
    await wizard.getByRole('cell', { name: 'Meta', exact: true }).waitFor();
    await wizard.getByRole('cell', { name: 'None', exact: true }).waitFor();
    expect(await wizard.getByRole('cell').nth(1).textContent(), 'who asked').toContain('@');

    // By keyboard: Enter on "Open" shows the generation as it was written, nothing to edit.
    await wizard.getByRole('button', { name: /^Open the copy for/ }).focus();
    await j.page.keyboard.press('Enter');
    const dialog = j.page.getByRole('dialog', { name: 'Copy for “Summer sale on tents and jackets”' });
    const variation = dialog.getByRole('article', { name: /^Variation 1/ });
    await variation.waitFor({ timeout: CHANGE_TIMEOUT_MS });
    await variation.getByText('AI-assisted', { exact: true }).waitFor();
    await variation.getByText('Passed the checks', { exact: false }).waitFor();
    await variation.getByRole('list', { name: 'Repairs' }).waitFor();
    await variation.locator('li', { hasText: `Headline 1: ${chosen.headline}` }).first().waitFor();
    expect(await dialog.getByRole('button', { name: /^(Edit|Regenerate|Publish|Use in the ad)/ }).count(), 'read-only').toBe(0);
    await expectNoAxeViolations(j.page, 'a generation opened from the copy history');

    await dialog.getByRole('button', { name: 'View prompt' }).click();
    const prompt = j.page.getByRole('dialog', { name: 'The prompt as sent' });
    await prompt.getByText('Summer sale on tents and jackets', { exact: false }).first().waitFor();
    await j.page.keyboard.press('Escape');
    await prompt.waitFor({ state: 'detached' });
    await j.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    // The focus is back on the row's "Open" button.
    await eventually(async () => (await j.page.evaluate(() => (globalThis as unknown as { document: { activeElement: { textContent: string } | null } }).document.activeElement?.textContent ?? '')).startsWith('Open the copy for “Summer sale'), 5_000, 'the focus back on Open');
    await expectNoAxeViolations(j.page, 'the copy history');
    expect(j.pageErrors).toEqual([]);
  });
});
