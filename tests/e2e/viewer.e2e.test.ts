import { beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { Locator } from 'playwright-core';
import type { CampaignChange, CampaignRow, Connection } from '@adloop/contracts';
import { apiFromPage } from './support/browser.ts';
import { useSignedOutBrowser } from './support/app-browser.ts';
import { followEmailLink, PASSWORD, signInWithPassword, signUp } from './support/journey-steps.ts';
import { signUpVerifiedUser, type SignedUpUser } from '../setup/auth-helpers.ts';
import { connectThroughConsent, eventually, sandboxAccounts } from '../setup/connect-helpers.ts';
import { sandboxAccounts as sandboxControlAccounts } from './support/sandbox-platforms.ts';

const ORGANISATION = 'Northwind Viewers';
const viewer = { name: 'Vera Viewer', email: 'vera@northwind.test' };
/** One Meta ad account of the sandbox's seeded world, in USD. */
const ACCOUNT = 'Northwind Outdoor – Meta';
const FIRST_SYNC_TIMEOUT_MS = 90_000;
const LOCALE = 'en-US';

/**
 * A viewer looks but cannot change anything: the owner connects and syncs a Meta account and
 * changes one campaign through the API; the invited viewer sees the numbers, and no control that
 * would change a campaign or a connection; the API refuses their edits with 403 all the same.
 */
describe('viewer journey: numbers without edit controls, edits refused by the API', () => {
  const app = useSignedOutBrowser(15_000, { locale: LOCALE });
  let owner: SignedUpUser;
  let orgId = '';
  let changed: CampaignRow;

  const apiCall = <T,>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown) => apiFromPage<T>(app.page, method, path, body);
  const api = (path: string) => `/api/v1/orgs/${orgId}${path}`;
  const table = (): Locator => app.page.getByRole('table', { name: /^Campaigns,/ });

  beforeAll(async () => {
    const { server } = app;
    // The owner's side, over HTTP: an organisation with one synced Meta account and one applied change.
    owner = await signUpVerifiedUser(server, { organizationName: ORGANISATION, name: 'Olga Owner' });
    orgId = owner.orgId!;
    const account = sandboxAccounts(server, 'meta').find((a) => a.name === ACCOUNT);
    if (!account) throw new Error(`the sandbox has no Meta account named ${ACCOUNT}`);
    const connected = await connectThroughConsent(owner, orgId, 'meta', [account.id]);
    const connection = (await owner.client.get<Connection>(api(`/connections/${connected.connectionId}`))).body;
    const picked = connection.accounts.filter((a) => a.platformAccountId === account.id).map((a) => a.id);
    expect((await owner.client.put(api(`/connections/${connected.connectionId}/accounts`), { accountIds: picked })).status).toBe(200);
    await eventually(async () => {
      const overview = (await owner.client.get<{ connections: Connection[] }>(api('/connections'))).body;
      return overview.connections.flatMap((c) => c.accounts).find((a) => a.selected)?.health.state === 'fresh';
    }, FIRST_SYNC_TIMEOUT_MS, 'the first sync');
    const rows = (await owner.client.get<{ items: CampaignRow[] }>(api('/campaigns?limit=200'))).body.items;
    const active = rows.find((r) => r.status === 'active' && r.dailyBudgetMicros !== null);
    if (!active) throw new Error(`no active campaign with a daily budget among ${rows.length}`);
    const asked = await owner.client.post<{ items: CampaignChange[] }>(api('/campaign-changes'), {
      idempotencyKey: randomUUID(),
      changes: [{ campaignId: active.id, action: 'pause', expected: { status: 'active' } }],
    });
    expect(asked.status).toBe(202);
    await eventually(async () => (await owner.client.get<CampaignChange>(api(`/campaign-changes/${asked.body.items[0]!.id}`))).body.state === 'applied', 30_000, 'the pause to apply');
    changed = { ...active, status: 'paused' };
    const invited = await owner.client.post(api('/invitations'), { email: viewer.email, role: 'viewer' });
    expect(invited.status).toBe(201);
  }, 180_000);

  it('shows the owner the controls a viewer must not get (so their absence below means something)', async () => {
    const { server, browser } = app;
    const ownerContext = await browser.newContext({ locale: LOCALE });
    try {
      ownerContext.setDefaultTimeout(15_000);
      const ownerPage = await ownerContext.newPage();
      await ownerPage.goto(`${server.url}/sign-in`);
      await signInWithPassword(ownerPage, owner.email, owner.password);
      await ownerPage.getByRole('heading', { name: 'Dashboard' }).waitFor();
      await ownerPage.goto(`${server.url}/orgs/${orgId}/campaigns`);
      const ownerTable = ownerPage.getByRole('table', { name: /^Campaigns,/ });
      await ownerTable.getByRole('button', { name: `Enable ${changed.name}`, exact: true }).waitFor();
      await ownerTable.getByRole('button', { name: `Edit the daily budget of ${changed.name}` }).waitFor();
      await ownerTable.getByRole('checkbox', { name: 'Select all shown campaigns' }).check();
      await ownerPage.getByRole('toolbar', { name: 'Bulk actions' }).waitFor();
      await ownerPage.getByRole('link', { name: 'New campaign' }).waitFor();
      await ownerPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Connections' }).click();
      await ownerPage.getByRole('button', { name: 'Connect TikTok', exact: true }).waitFor();
      await ownerPage.getByRole('button', { name: 'Disconnect Meta', exact: true }).waitFor();
      await ownerPage.getByRole('button', { name: new RegExp(`^Sync now ${ACCOUNT}`) }).waitFor();
    } finally {
      await ownerContext.close();
    }
  });

  it('accepts the invitation as a viewer and lands on a dashboard with numbers', async () => {
    const { server, page } = app;
    await followEmailLink(page, server.url, viewer.email, new RegExp(`You are invited to join ${ORGANISATION}`), /\/accept-invitation\?token=/);
    await page.getByText(`to join ${ORGANISATION} as Viewer`, { exact: false }).waitFor();
    await page.getByRole('link', { name: 'Create an account' }).click();
    await signUp(page, { name: viewer.name, password: PASSWORD });
    await followEmailLink(page, server.url, viewer.email, /Verify your email/, /\/verify-email\?token=/);
    await page.getByText('Email verified').waitFor();
    await page.getByRole('link', { name: 'Sign in' }).click();
    await signInWithPassword(page, viewer.email, PASSWORD);
    await page.getByRole('button', { name: 'Accept invitation' }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    expect(page.url()).toContain(`/orgs/${orgId}/dashboard`);

    const spend = page.getByRole('list', { name: 'Key numbers' }).getByRole('listitem', { name: 'Spend' });
    await spend.waitFor();
    // A real amount from the sync, not a placeholder (cards shorten big amounts: $12,346, $1.23M).
    await expect.poll(async () => /\$\d[\d,.]*[KMB]?/.test(await spend.innerText()), { timeout: 15_000 }).toBe(true);
    await page.getByRole('listitem', { name: 'Meta freshness' }).getByText('Health: Fresh').waitFor();
    expect(await page.getByRole('button', { name: /^(Pause|Enable|Connect|Disconnect|Sync now)\b/ }).count()).toBe(0);
  });

  it('shows the campaigns table with numbers, and no pause, enable, budget, selection or New campaign control', async () => {
    const { page } = app;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Campaigns' }).click();
    await page.getByRole('heading', { name: 'Campaigns', level: 1 }).waitFor();
    await table().waitFor();
    await page.getByText('Viewers cannot change or create campaigns.', { exact: false }).waitFor();

    const rows = table().locator('tbody tr');
    expect(await rows.count()).toBeGreaterThan(0);
    const row = table().getByRole('row').filter({ has: page.getByRole('link', { name: changed.name, exact: true }) });
    await row.getByText('Paused', { exact: true }).waitFor();
    // Spend and budget show as amounts.
    expect(await table().locator('tfoot').innerText()).toMatch(/\$[\d,]+\.\d{2}/);
    expect(await row.innerText()).toMatch(/\$[\d,]+\.\d{2}\s*\/ day/);

    expect(await table().getByRole('checkbox').count()).toBe(0);
    expect(await table().getByRole('button', { name: new RegExp(`^(Pause|Enable) `) }).count()).toBe(0);
    expect(await table().getByRole('button', { name: /^Edit the (daily|lifetime) budget/ }).count()).toBe(0);
    expect(await table().getByRole('columnheader', { name: 'Actions' }).count()).toBe(0);
    expect(await page.getByRole('toolbar', { name: 'Bulk actions' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'New campaign' }).count()).toBe(0);
    // Reading stays open to a viewer: the CSV export is offered.
    await page.getByRole('link', { name: 'Export CSV' }).waitFor();
  });

  it('shows a campaign’s page and change history without status, budget or undo controls', async () => {
    const { page } = app;
    await table().getByRole('link', { name: changed.name, exact: true }).click();
    await page.getByRole('heading', { name: changed.name, level: 1 }).waitFor();
    await page.getByRole('list', { name: 'Key numbers' }).getByRole('listitem', { name: 'Spend' }).waitFor();
    const history = page.getByRole('list', { name: 'Changes, newest first' });
    await history.getByText('Paused', { exact: false }).first().waitFor();
    expect(await page.getByRole('button', { name: new RegExp(`^(Pause|Enable|Undo)\\b`) }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Edit the (daily|lifetime) budget/ }).count()).toBe(0);
  });

  it('does not offer the campaign wizard', async () => {
    const { server, page } = app;
    await page.goto(`${server.url}/orgs/${orgId}/campaigns/new`);
    await page.getByText('Viewers cannot create campaigns.', { exact: false }).waitFor();
    expect(await page.getByRole('button', { name: /^(Next|Create campaign)$/ }).count()).toBe(0);
  });

  it('shows the connection and its account on the Connections page, with no way to change them', async () => {
    const { page } = app;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Connections' }).click();
    await page.getByRole('heading', { name: 'Connections', level: 1 }).waitFor();
    await page.getByText('Only owners, admins and members can connect platforms or change them.', { exact: false }).waitFor();
    const metaCard = page.getByRole('region', { name: 'Meta' });
    await metaCard.getByRole('article', { name: ACCOUNT }).getByText('Health: Fresh', { exact: true }).waitFor();
    await metaCard.getByRole('article', { name: ACCOUNT }).getByText(/\$[\d,]+\.\d{2}/).first().waitFor();
    for (const name of [/^Connect\b/, /^Disconnect\b/, /^Reconnect\b/, /^Manage accounts\b/, /^Choose accounts\b/, /^Sync now\b/, /^Retry\b/]) {
      expect(await page.getByRole('button', { name }).count(), String(name)).toBe(0);
    }
  });

  it('gets 403 from every edit API it calls directly, and the campaign stays as it was', async () => {
    const { server, pageErrors } = app;
    const table = await apiCall<{ items: CampaignRow[] }>('GET', api('/campaigns?limit=200'));
    expect(table.status).toBe(200);
    const campaign = table.body.items.find((c) => c.id === changed.id)!;
    expect(campaign.status).toBe('paused');

    const enable = await apiCall<{ error: { code: string } }>('POST', api('/campaign-changes'), {
      idempotencyKey: randomUUID(),
      changes: [{ campaignId: campaign.id, action: 'enable', expected: { status: 'paused' } }],
    });
    expect(enable.status).toBe(403);
    const budget = await apiCall('POST', api('/campaign-changes'), {
      idempotencyKey: randomUUID(),
      changes: [{ campaignId: campaign.id, action: 'set_daily_budget', amountMicros: campaign.dailyBudgetMicros! + 1_000_000, expected: { dailyBudgetMicros: campaign.dailyBudgetMicros } }],
    });
    expect(budget.status).toBe(403);
    const history = (await apiCall<{ items: CampaignChange[] }>('GET', api(`/campaign-changes?campaignId=${campaign.id}`))).body.items;
    const undo = await apiCall('POST', api(`/campaign-changes/${history.find((c) => c.canUndo)!.id}/undo`), { idempotencyKey: randomUUID() });
    expect(undo.status).toBe(403);
    const connections = (await apiCall<{ connections: Connection[] }>('GET', api('/connections'))).body.connections;
    expect((await apiCall('DELETE', api(`/connections/${connections[0]!.id}`))).status).toBe(403);
    expect((await apiCall('POST', api('/connections/authorize'), { platform: 'tiktok' })).status).toBe(403);

    // Nothing changed: the platform still has the campaign paused, and no new change was recorded.
    const onPlatform = (await sandboxControlAccounts(server, 'meta')).find((a) => a.name === ACCOUNT)?.campaigns.find((c) => c.id === campaign.platformId);
    expect(onPlatform?.status).toBe('PAUSED');
    const after = (await apiCall<{ items: CampaignChange[] }>('GET', api(`/campaign-changes?campaignId=${campaign.id}`))).body.items;
    expect(after.map((c) => c.id)).toEqual(history.map((c) => c.id));
    expect((await apiCall<{ items: CampaignRow[] }>('GET', api(`/campaigns?q=${encodeURIComponent(campaign.name)}`))).body.items.find((c) => c.id === campaign.id)?.status).toBe('paused');
    expect(pageErrors).toEqual([]);
  });
});
