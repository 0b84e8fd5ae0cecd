import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { CampaignChange, CampaignRow, ChangeSettings } from '@adloop/contracts';
import { describeFailure, launchBrowser } from './support/browser.ts';
import { startAppServer, type AppServer } from './support/app-server.ts';
import { signInWithPassword } from './support/journey-steps.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { sandboxAccounts as sandboxWorld } from './support/sandbox-platforms.ts';
import { signUpVerifiedUser, type SignedUpUser } from '../setup/auth-helpers.ts';
import { connectAndSync, eventually, sandboxAccounts } from '../setup/connect-helpers.ts';
import { joinAs } from '../setup/org-helpers.ts';
import { submitChanges } from '../../apps/server/src/modules/changes/index.ts';

const ORGANISATION = 'Northwind Approvals';
/** One Meta ad account of the sandbox's seeded world, in USD. */
const ACCOUNT = 'Northwind Outdoor – Meta';
const LAUNCH = 'E2E Member Launch';
const FIRST_SYNC_TIMEOUT_MS = 90_000;
const APPLY_TIMEOUT_MS = 30_000;
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/**
 * Approvals in the browser: a member's new campaign waits in the inbox instead of launching; a
 * manager approves it there with the keyboard and it appears on the Meta sandbox; the kill switch
 * stops automated changes, shows on every page while on, and is resumed by the owner.
 */
describe('approvals journey: a member proposes a campaign, a manager approves it from the inbox, the kill switch stops automation', () => {
  let server: AppServer;
  let browser: Browser;
  let owner: SignedUpUser;
  let member: SignedUpUser;
  let manager: SignedUpUser;
  let orgId = '';
  let metaAccountId = '';
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  const api = (path: string) => `/api/v1/orgs/${orgId}${path}`;

  /** A signed-in browser page for one person. */
  async function signedIn(person: SignedUpUser): Promise<Page> {
    const context = await browser.newContext({ locale: 'en-US' });
    context.setDefaultTimeout(15_000);
    context.on('weberror', (error) => pageErrors.push(error.error().message));
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${server.url}/sign-in`);
    await signInWithPassword(page, person.email, person.password);
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    return page;
  }

  const sandboxCampaign = async (name: string) => (await sandboxWorld(server, 'meta')).find((a) => a.id === metaAccountId)?.campaigns.find((c) => c.name === name);

  beforeAll(async () => {
    server = await startAppServer();
    owner = await signUpVerifiedUser(server, { organizationName: ORGANISATION, name: 'Olga Owner' });
    orgId = owner.orgId!;
    const account = sandboxAccounts(server, 'meta').find((a) => a.name === ACCOUNT);
    if (!account) throw new Error(`the sandbox has no Meta account named ${ACCOUNT}`);
    metaAccountId = account.id;
    const picked = (await connectAndSync(owner, orgId, 'meta', [account.id], FIRST_SYNC_TIMEOUT_MS)).map((a) => a.id);
    [member, manager] = await Promise.all([joinAs(server, owner, orgId, 'member'), joinAs(server, owner, orgId, 'manager')]);
    expect((await owner.client.put(api(`/members/${member.user.id}/ad-accounts`), { adAccountIds: picked })).status).toBe(200);
    const policy = await owner.client.patch<ChangeSettings>(api('/change-settings'), { approvalPolicy: { memberLaunches: true, budgetAbove: { amountMicros: null, percent: null } } });
    expect(policy.status).toBe(200);
    browser = await launchBrowser();
  }, 240_000);

  afterEach(async (test) => {
    if (test.task.result?.state === 'fail') console.error(await describeFailure(...contexts));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('sends a member’s new campaign for approval instead of launching it', async () => {
    const page = await signedIn(member);
    await page.goto(`${server.url}/orgs/${orgId}/campaigns/new`);
    await page.getByRole('heading', { name: 'New campaign', level: 1 }).waitFor();
    const next = page.getByRole('button', { name: 'Next' });
    await page.getByRole('radio', { name: 'Meta', exact: true }).check();
    await next.click();
    await page.getByRole('radio', { name: ACCOUNT }).check();
    await next.click();
    await page.getByLabel('Campaign name').fill(LAUNCH);
    await page.getByRole('group', { name: 'Objective' }).getByRole('radio', { name: 'Leads' }).check();
    await next.click();
    await page.getByLabel('Daily budget in USD').fill('30');
    await next.click();
    await page.getByLabel('Ad set name').fill(`${LAUNCH} – US`);
    await page.getByRole('combobox', { name: 'Countries' }).fill('united st');
    await page.getByRole('option', { name: 'United States', exact: true }).click();
    await next.click();
    await page.getByLabel('Ad name').fill(`${LAUNCH} – ad`);
    await page.getByRole('textbox', { name: /^Headline/ }).fill('Trail gear for spring');
    await page.getByRole('textbox', { name: /^Primary text/ }).fill('Boots and tents for the season.');
    await page.getByLabel('Final URL').fill('https://northwind.example/spring');
    const cta = page.getByLabel('Call to action');
    if ((await cta.count()) > 0) await cta.selectOption({ index: 1 });
    const pagePicker = page.getByRole('combobox', { name: 'Facebook Page' });
    await pagePicker.waitFor();
    // The account's last Page (the first option may be a "choose" placeholder).
    await expect.poll(() => pagePicker.locator('option').count()).toBeGreaterThan(0);
    await pagePicker.selectOption({ index: (await pagePicker.locator('option').count()) - 1 });
    await page.getByLabel(/^Image/).setInputFiles({ name: 'spring.png', mimeType: 'image/png', buffer: PNG });
    await page.getByText('Uploaded: spring.png').waitFor();
    await next.click();
    await page.getByRole('heading', { name: /Review/ }).waitFor();
    await page.getByRole('button', { name: 'Create campaign' }).click();

    await page.getByRole('heading', { name: 'Sent for approval' }).waitFor({ timeout: APPLY_TIMEOUT_MS });
    await page.getByText(`“${LAUNCH}” on Meta launches once an owner, admin or manager approves it`, { exact: false }).waitFor();
    expect(await sandboxCampaign(LAUNCH), 'nothing is created on the platform before the approval').toBeUndefined();
    const waiting = (await member.client.get<{ items: CampaignChange[] }>(api('/proposals'))).body.items;
    expect(waiting.map((c) => [c.campaignName, c.field, c.actorType, c.state])).toContainEqual([LAUNCH, 'campaign', 'user', 'proposed']);
  });

  it('lets a manager approve it from the inbox with the keyboard, and it launches on the platform', async () => {
    const page = await signedIn(manager);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: /^Approvals\s*\(1 waiting\)$/ }).click();
    await page.getByRole('heading', { name: 'Approval inbox', level: 1 }).waitFor();
    const table = page.getByRole('table', { name: 'Proposals, newest first' });
    const row = table.getByRole('row').filter({ hasText: `Launch “${LAUNCH}”` });
    await row.getByText(`Person ${member.email}`).waitFor();
    await row.getByText('$30.00').waitFor();
    await expectNoAxeViolations(page);

    // j moves to the first row, x ticks it, a approves the ticked rows.
    await page.keyboard.press('j');
    await page.keyboard.press('x');
    await page.getByRole('toolbar', { name: 'Bulk decisions' }).getByText('1 proposal selected').waitFor();
    await page.keyboard.press('a');
    await page.getByText(`Approved: Launch “${LAUNCH}”`, { exact: false }).waitFor();
    await page.getByText('Nothing waits for a decision').waitFor();

    await eventually(() => sandboxCampaign(LAUNCH), APPLY_TIMEOUT_MS, 'the approved campaign on the Meta sandbox');
    // The launch job links the proposal to the campaign it created.
    const decided = await eventually(async () => {
      const items = (await manager.client.get<{ items: CampaignChange[] }>(api('/campaign-changes'))).body.items;
      return items.find((c) => c.campaignName === LAUNCH && c.field === 'campaign' && c.campaignId !== null);
    }, APPLY_TIMEOUT_MS, 'the launched campaign in the change list');
    expect(decided.decidedBy?.label).toBe(manager.email);

    // The campaign's history says who asked for it and who approved it.
    await page.goto(`${server.url}/orgs/${orgId}/campaigns/${decided.campaignId}`);
    const history = page.getByRole('list', { name: 'Changes, newest first' });
    await history.getByText(`By Person ${member.email}`, { exact: false }).first().waitFor();
    await history.getByText(`Approved by Person ${manager.email}`, { exact: false }).first().waitFor();
  });

  it('tells a member their budget change above the policy’s limit was sent for approval, and it waits in the inbox', async () => {
    expect((await owner.client.patch(api('/change-settings'), { approvalPolicy: { memberLaunches: true, budgetAbove: { amountMicros: null, percent: 10 } } })).status).toBe(200);
    const rows = (await member.client.get<{ items: CampaignRow[] }>(api('/campaigns?limit=200'))).body.items;
    const target = rows.find((r) => r.status === 'active' && r.dailyBudgetMicros !== null && r.name !== LAUNCH);
    if (!target) throw new Error(`no active campaign with a daily budget among ${rows.length}`);
    const raised = ((target.dailyBudgetMicros! * 1.5) / 1e6).toFixed(2);

    const page = await signedIn(member);
    await page.goto(`${server.url}/orgs/${orgId}/campaigns`);
    const row = page.getByRole('table', { name: /^Campaigns,/ }).getByRole('row').filter({ has: page.getByRole('link', { name: target.name, exact: true }) });
    await row.getByRole('button', { name: `Edit the daily budget of ${target.name}` }).click();
    await row.getByLabel(`Daily budget of ${target.name} in USD`).fill(raised);
    await row.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('region', { name: 'Campaign changes' }).getByText(`Sent for approval: “${target.name}” changes once a manager approves it.`).waitFor();

    const waiting = (await manager.client.get<{ items: CampaignChange[] }>(api('/proposals'))).body.items.find((c) => c.campaignId === target.id);
    expect(waiting).toMatchObject({ field: 'daily_budget', state: 'proposed', actorType: 'user', after: String(Math.round(Number(raised) * 1e6)) });
  });

  it('stops automated changes with the kill switch: a bar on every page until the owner resumes', async () => {
    const page = await signedIn(manager);
    await page.goto(`${server.url}/orgs/${orgId}/settings/automation-safety`);
    await page.getByRole('heading', { name: 'Automation safety', level: 2 }).waitFor();
    // A manager may stop but not change the policy.
    await page.getByText('Only owners and admins can change these settings.').waitFor();
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Stop all automated changes' }).click();
    const confirm = page.getByRole('dialog', { name: 'Stop all automated changes?' });
    await confirm.getByText('Rules and AI changes waiting or queued will be stopped').waitFor();
    await confirm.getByRole('button', { name: 'Stop automated changes' }).click();
    const bar = page.getByRole('region', { name: 'Automated changes stopped' });
    await bar.getByText(`by ${manager.email}`, { exact: false }).waitFor();
    // Resuming is the owner's or an admin's.
    expect(await bar.getByRole('button', { name: 'Resume' }).count()).toBe(0);
    const settings = (await owner.client.get<ChangeSettings>(api('/change-settings'))).body;
    expect(settings.automation.stopped).toBe(true);

    const ownerPage = await signedIn(owner);
    const ownerBar = ownerPage.getByRole('region', { name: 'Automated changes stopped' });
    await ownerBar.waitFor();
    await ownerBar.getByRole('button', { name: 'Resume' }).click();
    await ownerPage.getByRole('dialog', { name: 'Resume automated changes?' }).getByRole('button', { name: 'Resume' }).click();
    await ownerBar.waitFor({ state: 'detached' });
    expect((await owner.client.get<ChangeSettings>(api('/change-settings'))).body.automation.stopped).toBe(false);
    expect(pageErrors).toEqual([]);
  });

  it('stops a rule’s queued change with the kill switch: it shows Stopped and cannot be approved; after resuming a rule proposes again', async () => {
    const rule = { type: 'rule' as const, id: randomUUID(), label: 'Rule: e2e' };
    const rows = (await owner.client.get<{ items: CampaignRow[] }>(api('/campaigns?limit=200'))).body.items;
    const [first, second] = rows.filter((r) => r.status === 'active' && r.name !== LAUNCH);
    if (!first || !second) throw new Error(`fewer than two active campaigns among ${rows.length}`);
    // Queued exactly as a rule in approve mode queues it.
    const [queued] = await submitChanges(server.ctx, orgId, rule, [{ campaignId: first.id, action: 'pause', expected: { status: 'active' } }], { ruleMode: 'approve', reason: 'CPA above target' });
    expect(queued).toMatchObject({ state: 'proposed', actorType: 'rule' });

    const page = await signedIn(manager);
    await page.goto(`${server.url}/orgs/${orgId}/approvals`);
    const table = page.getByRole('table', { name: 'Proposals, newest first' });
    const row = table.getByRole('row').filter({ hasText: `“${first.name}”` });
    await row.getByText(`Rule ${rule.label}`).waitFor();

    await page.goto(`${server.url}/orgs/${orgId}/settings/automation-safety`);
    await page.getByRole('button', { name: 'Stop all automated changes' }).click();
    await page.getByRole('dialog', { name: 'Stop all automated changes?' }).getByRole('button', { name: 'Stop automated changes' }).click();
    await page.getByRole('region', { name: 'Automated changes stopped' }).waitFor();

    await page.goto(`${server.url}/orgs/${orgId}/approvals?state=decided`);
    const stopped = table.getByRole('row').filter({ hasText: `“${first.name}”` });
    await stopped.getByText('Stopped by the kill switch').waitFor();
    await stopped.getByText(`Rule ${rule.label}`).waitFor();
    expect(await stopped.getByRole('checkbox').count(), 'a stopped change cannot be ticked').toBe(0);
    expect(await stopped.getByRole('button', { name: /^Approve/ }).count(), 'nor approved').toBe(0);
    const refused = await manager.client.post<{ results: Array<{ ok: boolean }> }>(api('/proposals/approve'), { items: [{ changeId: queued!.id }] });
    expect(refused.body.results).toMatchObject([{ ok: false }]);

    expect((await owner.client.post(api('/automation/resume'), {})).status).toBe(200);
    const [after] = await submitChanges(server.ctx, orgId, rule, [{ campaignId: second.id, action: 'pause', expected: { status: 'active' } }], { ruleMode: 'approve', reason: 'CPA above target' });
    expect(after).toMatchObject({ state: 'proposed', actorType: 'rule' });
    await page.goto(`${server.url}/orgs/${orgId}/approvals`);
    await table.getByRole('row').filter({ hasText: `“${second.name}”` }).getByText(`Rule ${rule.label}`).waitFor();
    expect(pageErrors).toEqual([]);
  });
});
