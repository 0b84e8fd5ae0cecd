import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { CampaignChange, CampaignRow, ImportPreview, ImportResult, PlatformId } from '@adloop/contracts';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { signUpVerifiedUser, type SignedUpUser } from '../setup/auth-helpers.ts';
import { joinAs } from '../setup/org-helpers.ts';
import { connectAndAdd, eventually, sandboxAccounts } from '../setup/connect-helpers.ts';
import { createSecretsRepository } from '../../apps/server/src/modules/connections/secrets.repository.ts';
import { recordAudit, systemSource } from '../../apps/server/src/modules/audit/audit.writer.ts';

type Account = Awaited<ReturnType<typeof connectAndAdd>>[number];

/** Cells joined into CSV lines (quoted where needed), heading first. */
const csv = (rows: string[][]) => rows.map((cells) => cells.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\n');

describe('bulk import (CSV) through the change pipeline', () => {
  let server: TestServer;
  let owner: SignedUpUser;
  let member: SignedUpUser;
  let viewer: SignedUpUser;
  let orgId: string;
  let usd: Account;
  let eur: Account;
  const api = (path: string) => `/api/v1/orgs/${orgId}${path}`;
  const campaignsOf = async (accountId: string) => (await owner.client.get<{ items: CampaignRow[] }>(api(`/campaigns?accountId=${accountId}&limit=200`))).body.items;
  /** The campaign as the platform's own API reports it now. */
  const onPlatform = async (account: Account, platform: PlatformId, platformId: string) => {
    const tokens = { accessToken: (await createSecretsRepository(server.ctx.db, server.ctx.keyring).get(orgId, account.connectionId, 'access_token'))! };
    return server.ctx.platforms.registry.get(platform).campaigns.getCampaign(tokens, { platformAccountId: account.platformAccountId, currency: account.currency, timeZone: account.timeZone }, platformId);
  };

  beforeAll(async () => {
    server = await startTestServer();
    owner = await signUpVerifiedUser(server, { organizationName: 'Import Co' });
    orgId = owner.orgId!;
    // Joined before the first syncs load the machine (the invitation email is awaited).
    member = await joinAs(server, owner, orgId, 'member');
    viewer = await joinAs(server, owner, orgId, 'viewer');
    const pick = (name: string) => sandboxAccounts(server, 'meta').find((a) => a.name === name)!.id;
    [usd, eur] = (await connectAndAdd(owner, orgId, 'meta', [pick('Northwind Outdoor – Meta'), pick('Lumen Skincare – Meta')])) as [Account, Account];
    const assigned = await owner.client.put(api(`/members/${member.user.id}/ad-accounts`), { adAccountIds: [eur.id] });
    expect(assigned.status).toBe(200);
    await eventually(async () => (await campaignsOf(usd.id)).length >= 2 && (await campaignsOf(eur.id)).length >= 1, 120_000, 'campaigns mirrored');
  }, 180_000);
  afterAll(async () => server?.close());

  it('previews every row’s errors by line and column, applies the good rows on the platform, and answers a repeat without sending twice', async () => {
    const [first, second] = (await campaignsOf(usd.id)).filter((c) => c.status === 'active' && c.dailyBudgetMicros !== null);
    expect(first && second, 'two active USD campaigns with daily budgets').toBeTruthy();
    const newBudget = ((first!.dailyBudgetMicros! + 5_000_000) / 1e6).toFixed(2);
    const file = csv([
      ['Campaign ID', 'action', 'amount'],
      [first!.id, 'set_daily_budget', newBudget],
      [second!.platformId, 'Pause', ''],
      [first!.id, 'stop', ''],
      ['Nope, not a campaign', 'pause', ''],
      [second!.id, 'set_daily_budget', '12.345'],
      [first!.id, 'set_daily_budget', '99.00'],
    ]);

    const preview = await owner.client.post<ImportPreview>(api('/imports/preview'), { kind: 'changes', csv: file });
    expect(preview.status, preview.text).toBe(200);
    expect(preview.body.columns).toEqual(['campaign_id', 'action', 'amount']);
    expect(preview.body).toMatchObject({ validCount: 2, errorCount: 4, fileErrors: [] });
    const errors = Object.fromEntries(preview.body.rows.map((r) => [r.line, r.errors.map((e) => `${e.column}: ${e.message}`)]));
    expect(errors).toEqual({
      2: [],
      3: [],
      4: ['action: must be one of pause, enable, set_daily_budget, set_lifetime_budget'],
      5: ['campaign_id: Nope, not a campaign is not a campaign you can change'],
      6: ['amount: USD has 2 decimals at most'],
      7: ["null: changes the same campaign's daily budget as line 2"],
    });
    expect(preview.body.rows[0]?.summary).toBe(`Daily budget of "${first!.name}": ${(first!.dailyBudgetMicros! / 1e6).toFixed(2)} → ${newBudget} USD`);
    // Nothing was sent by the preview.
    expect((await owner.client.get<{ items: CampaignChange[] }>(api('/campaign-changes'))).body.items.filter((c) => c.origin !== 'outside')).toEqual([]);

    const idempotencyKey = `import-${randomUUID()}`;
    const applied = await owner.client.post<ImportResult>(api('/imports/apply'), { kind: 'changes', csv: file, idempotencyKey });
    expect(applied.status, applied.text).toBe(200);
    expect(applied.body).toMatchObject({ sentCount: 2, failedCount: 0, invalidCount: 4 });
    const [budgetRow, pauseRow, ...invalid] = applied.body.results;
    expect(budgetRow).toMatchObject({ line: 2, outcome: 'sent', campaignId: first!.id });
    expect(pauseRow).toMatchObject({ line: 3, outcome: 'sent', campaignId: second!.id });
    expect(invalid.map((r) => [r.line, r.outcome, r.errors.length])).toEqual([[4, 'invalid', 1], [5, 'invalid', 1], [6, 'invalid', 1], [7, 'invalid', 1]]);

    for (const row of [budgetRow!, pauseRow!]) {
      const settled = await eventually(async () => {
        const change = (await owner.client.get<CampaignChange>(api(`/campaign-changes/${row.changeId}`))).body;
        return change.state === 'pending' ? null : change;
      }, 30_000, `line ${row.line} applied`);
      expect(settled.state).toBe('applied');
      expect(settled.actorLabel).toBe(owner.email);
    }
    expect((await onPlatform(usd, 'meta', first!.platformId)).dailyBudget?.micros).toBe(Math.round(Number(newBudget) * 1e6));
    expect((await onPlatform(usd, 'meta', second!.platformId)).status).toBe('paused');

    const again = await owner.client.post<ImportResult>(api('/imports/apply'), { kind: 'changes', csv: file, idempotencyKey });
    expect(again.body.results.filter((r) => r.outcome === 'sent').map((r) => r.changeId)).toEqual([budgetRow!.changeId, pauseRow!.changeId]);
    const audit = (await owner.client.get<{ items: Array<{ action: string; after: { sentCount: number } }> }>(api('/audit-log?limit=100'))).body.items.filter((e) => e.action === 'import.applied');
    expect(audit.map((e) => e.after.sentCount)).toEqual([2, 2]);
  });

  it('creates new campaigns from rows, and a member only in the accounts assigned to them', async () => {
    const heading = ['account_id', 'name', 'objective', 'budget', 'countries', 'age_min', 'headline', 'description', 'final_url'];
    const row = (account: string, name: string) => [account, name, 'OUTCOME_TRAFFIC', '25.00', 'DE|AT', '21', 'Autumn boots', 'Waterproof boots for wet trails.', 'https://shop.example.com/autumn'];
    const file = csv([heading, row(eur.platformAccountId, 'Imported autumn'), row(usd.platformAccountId, 'Not my account'), [...row(eur.platformAccountId, 'Bad'), ''].map((c, i) => (i === 4 ? 'Germany' : c))]);

    const preview = await member.client.post<ImportPreview>(api('/imports/preview'), { kind: 'campaigns', csv: file });
    expect(preview.status, preview.text).toBe(200);
    expect(preview.body.rows.map((r) => [r.line, r.errors.map((e) => e.column)])).toEqual([[2, []], [3, ['account_id']], [4, [null, 'countries']]]);
    expect(preview.body.rows[1]?.errors[0]?.message).toBe(`${usd.platformAccountId} is not an ad account you work on in Adloop`);

    const applied = await member.client.post<ImportResult>(api('/imports/apply'), { kind: 'campaigns', csv: file, idempotencyKey: `import-${randomUUID()}` });
    expect(applied.status, applied.text).toBe(200);
    const [proposed] = applied.body.results;
    // A member's launch waits for an approver, as from the wizard: nothing exists on the platform yet.
    expect(proposed).toMatchObject({ line: 2, outcome: 'sent', state: 'proposed', campaignId: null });
    const change = (await owner.client.get<CampaignChange>(api(`/campaign-changes/${proposed!.changeId}`))).body;
    expect(change).toMatchObject({ field: 'campaign', state: 'proposed', actorLabel: member.email });

    // The owner's own import of the same row launches it at once.
    const launched = await owner.client.post<ImportResult>(api('/imports/apply'), { kind: 'campaigns', csv: csv([heading, row(eur.platformAccountId, 'Imported autumn')]), idempotencyKey: `import-${randomUUID()}` });
    const [created] = launched.body.results;
    expect(created).toMatchObject({ line: 2, outcome: 'sent', state: 'applied' });
    const mirrored = (await campaignsOf(eur.id)).find((c) => c.id === created?.campaignId);
    expect(mirrored?.name).toBe('Imported autumn');
    expect((await onPlatform(eur, 'meta', mirrored!.platformId)).name).toBe('Imported autumn');
    expect(applied.body.results.slice(1).map((r) => r.outcome)).toEqual(['invalid', 'invalid']);
  });

  it('never creates a campaign twice: a row an earlier apply began and never finished is answered "check first", the rest go on', async () => {
    const heading = ['account_id', 'name', 'objective', 'budget', 'countries', 'age_min', 'headline', 'description', 'final_url'];
    const row = (name: string) => [eur.platformAccountId, name, 'OUTCOME_TRAFFIC', '25.00', 'DE', '21', 'Autumn boots', 'Waterproof boots for wet trails.', 'https://shop.example.com/autumn'];
    const file = csv([heading, row('Crash-safe one'), row('Crash-safe two')]);
    const idempotencyKey = `import-${randomUUID()}`;
    // An apply that stopped (a crash, a deploy) after it began creating line 2: the campaign may exist.
    await recordAudit(server.ctx.db, systemSource('test: an apply that stopped'), { orgId, action: 'import.row_begun', targetType: 'import', targetId: idempotencyKey, after: { kind: 'campaigns', line: 2 } });

    const applied = await owner.client.post<ImportResult>(api('/imports/apply'), { kind: 'campaigns', csv: file, idempotencyKey });
    expect(applied.status, applied.text).toBe(200);
    expect(applied.body.results.map((r) => [r.line, r.outcome])).toEqual([[2, 'failed'], [3, 'sent']]);
    expect(applied.body.results[0]!.message).toMatch(/may exist on the platform/);
    const names = (await campaignsOf(eur.id)).map((c) => c.name);
    expect(names).toContain('Crash-safe two');
    expect(names).not.toContain('Crash-safe one');

    // The same file again: line 3 is answered from the record made right after its creation, not sent twice.
    const again = await owner.client.post<ImportResult>(api('/imports/apply'), { kind: 'campaigns', csv: file, idempotencyKey });
    expect(again.body.results.map((r) => [r.line, r.outcome, r.campaignId])).toEqual([[2, 'failed', null], [3, 'sent', applied.body.results[1]!.campaignId]]);
    expect((await campaignsOf(eur.id)).filter((c) => c.name === 'Crash-safe two')).toHaveLength(1);
  });

  it('holds back a row a soft guardrail refuses, naming it, and sends it when the person goes past it', async () => {
    const campaign = (await campaignsOf(eur.id)).find((c) => c.status === 'active' && c.dailyBudgetMicros !== null)!;
    const file = csv([['campaign_id', 'action', 'amount'], [campaign.id, 'set_daily_budget', ((campaign.dailyBudgetMicros! * 10) / 1e6).toFixed(2)]]);
    const idempotencyKey = `import-${randomUUID()}`;
    const held = await owner.client.post<ImportResult>(api('/imports/apply'), { kind: 'changes', csv: file, idempotencyKey });
    expect(held.body.results[0]).toMatchObject({ outcome: 'failed', guardrails: [expect.objectContaining({ id: 'budget_jump', soft: true })] });
    const confirmed = await owner.client.post<ImportResult>(api('/imports/apply'), { kind: 'changes', csv: file, idempotencyKey, confirm: ['budget_jump'] });
    expect(confirmed.body.results[0]).toMatchObject({ outcome: 'sent', state: 'pending', campaignId: campaign.id });
  });

  it('refuses what is not a usable file with a clear 4xx naming the field, and viewers cannot import', async () => {
    const tooBig = await owner.client.post(api('/imports/preview'), { kind: 'changes', csv: `campaign_id,action\n${'x,pause\n'.repeat(300_000)}` });
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error.message).toMatch(/larger than 2 MB/);
    const tooMany = await owner.client.post(api('/imports/preview'), { kind: 'changes', csv: `campaign_id,action\n${'x,pause\n'.repeat(5001)}` });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.details.issues[0].field).toBe('csv');
    const badHeading = await owner.client.post<ImportPreview>(api('/imports/preview'), { kind: 'changes', csv: 'campaign_id,ammount\nx,5' });
    expect(badHeading.body.fileErrors.map((e) => e.column)).toEqual(['ammount', 'action']);
    const applyBad = await owner.client.post(api('/imports/apply'), { kind: 'changes', csv: 'campaign_id,ammount\nx,5', idempotencyKey: 'import-bad-heading' });
    expect(applyBad.status).toBe(400);
    expect((await owner.client.post(api('/imports/preview'), { kind: 'both', csv: 'a\nb' })).status).toBe(400);

    const template = await owner.client.get(api('/imports/template?kind=campaigns'));
    expect(template.status).toBe(200);
    expect(template.headers.get('content-type')).toMatch(/text\/csv/);
    expect(template.text.replace(/^\uFEFF/, '').split('\r\n')[0]).toMatch(/^account_id,platform,name,objective,budget_type,budget,/);

    expect((await viewer.client.post(api('/imports/preview'), { kind: 'changes', csv: 'campaign_id,action\nx,pause' })).status).toBe(403);
  });
});
