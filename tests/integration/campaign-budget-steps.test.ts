import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { CampaignChange, CampaignRow, Connection, PlatformId } from '@adloop/contracts';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { signUpVerifiedUser, type SignedUpUser } from '../setup/auth-helpers.ts';
import { connectThroughConsent, eventually, sandboxAccounts } from '../setup/connect-helpers.ts';

interface Issues {
  error: { code: string; details?: { issues?: Array<{ field: string; message: string }> } };
}

/**
 * Budgets are whole multiples of the platform's step for the account's currency
 * (`capabilities.budgetStepMicros`): a fraction of a yen or of a cent is refused before anything is
 * queued or sent, naming the field.
 */
describe('budget steps per platform and currency', () => {
  let server: TestServer;
  let owner: SignedUpUser;
  let orgId = '';
  const api = (path: string) => `/api/v1/orgs/${orgId}${path}`;

  /** A campaign of `platform` in `currency` with a daily budget at campaign level that can still change. */
  const editable = async (platform: PlatformId, currency: string): Promise<CampaignRow> => {
    const { items } = (await owner.client.get<{ items: CampaignRow[] }>(api(`/campaigns?platform=${platform}&limit=200`))).body;
    const found = items.find((c) => c.currency === currency && c.dailyBudgetMicros !== null && (c.status === 'active' || c.status === 'paused'));
    if (!found) throw new Error(`no ${platform} ${currency} campaign with a daily budget among ${items.length}`);
    return found;
  };
  const setDailyBudget = (campaign: CampaignRow, amountMicros: number) =>
    owner.client.post<Issues & { items: CampaignChange[] }>(api('/campaign-changes'), {
      idempotencyKey: randomUUID(),
      changes: [{ campaignId: campaign.id, action: 'set_daily_budget', amountMicros, expected: { dailyBudgetMicros: campaign.dailyBudgetMicros } }],
    });
  const issues = (body: Issues) => body.error.details?.issues ?? [];

  beforeAll(async () => {
    server = await startTestServer();
    owner = await signUpVerifiedUser(server, { organizationName: 'Budget Steps Co' });
    orgId = owner.orgId!;
    const wanted: Record<'meta' | 'tiktok', string[]> = { meta: ['USD', 'JPY'], tiktok: ['JPY'] };
    let selected = 0;
    for (const platform of ['meta', 'tiktok'] as const) {
      const grant = wanted[platform].map((currency) => sandboxAccounts(server, platform).find((a) => !a.isManager && a.currency === currency)!.id);
      const connected = await connectThroughConsent(owner, orgId, platform, grant);
      const connection = (await owner.client.get<Connection>(api(`/connections/${connected.connectionId}`))).body;
      const picked = connection.accounts.filter((a) => grant.includes(a.platformAccountId)).map((a) => a.id);
      expect((await owner.client.put(api(`/connections/${connected.connectionId}/accounts`), { accountIds: picked })).status).toBe(200);
      selected += picked.length;
    }
    await eventually(async () => {
      const overview = (await owner.client.get<{ connections: Connection[] }>(api('/connections'))).body;
      const accounts = overview.connections.flatMap((c) => c.accounts.filter((a) => a.selected));
      return accounts.length === selected && accounts.every((a) => a.health.structureSyncedAt !== null);
    }, 120_000, 'structure syncs');
  }, 180_000);
  afterAll(async () => server?.close());

  it('refuses half a yen on Meta and TikTok with a 400 naming the field, and takes whole yen', async () => {
    for (const platform of ['meta', 'tiktok'] as const) {
      const campaign = await editable(platform, 'JPY');
      const fractional = await setDailyBudget(campaign, campaign.dailyBudgetMicros! + 1_000_500_000);
      expect(fractional.status, platform).toBe(400);
      expect(fractional.body.error.code).toBe('validation_failed');
      expect(issues(fractional.body)).toEqual([{ location: 'body', field: 'changes.0.amountMicros', message: expect.stringMatching(/whole number of yen \(JPY has no decimals on (Meta|TikTok)\)/) }]);
      // Nothing was recorded for the refused request.
      const history = (await owner.client.get<{ items: CampaignChange[] }>(api(`/campaign-changes?campaignId=${campaign.id}`))).body.items;
      expect(history.filter((c) => c.origin === 'adloop')).toEqual([]);

      const whole = await setDailyBudget(campaign, campaign.dailyBudgetMicros! + 1_000_000_000);
      expect(whole.status, platform).toBe(202);
    }
  });

  it('refuses a fraction of a cent on Meta USD', async () => {
    const campaign = await editable('meta', 'USD');
    const subCent = await setDailyBudget(campaign, campaign.dailyBudgetMicros! + 5_000);
    expect(subCent.status).toBe(400);
    expect(issues(subCent.body)).toEqual([{ location: 'body', field: 'changes.0.amountMicros', message: 'must be a whole number of cents (USD has two decimals on Meta)' }]);
  });

  it('refuses a new campaign with a fractional yen budget before sending it, naming the field', async () => {
    const overview = (await owner.client.get<{ connections: Connection[] }>(api('/connections'))).body;
    const account = overview.connections.flatMap((c) => c.accounts).find((a) => a.selected && a.platform === 'meta' && a.currency === 'JPY')!;
    const created = await owner.client.post<Issues>(api('/campaigns'), {
      adAccountId: account.id,
      name: 'Half a yen',
      objective: 'OUTCOME_TRAFFIC',
      budget: { kind: 'daily', amountMicros: 5_000_500_000 },
      adGroup: { name: 'Ad set', countries: ['JP'] },
      ad: { name: 'Ad', headline: 'New tea', description: 'First flush from Shizuoka', finalUrl: 'https://tea.example.com/' },
    });
    expect(created.status).toBe(400);
    expect(issues(created.body).map((i) => i.field)).toEqual(['budget.amount']);
    const sim = [...server.sandbox!.simulator.world().platforms.meta.campaigns.values()];
    expect(sim.some((c) => c.name === 'Half a yen')).toBe(false);
  });
});
