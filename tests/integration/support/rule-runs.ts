import { afterAll, beforeAll, expect } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { adGroups, campaignChanges } from '@adloop/db';
import type { CampaignChange, CampaignRow, Connection, Rule, RuleEntityOutcome, RuleJob, RuleRunSummary } from '@adloop/contracts';
import { startTestServer, type TestServer } from '../../setup/server.ts';
import { connectAndAdd, eventually, sandboxAccounts } from '../../setup/connect-helpers.ts';
import { orgWithTeam, type OrgWithTeam } from '../../setup/org-helpers.ts';

export type RuleRunDetail = RuleRunSummary & { entities: RuleEntityOutcome[]; entitiesNextCursor: string | null };

/** One entry of the sandbox's change log (GET /control/mutations). */
export interface Mutation { seq: number; account: string; level: string; id: string; field: string; old: unknown; new: unknown }

export const always = { kind: 'all', conditions: [{ kind: 'condition', metric: 'spend', window: { kind: 'last_days', days: 3, includeToday: false }, operator: 'gte', compare: { kind: 'value', value: 0 } }] };
export const LOOSE = { cooldownHours: 0, skipLearning: false, overrideHours: 72 };

/** What the rule-run tests of one file share, filled in by the file's beforeAll. */
export interface RuleRunsState {
  server: TestServer;
  org: OrgWithTeam;
  orgId: string;
  /** The active campaigns, shared out one by one (take) so that no two tests act on the same one. */
  pool: CampaignRow[];
}

/**
 * Registers the file's beforeAll/afterAll (call it inside the describe): a server with its Meta
 * sandbox, an organisation with a team, every sandbox account connected and synced. Returns the
 * shared state and the helpers the rule-run tests use.
 */
export function setUpRuleRuns() {
  const state = { orgId: '', pool: [] } as unknown as RuleRunsState;
  const sandboxIds = new Set<string>();
  const api = (path: string) => `/api/v1/orgs/${state.orgId}${path}`;
  const owner = () => state.org.team.owner.client;
  const take = (n: number) => state.pool.splice(0, n);

  const createRule = async (name: string, mode: string, then: unknown[], entityIds: string[], extra: { when?: unknown; limits?: Record<string, unknown>; statuses?: string[]; level?: string } = {}) => {
    const response = await owner().post<Rule>(api('/rules'), {
      name,
      mode,
      definition: { scope: { level: extra.level ?? 'campaign', entityIds, statuses: extra.statuses ?? ['active', 'paused'] }, when: extra.when ?? always, then, limits: { ...LOOSE, ...extra.limits } },
    });
    expect(response.status, response.text).toBe(201);
    return response.body;
  };
  const runNow = async (ruleId: string) => {
    // Runs are told apart by their start: the test's clock moves on a second per run, as time would.
    state.server.clock.advance(1_000);
    const response = await owner().post<RuleJob>(api(`/rules/${ruleId}/run`), {});
    expect(response.status, response.text).toBe(202);
    const job = await finished(owner(), response.body.id);
    expect(job.state, job.error ?? '').toBe('done');
    return job.run!;
  };
  /** A rule job polled until it is done or failed. */
  const finished = (client: ReturnType<typeof owner>, jobId: string) =>
    eventually(async () => {
      const job = (await client.get<RuleJob>(api(`/rules/jobs/${jobId}`))).body;
      return job.state === 'done' || job.state === 'failed' ? job : null;
    }, 120_000, 'the rule job');
  const detail = async (ruleId: string, runId: string) => (await owner().get<RuleRunDetail>(api(`/rules/${ruleId}/runs/${runId}?limit=500`))).body;
  const change = async (id: string) => (await owner().get<CampaignChange>(api(`/campaign-changes/${id}`))).body;
  const settle = () =>
    eventually(async () => {
      const open = await state.server.ctx.db.select({ id: campaignChanges.id }).from(campaignChanges).where(and(eq(campaignChanges.orgId, state.orgId), eq(campaignChanges.state, 'pending')));
      return open.length === 0;
    }, 60_000, 'pending changes to settle');
  const ruleChanges = (ruleId: string) => state.server.ctx.db.select().from(campaignChanges).where(and(eq(campaignChanges.orgId, state.orgId), eq(campaignChanges.actorType, 'rule'), eq(campaignChanges.actorId, ruleId)));
  const logSeq = async () => (await platformLog(0)).reduce((max, m) => Math.max(max, m.seq), 0);
  const platformLog = async (since: number): Promise<Mutation[]> => {
    const response = await fetch(`${state.server.sandbox!.urls.control}/control/mutations?platform=meta&since=${since}`);
    return ((await response.json()) as { mutations: Mutation[] }).mutations.filter((m) => sandboxIds.has(m.account));
  };
  const campaignsNow = async () => (await owner().get<{ items: CampaignRow[] }>(api('/campaigns?limit=200'))).body.items;
  /** Active ad sets the pause-threshold test leaves alone (it takes the first 8 by platform id), from the last. */
  const spareAdSets = async (n: number) =>
    (await state.server.ctx.db.select().from(adGroups).where(and(eq(adGroups.orgId, state.orgId), eq(adGroups.status, 'active')))).sort((a, b) => a.platformId.localeCompare(b.platformId)).slice(8).slice(-n);

  beforeAll(async () => {
    state.server = await startTestServer();
    state.org = await orgWithTeam(state.server, 'Rule Runs Co');
    state.orgId = state.org.orgId;
    const accounts = sandboxAccounts(state.server, 'meta').filter((a) => !a.isManager);
    accounts.forEach((a) => sandboxIds.add(a.id));
    await connectAndAdd(state.org.team.owner, state.orgId, 'meta', accounts.map((a) => a.id));
    await eventually(async () => {
      const overview = (await owner().get<{ connections: Connection[] }>(api('/connections'))).body;
      const accounts = overview.connections.flatMap((c) => c.accounts.filter((a) => a.selected));
      return accounts.length > 0 && accounts.every((a) => a.health.structureSyncedAt !== null && a.health.metricsSyncedAt !== null);
    }, 180_000, 'structure and metrics sync');
    state.pool.push(...(await campaignsNow()).filter((c) => c.status === 'active'));
    expect(state.pool.length).toBeGreaterThanOrEqual(9);
  }, 300_000);
  afterAll(async () => state.server?.close());

  return { state, api, owner, take, createRule, runNow, finished, detail, change, settle, ruleChanges, logSeq, platformLog, campaignsNow, spareAdSets };
}
