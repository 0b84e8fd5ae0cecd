import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { aiSpendMonths, aiUsage, notifications } from '@adloop/db';
import { costMicros, type LlmClient } from '@adloop/ai';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { orgWithTeam, type OrgWithTeam } from '../setup/org-helpers.ts';
import { AiCapReachedError, aiAvailable, meteredCall, releaseStaleReservations, STALE_RESERVATION_MS, usageMonth, worstCaseFor, type AiCaller } from '../../apps/server/src/modules/ai/metering.ts';
import { saveAiSettings } from '../../apps/server/src/modules/ai/settings.repository.ts';

const PLAN = { promptTokens: 40, maxOutputTokens: 60 };
const ask = (client: LlmClient, n: number) =>
  client.chat({ messages: [{ role: 'user', content: `Write one short headline for hiking boots, number ${n}.` }], maxOutputTokens: PLAN.maxOutputTokens });

describe('AI metering and the monthly cap', () => {
  let server: TestServer;
  let org: OrgWithTeam;
  let caller: AiCaller;
  let worst = 0;

  const sent = () => server.llmSandbox!.state.calls.openai + server.llmSandbox!.state.calls.anthropic;
  const spendRow = async (orgId: string) => (await server.ctx.db.select().from(aiSpendMonths).where(and(eq(aiSpendMonths.orgId, orgId), eq(aiSpendMonths.month, usageMonth(server.clock.now())))))[0];
  const usageRows = async (orgId: string) => server.ctx.db.select().from(aiUsage).where(eq(aiUsage.orgId, orgId));

  beforeAll(async () => {
    server = await startTestServer();
    org = await orgWithTeam(server, 'Metered Co');
    caller = { orgId: org.orgId, userId: org.team.member.user.id, userLabel: org.team.member.email, feature: 'copy' };
    worst = worstCaseFor(server.ctx.ai.client!, PLAN).worstCaseMicros;
  });
  afterAll(async () => server?.close());

  it('runs the LLM sandbox beside the server in sandbox mode, so AI is available', () => {
    expect(aiAvailable(server.ctx)).toBe(true);
    expect(server.llmSandbox?.urls.openai).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
  });

  it('a burst of 50 concurrent calls against a cap that fits 10 sends exactly 10; the rest are refused unsent (402 ai_cap_reached)', async () => {
    await saveAiSettings(server.ctx.db, org.orgId, { brandVoice: { tone: [], requiredTerms: [], bannedTerms: [], messageRestrictions: [] }, monthlyCapMicros: worst * 10 + Math.floor(worst / 2) }, server.clock.now(), 'test');
    const before = sent();
    // Every admitted call waits until all 50 have been decided, so no settlement frees room meanwhile.
    let decided = 0;
    let release!: () => void;
    const allDecided = new Promise<void>((resolve) => (release = resolve));
    const decide = () => {
      decided += 1;
      if (decided === 50) release();
    };
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        meteredCall(server.ctx, caller, PLAN, async (client) => {
          decide();
          await allDecided;
          const response = await ask(client, i);
          return { value: response.text, usage: response.usage, provider: response.provider, model: response.model };
        }).catch((error: unknown) => {
          if (error instanceof AiCapReachedError) decide();
          throw error;
        }),
      ),
    );
    const admitted = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(admitted).toHaveLength(10);
    expect(refused).toHaveLength(40);
    for (const r of refused) expect(r.reason).toMatchObject({ code: 'ai_cap_reached', status: 402 });
    expect(sent() - before).toBe(10);

    const row = await spendRow(org.orgId);
    expect(row?.reservedMicros).toBe(0);
    expect(row?.spentMicros).toBeLessThanOrEqual(worst * 10 + Math.floor(worst / 2));
    expect(row?.cappedAt).not.toBeNull();
    const rows = await usageRows(org.orgId);
    expect(rows.filter((r) => r.status === 'settled')).toHaveLength(10);
    expect(rows.filter((r) => r.status === 'refused')).toHaveLength(40);
    expect(rows.filter((r) => r.status === 'refused').every((r) => r.costMicros === 0 && r.tokensIn === 0)).toBe(true);
    expect(row?.spentMicros).toBe(rows.reduce((sum, r) => sum + r.costMicros, 0));
  });

  it('settles with the tokens the provider reported, priced by the catalog', async () => {
    const team = await orgWithTeam(server, 'Settle Co');
    const who: AiCaller = { ...caller, orgId: team.orgId, userId: team.team.owner.user.id, userLabel: team.team.owner.email };
    let reported: { inputTokens: number; outputTokens: number } | null = null;
    const result = await meteredCall(server.ctx, who, PLAN, async (client) => {
      const response = await ask(client, 1);
      reported = response.usage;
      return { value: response.text, usage: response.usage, provider: response.provider, model: response.model };
    });
    const model = server.ctx.ai.client!.registry.models().find((m) => m.id === result.model)!;
    expect(reported).not.toBeNull();
    expect(result.costMicros).toBe(costMicros(model, reported!));
    expect(result.costMicros).toBeGreaterThan(0);
    expect(result.costMicros).toBeLessThan(worst);
    const [row] = await server.ctx.db.select().from(aiUsage).where(eq(aiUsage.id, result.usageId));
    expect(row).toMatchObject({ status: 'settled', tokensIn: reported!.inputTokens, tokensOut: reported!.outputTokens, costMicros: result.costMicros, provider: result.provider, model: result.model, feature: 'copy', userId: team.team.owner.user.id });
    expect((await spendRow(team.orgId))).toMatchObject({ reservedMicros: 0, spentMicros: result.costMicros });
  });

  it('a call the provider refuses is recorded as failed, its reservation released, nothing spent', async () => {
    const team = await orgWithTeam(server, 'Failing Co');
    const who: AiCaller = { ...caller, orgId: team.orgId, userId: null, userLabel: null };
    // Both providers refuse the key: the client falls back, then gives up.
    for (const format of ['openai', 'anthropic']) {
      const fault = await fetch(`${server.llmSandbox!.urls.control}/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ format, status: 401 }) });
      expect(fault.status).toBe(200);
    }
    await expect(meteredCall(server.ctx, who, PLAN, async (client) => {
      const response = await ask(client, 2);
      return { value: response.text, usage: response.usage, provider: response.provider, model: response.model };
    })).rejects.toMatchObject({ name: 'LlmError', kind: 'unavailable' });
    const [row] = await usageRows(team.orgId);
    expect(row).toMatchObject({ status: 'failed', costMicros: 0, error: expect.any(String) });
    expect(await spendRow(team.orgId)).toMatchObject({ reservedMicros: 0, spentMicros: 0 });
  });

  it('warns owners and admins once when the month reaches 80 % of the cap (notification and email)', async () => {
    const team = await orgWithTeam(server, 'Warned Co');
    const cap = worst * 20;
    await saveAiSettings(server.ctx.db, team.orgId, { brandVoice: { tone: [], requiredTerms: [], bannedTerms: [], messageRestrictions: [] }, monthlyCapMicros: cap }, server.clock.now(), 'test');
    const month = usageMonth(server.clock.now());
    // Spending so far: just under 80 %; the next call's real cost crosses it.
    await server.ctx.db.insert(aiSpendMonths).values({ orgId: team.orgId, month, spentMicros: Math.ceil(cap * 0.8) - 1 });
    const who: AiCaller = { ...caller, orgId: team.orgId, userId: team.team.member.user.id, userLabel: team.team.member.email };
    const run = (n: number) => meteredCall(server.ctx, who, PLAN, async (client) => {
      const response = await ask(client, n);
      return { value: response.text, usage: response.usage, provider: response.provider, model: response.model };
    });
    await run(3);
    expect((await spendRow(team.orgId))?.warnedAt).not.toBeNull();
    const ownerMail = await server.waitForEmail(team.team.owner.email, /AI spending reached 8\d % of this month's limit/);
    await server.waitForEmail(team.team.admin.email, /AI spending reached/);
    expect(ownerMail.text).toContain(`/orgs/${team.orgId}/settings/ai-usage`);
    await run(4);
    await run(5);
    const told = await server.ctx.db.select().from(notifications).where(and(eq(notifications.orgId, team.orgId), eq(notifications.kind, 'ai.usage_80')));
    expect(told.map((n) => n.userId).sort()).toEqual([team.team.owner.user.id, team.team.admin.user.id].sort());
    // Give a second email time to arrive if one were (wrongly) sent.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const mailbox = await server.client().get<{ items: Array<{ subject: string }> }>(`/api/v1/dev/mailbox?to=${encodeURIComponent(team.team.owner.email)}`);
    expect(mailbox.body.items.filter((m) => /AI spending reached/.test(m.subject))).toHaveLength(1);
    const manager = await server.client().get<{ items: Array<{ subject: string }> }>(`/api/v1/dev/mailbox?to=${encodeURIComponent(team.team.manager.email)}`);
    expect(manager.body.items.filter((m) => /AI spending reached/.test(m.subject))).toHaveLength(0);
  });

  it('releases the reservation of a call cut off mid-way, and its late answer is not released twice', async () => {
    const team = await orgWithTeam(server, 'Cut Co');
    const who: AiCaller = { ...caller, orgId: team.orgId, userId: null, userLabel: null };
    let resume!: () => void;
    const paused = new Promise<void>((resolve) => (resume = resolve));
    let entered!: () => void;
    const inCall = new Promise<void>((resolve) => (entered = resolve));
    const slow = meteredCall(server.ctx, who, PLAN, async (client) => {
      entered();
      await paused;
      const response = await ask(client, 9);
      return { value: response.text, usage: response.usage, provider: response.provider, model: response.model };
    });
    await inCall;
    expect((await spendRow(team.orgId))?.reservedMicros).toBe(worst);
    expect(await releaseStaleReservations(server.ctx)).toBe(0);
    server.clock.advance(STALE_RESERVATION_MS + 1_000);
    expect(await releaseStaleReservations(server.ctx)).toBeGreaterThanOrEqual(1);
    expect(await spendRow(team.orgId)).toMatchObject({ reservedMicros: 0, spentMicros: 0 });
    expect((await usageRows(team.orgId))[0]).toMatchObject({ status: 'failed', error: expect.stringMatching(/interrupted/) });
    // The answer arrives after all: its real cost is spent, nothing is released a second time.
    await server.ctx.db.update(aiSpendMonths).set({ reservedMicros: 5 }).where(eq(aiSpendMonths.orgId, team.orgId));
    resume();
    const result = await slow;
    expect(await spendRow(team.orgId)).toMatchObject({ reservedMicros: 5, spentMicros: result.costMicros });
    expect((await usageRows(team.orgId))[0]).toMatchObject({ costMicros: result.costMicros });
  });
});
