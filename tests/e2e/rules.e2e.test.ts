import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { CampaignRow, Rule } from '@adloop/contracts';
import { useSignedInOwner } from './support/signed-in-owner.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { sandboxAccounts as sandboxWorld } from './support/sandbox-platforms.ts';
import { connectAndSync, eventually, sandboxAccounts } from '../setup/connect-helpers.ts';
import { eq } from 'drizzle-orm';
import { rules as rulesTable } from '@adloop/db';
import { rulesTick } from '../../apps/server/src/modules/rules/index.ts';

const ORGANISATION = 'Northwind Rules';
/** One Meta ad account of the sandbox's seeded world, in USD, whose campaigns spend every day. */
const ACCOUNT = 'Northwind Outdoor – Meta';
const RULE = 'E2E pause spenders';
const COUNTER_RULE = 'E2E enable spenders';
const PICKED_RULE = 'E2E picked campaign';
const HISTORY_RULE = 'E2E history pages';
const FIRST_SYNC_TIMEOUT_MS = 90_000;
const APPLY_TIMEOUT_MS = 30_000;

/**
 * Rules in the browser: a rule built from a template (made deterministic: campaigns that spent
 * anything in the last 7 days, pause one per run), previewed with a dry run, backtested, saved,
 * switched on in automatic mode, run now; its first run lists the paused campaign, whose change is
 * undone from the run's history. A second rule enabling the same campaigns is flagged as a conflict.
 */
describe('rules journey: from a template to a dry run, a backtest, switching on, the first run and undoing its change', () => {
  let metaAccountId = '';
  const app = useSignedInOwner({ organizationName: ORGANISATION, name: 'Rita Rules' }, async ({ server, owner, orgId }) => {
    const account = sandboxAccounts(server, 'meta').find((a) => a.name === ACCOUNT);
    if (!account) throw new Error(`the sandbox has no Meta account named ${ACCOUNT}`);
    metaAccountId = account.id;
    await connectAndSync(owner, orgId, 'meta', [account.id], FIRST_SYNC_TIMEOUT_MS);
  });
  const api = (path: string) => `/api/v1/orgs/${app.orgId}${path}`;

  it('builds a rule from a template, previews what matches now and backtests it', async () => {
    const { owner, page, pageErrors } = app;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Rules' }).click();
    await page.getByRole('heading', { name: 'Rules', level: 1 }).waitFor();
    await page.getByText('No rules yet').waitFor();
    await page.getByRole('link', { name: 'Start from a template' }).click();
    await page.getByRole('heading', { name: 'Rule templates', level: 1 }).waitFor();
    expect(await page.getByRole('list', { name: 'Rule templates' }).getByRole('listitem').count()).toBeGreaterThanOrEqual(6);
    await page.getByRole('link', { name: /^Use this template/ }).first().click();
    await page.getByRole('heading', { name: 'New rule', level: 1 }).waitFor();
    const sentence = page.getByTestId('rule-sentence');
    await expect.poll(() => sentence.innerText()).not.toMatch(/^(—|Reading the rule…)$/);
    await expectNoAxeViolations(page);

    // The template, made to match something on the sandbox: campaigns that spent in the last 7 days.
    await page.getByLabel('Rule name').fill(RULE);
    await page.getByLabel('Level', { exact: true }).selectOption('campaign');
    await page.getByLabel('Name contains', { exact: true }).fill('');
    await page.getByLabel('Name does not contain', { exact: true }).fill('');
    await simplifyConditions(page);
    await page.getByLabel('Metric, condition 1', { exact: true }).selectOption('spend');
    await page.getByLabel('Period, condition 1', { exact: true }).selectOption('last_days');
    await page.getByLabel('Days, condition 1', { exact: true }).fill('7');
    // The server's 400 names the field: the builder shows it at the control and in the summary.
    await page.getByLabel('Comparison, condition 1', { exact: true }).selectOption('between');
    await page.getByLabel('From, condition 1', { exact: true }).fill('10');
    const upTo = page.getByLabel('To, condition 1', { exact: true });
    await upTo.fill('5');
    await page.getByRole('button', { name: 'Save rule' }).click();
    await page.getByRole('alert').filter({ hasText: 'The rule could not be saved' }).getByText(/^When › condition 1 › compared with › max: /).waitFor();
    await expect.poll(() => upTo.getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Comparison, condition 1', { exact: true }).selectOption('gt');
    const compareKind = page.getByLabel('Compared with, condition 1', { exact: true });
    if ((await compareKind.count()) > 0) await compareKind.selectOption('value');
    const value = page.getByLabel('Value, condition 1', { exact: true });
    await value.fill('0.01');
    while ((await page.getByRole('button', { name: 'Remove action 2' }).count()) > 0) await page.getByRole('button', { name: 'Remove action 2' }).click();
    await page.getByLabel('What to do, action 1', { exact: true }).selectOption('pause');
    for (const label of ['Minimum spend', 'Minimum impressions', 'Minimum conversions']) await page.getByLabel(label, { exact: true }).fill('');
    await page.getByLabel('Changes per run', { exact: true }).fill('1');
    await page.getByRole('radio', { name: /^Each ad account’s own currency/ }).check();
    const activeHours = page.getByRole('checkbox', { name: 'Act only on certain days and hours' });
    if (await activeHours.isChecked()) await activeHours.uncheck();
    // Automatic asks first: the radio stays as it was until the dialog says yes.
    await page.getByRole('radio', { name: /^Automatic/ }).click();
    const automatic = page.getByRole('dialog', { name: 'Let the rule change campaigns itself?' });
    await automatic.getByRole('button', { name: 'Use automatic mode' }).click();
    await automatic.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByRole('radio', { name: /^Automatic/ }).isChecked()).toBe(true);
    await expect.poll(() => sentence.innerText()).toMatch(/spend/i);

    // Dry run: what matches now, with the numbers seen.
    await page.getByRole('button', { name: 'Preview matches' }).click();
    const summary = page.getByText(/^\d+ of \d+ objects? match(es)? now/);
    await summary.waitFor({ timeout: APPLY_TIMEOUT_MS });
    const [matched, examined] = ((await summary.innerText()).match(/\d+/g) ?? []).map(Number);
    expect(matched, 'some campaign spent in the last 7 days').toBeGreaterThan(0);
    expect(examined).toBeGreaterThanOrEqual(matched!);
    const preview = page.getByRole('list', { name: 'Preview, matching objects first' });
    await preview.getByRole('listitem').first().getByText(/Spend/).first().waitFor();

    // Backtest over the stored history, in the background: a progress bar until its result.
    await page.getByRole('button', { name: 'Run backtest' }).click();
    const progress = page.getByRole('progressbar', { name: 'Backtest progress' });
    const figures = page.getByLabel('Backtest summary');
    // A short backtest can finish before the bar is ever seen: either shows first, then the result.
    await progress.or(figures.getByText('Would have fired')).first().waitFor({ timeout: APPLY_TIMEOUT_MS });
    await figures.getByText('Would have fired').waitFor({ timeout: APPLY_TIMEOUT_MS });
    expect(await progress.count()).toBe(0);
    await page.getByRole('figure', { name: 'Times it would have fired per day' }).waitFor();
    await page.getByRole('figure', { name: /^Spend per day, with and without the rule/ }).waitFor();

    await page.getByRole('button', { name: 'Save rule' }).click();
    await page.getByRole('heading', { name: RULE, level: 1 }).waitFor();
    await page.getByText('No runs yet').waitFor();
    const rules = (await owner.client.get<{ items: Rule[] }>(api('/rules'))).body.items;
    expect(rules.map((r) => [r.name, r.mode, r.status])).toEqual([[RULE, 'automatic', 'disabled']]);
    expect(pageErrors).toEqual([]);
  });

  it('switches the rule on, runs it now, shows its first run and undoes the change it made', async () => {
    const { owner, page, pageErrors } = app;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Rules' }).click();
    const table = page.getByRole('table', { name: 'Rules' });
    const row = table.getByRole('row').filter({ hasText: RULE });
    await row.getByText('Not run yet').waitFor();
    await row.getByRole('switch', { name: `Rule “${RULE}” on` }).click();
    const confirm = page.getByRole('dialog', { name: 'Let the rule change campaigns itself?' });
    await confirm.getByRole('button', { name: 'Switch on' }).click();
    await expect.poll(() => row.getByRole('switch').getAttribute('aria-checked')).toBe('true');
    await expectNoAxeViolations(page);

    await row.getByRole('link', { name: RULE }).click();
    await page.getByRole('heading', { name: RULE, level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Run now' }).click();
    const objects = page.getByRole('list', { name: 'Objects in this run' });
    const changed = objects.getByRole('listitem').filter({ has: page.getByText('Changed', { exact: true }) }).first();
    await changed.waitFor({ timeout: APPLY_TIMEOUT_MS });
    const campaignName = (await changed.locator('span.font-medium').first().innerText()).trim();
    const made = changed.getByRole('list', { name: 'Changes made' });
    await made.getByText('Applied').waitFor({ timeout: APPLY_TIMEOUT_MS });
    await made.getByRole('link', { name: /^Change history/ }).waitFor();
    const campaigns = (await owner.client.get<{ items: CampaignRow[] }>(api('/campaigns?limit=200'))).body.items;
    const paused = campaigns.find((c) => c.name === campaignName);
    expect(paused?.status).toBe('paused');
    expect((await sandboxCampaign(campaignName))?.status).toBe('PAUSED');

    // The campaigns' own undo: its toast reports the platform's answer.
    await made.getByRole('button', { name: /^Undo/ }).click();
    await page.getByRole('region', { name: 'Campaign changes' }).getByText(`Undone: “${campaignName}” is active again.`).waitFor({ timeout: APPLY_TIMEOUT_MS });
    await made.getByText('Undone').waitFor();
    await expectNoAxeViolations(page);
    expect((await sandboxCampaign(campaignName))?.status).toBe('ENABLED');
    const history = (await owner.client.get<{ items: Rule[] }>(api('/rules'))).body.items.find((r) => r.name === RULE);
    expect(history?.lastRun).toMatchObject({ trigger: 'manual', outcome: 'ok', acted: 1 });
    expect(pageErrors).toEqual([]);
  });

  it('warns of a rule that would undo another’s work: on saving, and in the list', async () => {
    const { server, orgId, page, pageErrors } = app;
    await page.goto(`${server.url}/orgs/${orgId}/rules/new`);
    await page.getByRole('heading', { name: 'New rule', level: 1 }).waitFor();
    await page.getByLabel('Rule name').fill(COUNTER_RULE);
    await page.getByLabel('Level', { exact: true }).selectOption('campaign');
    await page.getByRole('group', { name: 'Status' }).getByRole('checkbox', { name: 'Paused' }).check();
    await page.getByLabel('Value, condition 1', { exact: true }).fill('0.01');
    await page.getByLabel('What to do, action 1', { exact: true }).selectOption('enable');
    await page.getByRole('button', { name: 'Save rule' }).click();
    await page.getByRole('heading', { name: COUNTER_RULE, level: 1 }).waitFor();
    const warning = page.getByRole('status').filter({ hasText: 'Saved, but this rule can fight with other rules' });
    await warning.getByRole('link', { name: RULE }).waitFor();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Rules' }).click();
    const table = page.getByRole('table', { name: 'Rules' });
    for (const name of [RULE, COUNTER_RULE]) await table.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) }).getByText('Conflict', { exact: true }).waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('picks campaigns by name with the keyboard, shows the errors at their fields, and reads the picked names back when editing', async () => {
    const { server, owner, orgId, page, pageErrors } = app;
    const campaigns = (await owner.client.get<{ items: CampaignRow[] }>(api('/campaigns?limit=200'))).body.items;
    const target = campaigns.find((c) => c.name.length >= 8)!;
    await page.goto(`${server.url}/orgs/${orgId}/rules/new`);
    await page.getByRole('heading', { name: 'New rule', level: 1 }).waitFor();
    await page.getByLabel('Rule name').fill(PICKED_RULE);
    await page.getByRole('radio', { name: 'Only the ones I pick' }).check();
    // Nothing picked yet: the server's refusal shows at the picker and in the summary.
    await page.getByRole('button', { name: 'Save rule' }).click();
    await page.getByRole('alert').filter({ hasText: 'The rule could not be saved' }).getByText(/^Scope › picked objects: No object picked/).waitFor();
    const picker = page.getByRole('combobox', { name: 'Find campaigns by name' });
    await expect.poll(() => picker.getAttribute('aria-invalid')).toBe('true');
    // The summary's entry leads to the field.
    await page.getByRole('button', { name: 'Scope › picked objects' }).click();
    await expect.poll(() => picker.evaluate((el) => el === (el.ownerDocument as unknown as { activeElement: unknown }).activeElement)).toBe(true);

    // By keyboard: type part of the name, the arrow, Enter.
    await picker.focus();
    await page.keyboard.type(target.name.slice(2, 8).toLowerCase());
    const options = page.getByRole('listbox', { name: 'Matching campaigns' }).getByRole('option');
    await options.filter({ hasText: target.name }).first().waitFor();
    await expectNoAxeViolations(page);
    const names = await options.locator('span.font-medium').allInnerTexts();
    for (let i = 0; i < names.indexOf(target.name); i += 1) await page.keyboard.press('ArrowDown');
    if (names.indexOf(target.name) > 0) await expect.poll(() => page.getByRole('option', { selected: true }).locator('span.font-medium').innerText()).toBe(target.name);
    await page.keyboard.press('Enter');
    const picked = page.getByRole('list', { name: 'Picked campaigns' });
    await picked.getByText(target.name, { exact: true }).waitFor();
    await expect.poll(() => picker.inputValue()).toBe('');
    // Escape closes the list; a name no campaign has says so at the field.
    await page.keyboard.type('zzz-no-such-campaign');
    await page.getByText('No campaign name contains “zzz-no-such-campaign”').waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => picker.inputValue()).toBe('');

    await page.getByRole('radio', { name: /^The organisation’s reporting currency/ }).check();
    await page.getByLabel('Value, condition 1', { exact: true }).fill('0.01');
    // Tell the team by email only; with no way ticked the server names the field.
    await page.getByLabel('What to do, action 1', { exact: true }).selectOption('notify');
    const channels = page.getByRole('group', { name: 'How to tell the team, action 1' });
    await channels.getByRole('checkbox', { name: 'in the app' }).uncheck();
    await page.getByRole('button', { name: 'Save rule' }).click();
    await page.getByRole('alert').filter({ hasText: 'The rule could not be saved' }).getByText(/^Then › action 1 › channels: /).waitFor();
    await channels.getByRole('checkbox', { name: 'by email' }).check();
    await page.getByRole('button', { name: 'Save rule' }).click();
    await page.getByRole('heading', { name: PICKED_RULE, level: 1 }).waitFor();
    const saved = (await owner.client.get<{ items: Rule[] }>(api('/rules'))).body.items.find((r) => r.name === PICKED_RULE)!;
    expect(saved.definition.scope.entityIds).toEqual([target.id]);
    expect(saved.definition.currencyBasis).toBe('organization');
    expect(saved.definition.then).toEqual([{ type: 'notify', channels: ['email'] }]);

    await page.getByRole('link', { name: 'Edit', exact: true }).click();
    await page.getByRole('list', { name: 'Picked campaigns' }).getByText(target.name, { exact: true }).waitFor();
    await expect.poll(() => page.getByRole('radio', { name: 'Only the ones I pick' }).isChecked()).toBe(true);
    await page.getByRole('button', { name: `Remove ${target.name}` }).click();
    await expect.poll(() => page.getByRole('list', { name: 'Picked campaigns' }).count()).toBe(0);
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect(pageErrors).toEqual([]);
  });

  it('lists the history a page at a time, adds a finished run without a reload, and deletes a rule only once confirmed', async () => {
    const { server, owner, orgId, page, pageErrors } = app;
    const [campaign] = (await owner.client.get<{ items: CampaignRow[] }>(api('/campaigns?limit=1'))).body.items;
    const created = await owner.client.post<Rule>(api('/rules'), {
      name: HISTORY_RULE,
      mode: 'notify',
      enabled: true,
      definition: { scope: { level: 'campaign', entityIds: [campaign!.id], statuses: ['active', 'paused'] }, when: { kind: 'all', conditions: [{ kind: 'condition', metric: 'spend', operator: 'gte', compare: { kind: 'value', value: 0 } }] }, then: [{ type: 'notify', channels: ['in_app'] }], limits: { cooldownHours: 0 } },
    });
    expect(created.status, created.text).toBe(201);
    const ruleId = created.body.id;
    const runs = async () => (await owner.client.get<{ items: unknown[] }>(api(`/rules/${ruleId}/runs?limit=100`))).body.items.length;
    // Scheduled runs, as the 15-minute tick starts them.
    const scheduledRun = async () => {
      const before = await runs();
      server.clock.advance(60_000);
      await server.ctx.db.update(rulesTable).set({ nextRunAt: new Date(server.clock.now().getTime() - 1_000) }).where(eq(rulesTable.id, ruleId));
      await rulesTick(server.ctx);
      await eventually(async () => (await runs()) > before, 30_000, 'a scheduled run');
    };
    for (let i = 0; i < 21; i += 1) await scheduledRun();

    await page.goto(`${server.url}/orgs/${orgId}/rules/${ruleId}`);
    await page.getByRole('heading', { name: HISTORY_RULE, level: 1 }).waitFor();
    const history = page.getByRole('list', { name: 'Runs, newest first' });
    await expect.poll(() => history.getByRole('listitem').count()).toBe(20);
    await page.getByRole('button', { name: /^Load more/ }).click();
    await expect.poll(() => history.getByRole('listitem').count()).toBe(21);
    await expectNoAxeViolations(page);

    // A run finishing while the page is open arrives as a live update, well before the fallback poll.
    await scheduledRun();
    await expect.poll(() => history.getByRole('listitem').count(), { timeout: 8_000 }).toBe(22);

    // Delete asks first: cancelling keeps the rule; confirming removes it and returns to the list.
    await page.getByRole('button', { name: `More actions for ${HISTORY_RULE}` }).click();
    await page.getByRole('menuitem', { name: 'Delete…' }).click();
    const confirm = page.getByRole('dialog', { name: `Delete the rule “${HISTORY_RULE}”?` });
    await confirm.waitFor();
    await page.keyboard.press('Escape');
    await confirm.waitFor({ state: 'detached' });
    expect((await owner.client.get(api(`/rules/${ruleId}`))).status).toBe(200);
    await page.getByRole('button', { name: `More actions for ${HISTORY_RULE}` }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('menuitem', { name: 'Delete…' }).focus();
    await page.keyboard.press('Enter');
    await confirm.getByRole('button', { name: 'Delete rule' }).click();
    await page.getByRole('heading', { name: 'Rules', level: 1 }).waitFor();
    expect((await owner.client.get(api(`/rules/${ruleId}`))).status).toBe(404);
    await expect.poll(() => page.getByRole('link', { name: HISTORY_RULE, exact: true }).count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  async function sandboxCampaign(name: string) {
    return (await sandboxWorld(app.server, 'meta')).find((a) => a.id === metaAccountId)?.campaigns.find((c) => c.name === name);
  }
});

/** Leaves the template's condition tree with one condition: groups and further conditions removed. */
async function simplifyConditions(page: Page): Promise<void> {
  for (let guard = 0; guard < 40; guard += 1) {
    const group = page.getByRole('button', { name: /^Remove group/ }).first();
    if ((await group.count()) > 0) {
      await group.click();
      continue;
    }
    const extra = page.getByRole('button', { name: 'Remove condition 2', exact: true });
    if ((await extra.count()) > 0) {
      await extra.click();
      continue;
    }
    break;
  }
  if ((await page.getByLabel('Metric, condition 1', { exact: true }).count()) === 0) await page.getByRole('button', { name: 'Add condition', exact: true }).click();
}
