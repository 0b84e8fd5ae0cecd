import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { campaignChanges, notifications } from '@adloop/db';
import type { CampaignRow } from '@adloop/contracts';
import { startTestServer, type TestServer } from '../../../../../tests/setup/server.ts';
import { connectAndAdd, eventually, sandboxAccounts } from '../../../../../tests/setup/connect-helpers.ts';
import { orgWithTeam, type OrgWithTeam } from '../../../../../tests/setup/org-helpers.ts';
import { submitChangeBatch, type ChangeActor, type ChangeSubmission } from './index.ts';

/**
 * Many submissions through the change pipeline at once (a rule tick's objects): each checked on its
 * own over one read, refused alone, written together; the same key answers with what it created.
 */
describe('change batch', () => {
  let server: TestServer;
  let org: OrgWithTeam;
  let orgId = '';
  const rule: ChangeActor = { type: 'rule', id: randomUUID(), label: 'Rule “Batch”' };
  const api = (path: string) => `/api/v1/orgs/${orgId}${path}`;
  const campaigns = async () => (await org.team.owner.client.get<{ items: CampaignRow[] }>(api('/campaigns?limit=200'))).body.items;
  const rowsOf = (keys: string[]) => server.ctx.db.select().from(campaignChanges).where(and(eq(campaignChanges.orgId, orgId), inArray(campaignChanges.idempotencyKey, keys)));
  const proposal = (key: string, intents: ChangeSubmission['intents']): ChangeSubmission => ({
    actor: rule,
    intents,
    options: { ruleMode: 'approve', idempotencyKey: key, reason: `reason ${key}`, evidence: { key } },
  });

  beforeAll(async () => {
    server = await startTestServer();
    org = await orgWithTeam(server, 'Batch Co');
    orgId = org.orgId;
    const accounts = sandboxAccounts(server, 'meta').filter((a) => !a.isManager).slice(0, 3);
    await connectAndAdd(org.team.owner, orgId, 'meta', accounts.map((a) => a.id));
    await eventually(async () => (await campaigns()).filter((c) => c.dailyBudgetMicros !== null && c.dailyBudgetMicros >= 10_000_000).length >= 4, 120_000, 'structure sync');
  }, 240_000);
  afterAll(async () => server?.close());

  it('checks each submission on its own, writes the others together, tells approvers once, and answers a key again with what it created', async () => {
    const [a, b, c, d] = (await campaigns()).filter((x) => x.dailyBudgetMicros !== null && x.dailyBudgetMicros >= 10_000_000 && (x.status === 'active' || x.status === 'paused')) as [CampaignRow, CampaignRow, CampaignRow, CampaignRow];
    const [k0, k1, k2] = [randomUUID(), randomUUID(), randomUUID()];
    const batch = [
      proposal(k0, [{ campaignId: a.id, action: 'set_daily_budget', amountMicros: a.dailyBudgetMicros! + 1_000_000, expected: { dailyBudgetMicros: a.dailyBudgetMicros } }]),
      // Ten times the budget: past the budget-jump guardrail, which a rule can never confirm.
      proposal(k1, [{ campaignId: b.id, action: 'set_daily_budget', amountMicros: b.dailyBudgetMicros! * 10, expected: { dailyBudgetMicros: b.dailyBudgetMicros } }]),
      proposal(k2, [{ campaignId: c.id, action: c.status === 'active' ? 'pause' : 'enable', expected: { status: c.status } }]),
      // The first key again in the same batch: the same answer, nothing written twice.
      proposal(k0, [{ campaignId: a.id, action: 'set_daily_budget', amountMicros: a.dailyBudgetMicros! + 2_000_000, expected: { dailyBudgetMicros: a.dailyBudgetMicros } }]),
      // A campaign not of this organisation: refused alone, naming the field.
      proposal(randomUUID(), [{ campaignId: randomUUID(), action: 'pause', expected: { status: 'active' } }]),
    ];
    const before = await server.ctx.db.select({ id: notifications.id }).from(notifications).where(and(eq(notifications.orgId, orgId), eq(notifications.kind, 'change.proposed')));
    const outcomes = await submitChangeBatch(server.ctx, orgId, batch);
    expect(outcomes.map((o) => (o.error ? o.error.code : o.changes.map((r) => r.state).join()))).toEqual(['proposed', 'guardrail_refused', 'proposed', 'proposed', 'validation_failed']);
    expect(outcomes[1]!.error!.message).toMatch(/budget/i);
    expect(outcomes[4]!.error!.message).toMatch(/changes\.0\.campaignId/);
    expect(outcomes[3]!.changes!.map((r) => r.id)).toEqual(outcomes[0]!.changes!.map((r) => r.id));

    const written = await rowsOf([k0, k1, k2]);
    expect(written.map((r) => [r.idempotencyKey, r.campaignId, r.state, r.reason, r.actorType, r.actorId]).sort()).toEqual(
      [
        [k0, a.id, 'proposed', `reason ${k0}`, 'rule', rule.id],
        [k2, c.id, 'proposed', `reason ${k2}`, 'rule', rule.id],
      ].sort(),
    );
    expect(written.find((r) => r.idempotencyKey === k0)!.evidence).toEqual({ key: k0 });
    expect(written.find((r) => r.idempotencyKey === k0)!.after).toBe(String(a.dailyBudgetMicros! + 1_000_000));
    // One in-app notification per approver for the rule's two proposals (the owner and the admins of the team).
    const after = await server.ctx.db.select({ title: notifications.title }).from(notifications).where(and(eq(notifications.orgId, orgId), eq(notifications.kind, 'change.proposed')));
    const fresh = after.slice(before.length);
    expect(fresh.length).toBeGreaterThan(0);
    expect(new Set(fresh.map((n) => n.title))).toEqual(new Set([`${rule.label} proposes 2 changes`]));

    // The whole batch again: every key answers with what it created; nothing new is written.
    const again = await submitChangeBatch(server.ctx, orgId, batch);
    expect(again[0]!.changes!.map((r) => r.id)).toEqual(outcomes[0]!.changes!.map((r) => r.id));
    expect(again[2]!.changes!.map((r) => r.id)).toEqual(outcomes[2]!.changes!.map((r) => r.id));
    expect(again[1]!.error?.code).toBe('guardrail_refused');
    expect((await rowsOf([k0, k1, k2])).length).toBe(2);

    // The per-day limit counts what the batch accepted before: the eleventh change of one campaign today is refused.
    const renames = Array.from({ length: 11 }, (_, i) => proposal(randomUUID(), [{ campaignId: d.id, action: 'rename', name: `${d.name} v${i}`, expected: { name: d.name } }]));
    const limited = await submitChangeBatch(server.ctx, orgId, renames);
    expect(limited.slice(0, 10).every((o) => o.changes?.length === 1)).toBe(true);
    expect(limited[10]!.error?.code).toBe('guardrail_refused');
  });
});
