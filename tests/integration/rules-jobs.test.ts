import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { backtestRule } from '../../apps/server/src/modules/rules/backtest/index.ts';
import type { RuleJob } from '@adloop/contracts';
import { RuleDefinition } from '@adloop/contracts';
import { adAccounts, campaigns, organizations, platformConnections, ruleJobs } from '@adloop/db';
import type { MetricsRow } from '@adloop/platforms';
import { createMetricsRepository } from '../../apps/server/src/modules/metrics/metrics.repository.ts';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { signUpVerifiedUser, type SignedUpUser } from '../setup/auth-helpers.ts';
import { eventually } from '../setup/connect-helpers.ts';

/**
 * Backtests and "run now" as background jobs over the API: 202 with the job, then its state and
 * progress until the result; and an organisation or ad account zone the runtime cannot read never
 * fails them (the objects are skipped, saying why), while a bad zone sent to the API is a 400.
 */
const NOW = new Date('2026-11-20T15:00:00Z');
const UNIT = 1_000_000;
const HOUR_MS = 3_600_000;

const definition = RuleDefinition.parse({
  scope: { level: 'campaign' },
  when: { kind: 'any', conditions: [{ kind: 'condition', metric: 'spend', window: { kind: 'today' }, operator: 'gt', compare: { kind: 'value', value: 20 } }] },
  then: [{ type: 'notify', channels: ['in_app'] }],
  limits: { cooldownHours: 6, skipLearning: false },
  schedule: { frequency: 'hourly' },
});

describe('rule jobs', () => {
  let server: TestServer;
  let owner: SignedUpUser;
  let orgId: string;
  let bernId: string;
  const api = (path: string) => `/api/v1/orgs/${orgId}${path}`;
  const job = async (id: string) => (await owner.client.get<RuleJob>(api(`/rules/jobs/${id}`))).body;
  const finished = (id: string) => eventually(async () => ((await job(id)).state === 'done' || (await job(id)).state === 'failed' ? job(id) : null), 120_000, 'the rule job');

  beforeAll(async () => {
    server = await startTestServer();
    server.clock.set(NOW);
    owner = await signUpVerifiedUser(server, { organizationName: 'Zones Co' });
    orgId = owner.orgId!;
    const db = server.ctx.db;
    const [connection] = await db.insert(platformConnections).values({ orgId, platform: 'meta' }).returning();
    const metrics = createMetricsRepository(db);
    for (const [n, zone] of ['Europe/Zurich', 'America/Chicago'].entries()) {
      const [account] = await db
        .insert(adAccounts)
        .values({ orgId, connectionId: connection!.id, platform: 'meta', platformAccountId: `act_${n}`, name: zone, currency: 'USD', timeZone: zone, selected: true, nextSyncAt: new Date('2099-01-01T00:00:00Z'), metricsSyncedAt: NOW })
        .returning();
      if (n === 0) bernId = account!.id;
      for (let c = 0; c < 2; c++) {
        const pid = `c-${n}-${c}`;
        await db.insert(campaigns).values({ id: randomUUID(), orgId, adAccountId: account!.id, platformId: pid, name: `Campaign ${n}-${c}`, status: 'active', rawStatus: 'ACTIVE', currency: 'USD', dailyBudgetMicros: 100 * UNIT, syncedAt: NOW });
        // Hourly rows (UTC basis) for 9 days up to now, $1–$4 an hour, and their daily totals by the UTC date.
        const rows: MetricsRow[] = [];
        const days = new Map<string, number>();
        for (let t = NOW.getTime() - 9 * 24 * HOUR_MS; t < NOW.getTime(); t += HOUR_MS) {
          const at = new Date(t);
          const spend = (1 + ((t / HOUR_MS + c * 7 + n) % 4)) * UNIT;
          const date = at.toISOString().slice(0, 10);
          rows.push({ level: 'campaign', entityPlatformId: pid, campaignPlatformId: pid, date, hour: at.getUTCHours(), timeBasis: 'utc', impressions: 100, clicks: 5, spend: { micros: spend, currency: 'USD' }, conversions: 0, conversionValue: { micros: 0, currency: 'USD' } });
          days.set(date, (days.get(date) ?? 0) + spend);
        }
        for (const [date, spend] of days) rows.push({ level: 'campaign', entityPlatformId: pid, campaignPlatformId: pid, date, hour: null, timeBasis: 'utc', impressions: 2400, clicks: 120, spend: { micros: spend, currency: 'USD' }, conversions: 0, conversionValue: { micros: 0, currency: 'USD' } });
        await metrics.upsert(orgId, account!.id, rows, NOW);
      }
    }
  }, 120_000);
  afterAll(async () => server?.close());

  it('backtests in the background: 202 with the job, progress while it runs, the same result as the replay itself when done', async () => {
    const asked = await owner.client.post<RuleJob>(api('/rules/backtest'), { definition, days: 7 });
    expect(asked.status, asked.text).toBe(202);
    expect(asked.body).toMatchObject({ kind: 'backtest', ruleId: null, state: 'queued', progress: 0, backtest: null, run: null, error: null });
    const seen = new Set<string>();
    const done = await eventually(async () => {
      const now = await job(asked.body.id);
      seen.add(now.state);
      expect(now.progress).toBeGreaterThanOrEqual(0);
      expect(now.progress).toBeLessThanOrEqual(1);
      if (now.state === 'running') expect(now.progressText).toMatch(/Replaying 7 days: \d+ % done/);
      return now.state === 'done' || now.state === 'failed' ? now : null;
    }, 120_000, 'the backtest');
    expect(done).toMatchObject({ state: 'done', progress: 1, error: null, progressText: null });
    expect(done.startedAt).not.toBeNull();
    expect(done.finishedAt).not.toBeNull();
    const told: [number, number][] = [];
    const direct = await backtestRule(server.ctx, orgId, definition, 7, NOW, null, undefined, async (replayed, total) => void told.push([replayed, total]));
    expect(done.backtest).toEqual(direct);
    // Progress is told a day's worth of steps at a time, counting up to every step replayed.
    expect(told.length).toBe(7);
    expect(told.map(([replayed]) => replayed)).toEqual([0, 24, 48, 72, 96, 120, 144]);
    expect(told.every(([, total]) => total === direct.evaluations)).toBe(true);
    expect(direct.fires).toBeGreaterThan(0);

    const bad = await owner.client.post<{ error: { details: { issues: { field: string }[] } } }>(api('/rules/backtest'), { definition, days: 120 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues[0]!.field).toBe('days');
    expect((await owner.client.get(api(`/rules/jobs/${randomUUID()}`))).status).toBe(404);
  }, 180_000);

  it('runs a rule now in the background: 202, then the run when done', async () => {
    const created = await owner.client.post<{ id: string }>(api('/rules'), { name: 'Spend today', mode: 'notify', definition });
    expect(created.status, created.text).toBe(201);
    const asked = await owner.client.post<RuleJob>(api(`/rules/${created.body.id}/run`), {});
    expect(asked.status, asked.text).toBe(202);
    expect(asked.body).toMatchObject({ kind: 'run', ruleId: created.body.id, state: 'queued' });
    const done = await finished(asked.body.id);
    expect(done.state, done.error ?? '').toBe('done');
    expect(done.run).toMatchObject({ ruleId: created.body.id, trigger: 'manual', outcome: 'ok', examined: 4 });
    const runs = (await owner.client.get<{ items: { id: string }[] }>(api(`/rules/${created.body.id}/runs`))).body.items;
    expect(runs.map((r) => r.id)).toEqual([done.run!.id]);
    expect((await owner.client.post(api(`/rules/${randomUUID()}/run`), {})).status).toBe(404);
  }, 180_000);

  it('reads a job whose worker stopped long ago as failed, saying to ask again', async () => {
    const [lost] = await server.ctx.db
      .insert(ruleJobs)
      .values({ orgId, kind: 'backtest', state: 'running', request: { definition, days: 7 }, accountIds: null, createdAt: new Date(NOW.getTime() - 3_600_000), startedAt: new Date(NOW.getTime() - 3_600_000) })
      .returning();
    expect(await job(lost!.id)).toMatchObject({ state: 'failed', error: expect.stringMatching(/stopped before finishing/), backtest: null });
  });

  it('refuses a zone that is not an IANA zone at the API, naming the field', async () => {
    for (const timeZone of ['Mars/Olympus_Mons', '+01:00', '']) {
      const bad = await owner.client.patch<{ error: { details: { issues: { field: string }[] } } }>(`/api/v1/orgs/${orgId}`, { timeZone });
      expect(bad.status, timeZone).toBe(400);
      expect(bad.body.error.details.issues.map((i) => i.field)).toContain('timeZone');
    }
  });

  it('never fails on a zone the runtime cannot read: the objects in it are skipped, saying why', async () => {
    // Rows written before zones were checked, or a platform's: set in the database directly.
    await server.ctx.db.update(organizations).set({ timeZone: 'Mars/Olympus_Mons' }).where(eq(organizations.id, orgId));
    await server.ctx.db.update(adAccounts).set({ timeZone: 'Europe/Atlantis' }).where(eq(adAccounts.id, bernId));

    const asked = await owner.client.post<RuleJob>(api('/rules/backtest'), { definition, days: 7 });
    expect(asked.status, asked.text).toBe(202);
    const done = await finished(asked.body.id);
    expect(done.state, done.error ?? '').toBe('done');
    // Only the campaigns of the readable account can fire; the others are skipped.
    const fired = new Set(done.backtest!.entities.map((e) => e.name));
    expect([...fired].every((name) => name.startsWith('Campaign 1-'))).toBe(true);
    expect(fired.size).toBeGreaterThan(0);

    const rule = await owner.client.post<{ id: string }>(api('/rules'), { name: 'Zones', mode: 'notify', definition });
    expect(rule.status, rule.text).toBe(201);
    const run = await finished((await owner.client.post<RuleJob>(api(`/rules/${rule.body.id}/run`), {})).body.id);
    expect(run.state, run.error ?? '').toBe('done');
    expect(run.run!.outcome, run.run!.message ?? '').toBe('ok');
    const detail = (await owner.client.get<{ entities: { name: string; skipReason: string | null; explanation: string }[] }>(api(`/rules/${rule.body.id}/runs/${run.run!.id}`))).body;
    const skipped = detail.entities.filter((e) => e.skipReason === 'time_zone');
    expect(skipped.map((e) => e.name).sort()).toEqual(['Campaign 0-0', 'Campaign 0-1']);
    expect(skipped[0]!.explanation).toMatch(/Time zone “Europe\/Atlantis” of its ad account is unknown/);
  }, 180_000);
});
